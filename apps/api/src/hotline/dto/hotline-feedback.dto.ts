import { ApiProperty } from '@nestjs/swagger';
import { IsEnum, IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { FeedbackResult, type FeedbackReceipt } from '@heqi/hotline';

/** 回访 pushed by the 12345 platform (contract, "Hotline (12345) push"). */
export class HotlineFeedbackDto {
  @ApiProperty({
    enum: FeedbackResult,
    enumName: 'FeedbackResult',
    description:
      '回访结果：satisfied 满意、basically_satisfied 基本满意、unsatisfied 不满意（案件重办）',
  })
  @IsEnum(FeedbackResult)
  result!: FeedbackResult;

  @ApiProperty({ required: false, nullable: true, type: String, maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string | null;

  @ApiProperty({
    format: 'date-time',
    example: '2026-11-25T10:30:00+08:00',
    description: '回访时间',
  })
  @IsISO8601({ strict: true })
  @Matches(/T\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)$/, {
    message: '必须是带时区的 ISO 8601 时间',
  })
  visitedAt!: string;
}

export class HotlineFeedbackReceiptDto implements FeedbackReceipt {
  @ApiProperty({ example: 'JS12345-20261122-000123' }) orderNo!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ enum: FeedbackResult, enumName: 'FeedbackResult' }) result!: FeedbackResult;
  @ApiProperty({ description: '本次回访使案件重办（不满意）；重复推送为 false' })
  reopened!: boolean;
  @ApiProperty({
    description: '同一回访（工单、回访时间、结果相同）此前已登记，本次未写入任何内容',
  })
  duplicate!: boolean;
}
