import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsEnum,
  IsOptional,
  Matches,
  ValidateNested,
} from 'class-validator';
import { CaseOutcome, HotlineReplyState } from '@heqi/cases';
import { IsoInstant, Money, Text, moneyText } from '@heqi/intake';
import type { ClosedCaseView, ReferralSummary } from '@heqi/mediation';

export class InstalmentInputDto {
  @ApiProperty({ example: '2026-12-31', description: '履行期限（日期，北京时间当日结束前）' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '必须是日期，如 2026-12-31' })
  dueDate!: string;

  @ApiProperty({ example: '12500.00', description: '本期金额（元）' })
  @Transform(moneyText)
  @Money()
  amount!: string;
}

export class AgreementInputDto {
  @ApiProperty({ maxLength: 5000, description: '协议内容（条款）' })
  @Text(5000, { required: true })
  terms!: string;

  @ApiProperty({ example: '32500.00', description: '协议金额（元）；各期金额合计须与之相等' })
  @Transform(moneyText)
  @Money()
  amountAgreed!: string;

  @ApiProperty({ example: '2026-11-20T10:00:00+08:00', description: '签订时间' })
  @IsoInstant()
  signedAt!: string;

  @ApiProperty({ type: [InstalmentInputDto], maxItems: 120, description: '分期履行安排' })
  @IsDefined({ message: '必填' })
  @IsArray()
  @ArrayMaxSize(120)
  @ValidateNested({ each: true })
  @Type(() => InstalmentInputDto)
  instalments!: InstalmentInputDto[];
}

export class ReferralInputDto {
  @ApiProperty({ maxLength: 200, example: '南湖区劳动人事争议仲裁委员会', description: '转往机构' })
  @Text(200, { required: true })
  institution!: string;

  @ApiProperty({ example: '2026-11-22T10:00:00+08:00', description: '转办时间' })
  @IsoInstant()
  referredAt!: string;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @Text(1000)
  note?: string;
}

export class CloseCaseDto {
  @ApiProperty({
    enum: CaseOutcome,
    enumName: 'CaseOutcome',
    description:
      '结案结果：settled 调解成功（须附调解协议）、failed 调解不成（须说明原因）、withdrawn 撤回、rejected 不予受理（须说明原因）、referred_arbitration / referred_litigation / referred_inspection 转仲裁、诉讼、劳动监察（须填写转办信息）',
  })
  @IsEnum(CaseOutcome)
  outcome!: CaseOutcome;

  @ApiPropertyOptional({ maxLength: 500, description: '未解决原因（调解不成、不予受理时必填）' })
  @IsOptional()
  @Text(500)
  reason?: string;

  @ApiProperty({ maxLength: 2000, description: '办理情况（随 12345 回复推送）' })
  @Text(2000, { required: true })
  handlingSummary!: string;

  @ApiPropertyOptional({
    maxLength: 2000,
    description: '公开答复内容（12345 回复；缺省用办理情况）',
  })
  @IsOptional()
  @Text(2000)
  publicReply?: string;

  @ApiPropertyOptional({ type: AgreementInputDto, description: '调解协议（settled 必填）' })
  @IsOptional()
  @ValidateNested()
  @Type(() => AgreementInputDto)
  agreement?: AgreementInputDto;

  @ApiPropertyOptional({ type: ReferralInputDto, description: '转办信息（referred_* 必填）' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReferralInputDto)
  referral?: ReferralInputDto;
}

export class ClosedCaseHotlineDto {
  @ApiProperty() orderNo!: string;
  @ApiProperty({ enum: HotlineReplyState, enumName: 'HotlineReplyState' })
  replyState!: HotlineReplyState;
}

export class ClosedCaseDto implements ClosedCaseView {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() caseNo!: string;
  @ApiProperty({ enum: ['closed'] }) status!: 'closed';
  @ApiProperty({ enum: CaseOutcome, enumName: 'CaseOutcome' }) outcome!: CaseOutcome;
  @ApiProperty({ format: 'date-time' }) closedAt!: Date;
  @ApiProperty({ nullable: true, type: String, example: '32500.00' }) amountAgreed!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) agreementId!: string | null;
  @ApiProperty({
    type: ClosedCaseHotlineDto,
    nullable: true,
    description: '12345 工单：回复已排队推送',
  })
  hotline!: ClosedCaseHotlineDto | null;
  @ApiProperty({ description: '因调解员腾出名额而重新派案的排队案件数' }) wokenCases!: number;
}

class ReferralDto {
  @ApiProperty() institution!: string;
  @ApiProperty({ format: 'date-time' }) referredAt!: string;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
}

class PartyClaimantDto {
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String, example: '3201**********1234' })
  idNumberMasked!: string | null;
}

class PartyEmployerDto {
  @ApiProperty({ nullable: true, type: String }) name!: string | null;
  @ApiProperty({ nullable: true, type: String }) creditCode!: string | null;
}

export class PartiesDto {
  @ApiProperty({ type: [PartyClaimantDto] }) claimants!: PartyClaimantDto[];
  @ApiProperty({ type: PartyEmployerDto }) employer!: PartyEmployerDto;
}

export class ClaimsDto {
  @ApiProperty() category!: string;
  @ApiProperty({ nullable: true, type: String }) title!: string | null;
  @ApiProperty() description!: string;
  @ApiProperty({ nullable: true, type: String }) amountClaimed!: string | null;
  @ApiProperty({ nullable: true, type: Number }) workerCount!: number | null;
}

class ReferralSessionDto {
  @ApiProperty({ format: 'date-time' }) heldAt!: Date;
  @ApiProperty() mode!: string;
  @ApiProperty() notes!: string;
  @ApiProperty({ type: 'array', items: { type: 'object' } }) participants!: unknown[];
}

class ReferralMediatorDto {
  @ApiProperty({ nullable: true, type: String }) id!: string | null;
  @ApiProperty({ nullable: true, type: String }) name!: string | null;
}

export class ReferralSummaryDto implements ReferralSummary {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() caseNo!: string;
  @ApiProperty({ enum: CaseOutcome, enumName: 'CaseOutcome' }) outcome!: CaseOutcome;
  @ApiProperty({ nullable: true, type: Date }) closedAt!: Date | null;
  @ApiProperty({ type: ReferralDto }) referral!: ReferralDto;
  @ApiProperty({ description: '调解组织' }) organisation!: string;
  @ApiProperty({ type: ReferralMediatorDto }) mediator!: ReferralMediatorDto;
  @ApiProperty({ type: PartiesDto }) parties!: PartiesDto;
  @ApiProperty({ type: ClaimsDto }) claims!: ClaimsDto;
  @ApiProperty({ nullable: true, type: String }) handlingSummary!: string | null;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty({ type: [ReferralSessionDto], description: '已开展的调解' })
  sessions!: ReferralSessionDto[];
  @ApiProperty({ nullable: true, type: Date }) firstContactAt!: Date | null;
  @ApiProperty({ format: 'date-time' }) receivedAt!: Date;
}
