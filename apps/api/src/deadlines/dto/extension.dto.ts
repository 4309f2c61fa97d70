import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { ClockKind, type ExtensionView, type ListedExtensionView } from '@heqi/deadlines';
import { PageQueryDto } from '../../common/dto/page-query.dto.js';

export class RequestExtensionDto {
  @ApiProperty({
    enum: ClockKind,
    enumName: 'ClockKind',
    example: 'hotline_reply',
    description: '要延期的期限种类（须有进行中的该类期限，且期限规则允许延期）',
  })
  @IsEnum(ClockKind)
  deadline!: ClockKind;

  @ApiProperty({
    minimum: 1,
    maximum: 366,
    example: 5,
    description:
      '延长天数：工作时制期限按工作日，法定期限按自然日；累计不超过规则上限（办结回复 10 个工作日）',
  })
  @IsInt()
  @Min(1)
  @Max(366)
  days!: number;

  @ApiProperty({ minLength: 2, maxLength: 500, example: '用人单位负责人出差，需延后调解' })
  @IsString()
  @Length(2, 500)
  reason!: string;
}

export class ApproveExtensionDto {
  @ApiPropertyOptional({ maxLength: 500, description: '审批意见' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class RejectExtensionDto {
  @ApiProperty({ minLength: 2, maxLength: 500, example: '理由不充分，请按期办结' })
  @IsString()
  @Length(2, 500)
  reason!: string;
}

export class ExtensionDto implements ExtensionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ format: 'uuid' }) clockId!: string;
  @ApiProperty({ enum: ClockKind, enumName: 'ClockKind' }) deadline!: ClockKind;
  @ApiProperty() days!: number;
  @ApiProperty() reason!: string;
  @ApiProperty({ enum: ['pending', 'approved', 'rejected'] })
  state!: ExtensionView['state'];
  @ApiProperty({ format: 'uuid' }) requestedBy!: string;
  @ApiProperty({ format: 'date-time' }) requestedAt!: Date;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) decidedBy!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) decidedAt!: Date | null;
  @ApiProperty({ nullable: true, type: String, description: '审批意见或驳回原因' })
  decisionReason!: string | null;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: '批准前的到期时间',
  })
  dueBefore!: Date | null;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: '批准后的到期时间',
  })
  dueAfter!: Date | null;
}

export class ExtensionListDto {
  @ApiProperty({ type: [ExtensionDto], description: '按申请时间倒序' }) items!: ExtensionDto[];
}

export class ListExtensionsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    enum: ['pending', 'approved', 'rejected'],
    description: '只看该状态的申请',
  })
  @IsOptional()
  @IsIn(['pending', 'approved', 'rejected'])
  state?: ExtensionView['state'];
}

export class ListedExtensionDto extends ExtensionDto implements ListedExtensionView {
  @ApiProperty({ example: '南湖-2026-000123' }) caseNo!: string;
}

export class ExtensionPageDto {
  @ApiProperty({ type: [ListedExtensionDto] }) items!: ListedExtensionDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
