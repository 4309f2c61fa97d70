import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUUID, Length } from 'class-validator';
import { CaseStatus } from '@heqi/cases';
import { ExclusionReason, type ReassignResult } from '@heqi/assignment';

export class ReassignCaseDto {
  @ApiProperty({ format: 'uuid', description: '改派给的调解员（须负责该案件所在地区）' })
  @IsUUID('all', { message: '必须是 UUID' })
  mediatorId!: string;

  @ApiProperty({ minLength: 2, maxLength: 500, example: '原调解员长期病假，改由镇调解室办理' })
  @IsString()
  @Length(2, 500)
  reason!: string;
}

export class ReassignResultDto implements ReassignResult {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() caseNo!: string;
  @ApiProperty({ enum: CaseStatus, enumName: 'CaseStatus', example: CaseStatus.InMediation })
  status!: CaseStatus;
  @ApiProperty({ format: 'uuid' }) mediatorId!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) previousMediatorId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: '被撤回的派案' })
  withdrawnOfferId!: string | null;
  @ApiProperty({ description: '改派后的在办数（待接受派案 + 在办案件）' }) load!: number;
  @ApiProperty() capacity!: number;
  @ApiProperty({ description: '督导决定超出容量承办' }) overCapacity!: boolean;
  @ApiProperty({
    enum: ExclusionReason,
    enumName: 'ExclusionReason',
    isArray: true,
    description: '督导越过的派案规则（擅长类别、曾拒绝、集体争议层级等）',
  })
  warnings!: ExclusionReason[];
}
