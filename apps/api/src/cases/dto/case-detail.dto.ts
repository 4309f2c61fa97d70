import { ApiProperty } from '@nestjs/swagger';
import {
  type CaseCoMediator,
  type CaseDeadline,
  type CaseDetail,
  type CaseOffer,
  HotlineReplyState,
  type MaskedClaimant,
} from '@heqi/cases';
import { MediatorKind } from '@heqi/network';
import { CaseHeaderDto } from './case-summary.dto.js';

export class MaskedClaimantDto implements MaskedClaimant {
  @ApiProperty({ example: '张三' }) name!: string;
  @ApiProperty({ nullable: true, type: String, example: '139****5678' })
  phoneMasked!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '3201**********1234' })
  idNumberMasked!: string | null;
}

export class CaseEmployerDto {
  @ApiProperty({ nullable: true, type: String }) name!: string | null;
  @ApiProperty({ nullable: true, type: String, description: '统一社会信用代码' })
  creditCode!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: '网络中的企业单位' })
  orgUnitId!: string | null;
}

export class CaseOfferDto implements CaseOffer {
  @ApiProperty({ format: 'uuid' }) mediatorId!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: Date;
}

export class CaseCoMediatorDto implements CaseCoMediator {
  @ApiProperty({ format: 'uuid' }) mediatorId!: string;
  @ApiProperty({ example: '张律师' }) name!: string;
  @ApiProperty({ enum: MediatorKind, enumName: 'MediatorKind', example: 'volunteer_lawyer' })
  kind!: MediatorKind;
  @ApiProperty({ format: 'date-time', description: '接受协同调解的时间' }) since!: Date;
}

export class CaseDeadlineDto implements CaseDeadline {
  @ApiProperty({
    example: 'hotline_reply',
    description:
      '期限种类：hotline_sign_for、first_contact、hotline_reply、mediation_limit、judicial_confirmation、agreement_performance、limitation',
  })
  kind!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: Date;
  @ApiProperty({ enum: ['running', 'warned', 'breached', 'met', 'paused'] })
  state!: CaseDeadline['state'];
  @ApiProperty({
    required: false,
    description: '到期时间按周一至周五推算：所跨年份的节假日安排尚未发布（日历未核实）',
  })
  calendarUnverified?: boolean;
}

export class CaseHotlineDto {
  @ApiProperty({ example: 'JS12345-20261122-000123' }) orderNo!: string;
  @ApiProperty({ enum: HotlineReplyState, enumName: 'HotlineReplyState' })
  replyState!: HotlineReplyState;
  @ApiProperty({
    nullable: true,
    type: String,
    description: '最近一次投递失败的原因（failing 时）',
  })
  replyLastError!: string | null;
  @ApiProperty({ type: () => CaseHotlineFeedbackDto, nullable: true, description: '最近一次回访' })
  feedback!: CaseHotlineFeedbackDto | null;
}

export class CaseHotlineFeedbackDto {
  @ApiProperty({ enum: ['satisfied', 'basically_satisfied', 'unsatisfied'] })
  result!: 'satisfied' | 'basically_satisfied' | 'unsatisfied';
  @ApiProperty({ nullable: true, type: String }) comment!: string | null;
  @ApiProperty({ format: 'date-time' }) visitedAt!: Date;
}

/** A case with its claimants' numbers masked (`POST /cases/:id/reveal` shows them). */
export class CaseDetailDto extends CaseHeaderDto implements CaseDetail {
  @ApiProperty({ nullable: true, type: String, description: '承办（主）调解员姓名' })
  mediatorName!: string | null;
  @ApiProperty({
    type: [CaseCoMediatorDto],
    description: '在办的协同调解员（集体争议的志愿律师），无则为空数组',
  })
  coMediators!: CaseCoMediatorDto[];
  @ApiProperty({ description: '由镇（街道）一级承办' }) townLevel!: boolean;
  @ApiProperty({ description: '诉求内容' }) description!: string;
  @ApiProperty({ format: 'uuid' }) districtId!: string;
  @ApiProperty({ type: [MaskedClaimantDto] }) claimants!: MaskedClaimantDto[];
  @ApiProperty({ type: CaseEmployerDto }) employer!: CaseEmployerDto;
  @ApiProperty({ nullable: true, type: String }) eventAddress!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '25000.00' })
  amountAgreed!: string | null;
  @ApiProperty({ example: '0.00' }) amountPaid!: string;
  @ApiProperty({
    nullable: true,
    type: Date,
    description: '首次联系申请人的时间（首次联系或首次调解）',
  })
  firstContactAt!: Date | null;
  @ApiProperty({
    type: [String],
    description: '从诉求内容中提取（而非表单填写）的字段',
    example: ['amountClaimed', 'workerCount'],
  })
  extractedFields!: string[];
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: '同一用人单位的关联工单组',
  })
  clusterId!: string | null;
  @ApiProperty({ type: CaseOfferDto, nullable: true }) offer!: CaseOfferDto | null;
  @ApiProperty({ type: [CaseDeadlineDto] }) deadlines!: CaseDeadlineDto[];
  @ApiProperty({ type: CaseHotlineDto, nullable: true }) hotline!: CaseHotlineDto | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ format: 'date-time' }) updatedAt!: Date;
}
