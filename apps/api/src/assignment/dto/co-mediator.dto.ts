import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { type CoAppointResult, type CoEndResult, ExclusionReason } from '@heqi/assignment';

export class AppointCoMediatorDto {
  @ApiProperty({ format: 'uuid', description: '指定的志愿律师（须负责该案件所在地区）' })
  @IsUUID('all', { message: '必须是 UUID' })
  mediatorId!: string;

  @ApiProperty({ minLength: 2, maxLength: 500, example: '集体争议涉及社保补缴，请律师协同调解' })
  @IsString()
  @Length(2, 500)
  reason!: string;
}

export class EndCoMediationDto {
  @ApiProperty({ minLength: 2, maxLength: 500, example: '发现所在律所曾代理被申请人，主动回避' })
  @IsString()
  @Length(2, 500)
  reason!: string;

  @ApiPropertyOptional({
    default: true,
    description:
      '集体争议：为本案另找一位志愿律师（不会再派给退出的律师）；false 则由主调解员独立调解',
  })
  @IsOptional()
  @IsBoolean()
  seekAnother?: boolean;
}

export class CoAppointResultDto implements CoAppointResult {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() caseNo!: string;
  @ApiProperty({ format: 'uuid' }) mediatorId!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: '被替换的协同律师' })
  previousMediatorId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: '被撤回的协同派案' })
  withdrawnOfferId!: string | null;
  @ApiProperty({ description: '指定后的在办数（待接受派案 + 在办与协同案件）' }) load!: number;
  @ApiProperty() capacity!: number;
  @ApiProperty({ description: '督导决定超出容量' }) overCapacity!: boolean;
  @ApiProperty({
    enum: ExclusionReason,
    enumName: 'ExclusionReason',
    isArray: true,
    description: '督导越过的派案规则（擅长类别、曾拒绝、曾退出等）',
  })
  warnings!: ExclusionReason[];
}

export class CoEndResultDto implements CoEndResult {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() caseNo!: string;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: '结束协同调解的律师（仅撤回了未答复的协同派案时为 null）',
  })
  mediatorId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: '被撤回的协同派案' })
  withdrawnOfferId!: string | null;
  @ApiProperty({ description: '是否已为本案另找志愿律师' }) seekingAnother!: boolean;
}
