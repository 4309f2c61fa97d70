import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDecimal,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { CaseOutcome } from '@heqi/cases';
import type { CaseReplyDraft } from '@heqi/hotline';

/** `GET /cases/:id/reply-draft`: the outcome picked in the close form and what it holds so far. */
export class ReplyDraftQueryDto {
  @ApiProperty({ enum: CaseOutcome, enumName: 'CaseOutcome', description: '拟结案结果' })
  @IsEnum(CaseOutcome)
  outcome!: CaseOutcome;

  @ApiProperty({ required: false, description: '未解决原因（调解不成、不予受理、撤回等）' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;

  @ApiProperty({ required: false, description: '转介机构（仲裁委、法院、劳动保障监察）' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  institution?: string;

  @ApiProperty({ required: false, example: '30000.00', description: '协议金额（元）' })
  @IsOptional()
  @IsDecimal({ decimal_digits: '0,2' })
  amountAgreed?: string;

  @ApiProperty({ required: false, minimum: 1, maximum: 120, description: '分期期数' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(120)
  instalments?: number;
}

export class ReplyDraftDto implements CaseReplyDraft {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ example: 'JS12345-20261122-000123' }) orderNo!: string;
  @ApiProperty({ enum: CaseOutcome, enumName: 'CaseOutcome' }) outcome!: CaseOutcome;
  @ApiProperty({ description: '是否解决（仅调解成功为 true）' }) resolved!: boolean;
  @ApiProperty({ required: false, description: '未解决原因' }) unresolvedReason?: string;
  @ApiProperty({ description: '办理情况' }) handlingSummary!: string;
  @ApiProperty({ description: '答复内容（向来电人公开）' }) publicReply!: string;
}
