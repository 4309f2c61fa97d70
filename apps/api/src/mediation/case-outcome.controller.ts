import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Inject,
  Param,
  Post,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { type Actor, Role } from '@heqi/core';
import {
  type AgreementView,
  AgreementsService,
  type ClosedCaseView,
  ClosingService,
  type PaymentDefaultPacket,
  PaymentDefaultsService,
  type PaymentLedger,
  PaymentsService,
  type ReferralSummary,
} from '@heqi/mediation';
import { CurrentActor, Roles } from '../common/auth/auth.decorators.js';
import { contentDisposition } from '../common/http/content-disposition.js';
import { ApiCaseId } from '../common/swagger/api-case-id.decorator.js';
import {
  AgreementDto,
  PaymentDefaultPacketDto,
  PaymentLedgerDto,
  RecordPaymentDto,
} from './dto/agreement.dto.js';
import { CloseCaseDto, ClosedCaseDto, ReferralSummaryDto } from './dto/close-case.dto.js';

const READERS = [Role.Mediator, Role.Volunteer, Role.Supervisor, Role.Admin] as const;

/**
 * The outcome: closing, the referral summary, the agreement (JSON and PDF), the payment ledger
 * and the 支付令 / arbitration packet of a default.
 */
@ApiTags('mediation 调解')
@ApiBearerAuth()
@Controller('cases')
export class CaseOutcomeController {
  constructor(
    @Inject(ClosingService) private readonly closing: ClosingService,
    @Inject(AgreementsService) private readonly agreements: AgreementsService,
    @Inject(PaymentsService) private readonly payments: PaymentsService,
    @Inject(PaymentDefaultsService) private readonly defaults: PaymentDefaultsService,
  ) {}

  @Post(':id/close')
  @Roles(Role.Mediator, Role.Volunteer)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      '结案（本案承办调解员）：一个事务内写入结果、调解协议及分期，停止调解期限，启动司法确认和履行期限；12345 工单同时排队推送办结回复；腾出的名额触发排队案件派案',
  })
  @ApiCaseId()
  @ApiOkResponse({ type: ClosedCaseDto })
  @ApiResponse({
    status: 400,
    description:
      '输入有误：settled 缺调解协议（agreement）、分期合计与协议金额不符、转办缺 referral、调解不成缺 reason 等（details 标出字段）',
  })
  @ApiResponse({ status: 403, description: '不是本案的承办调解员' })
  @ApiResponse({ status: 409, description: '案件已结案（CASE_ALREADY_CLOSED）或不在调解中' })
  close(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() body: CloseCaseDto,
  ): Promise<ClosedCaseView> {
    return this.closing.close(actor, id, {
      outcome: body.outcome,
      reason: body.reason ?? null,
      handlingSummary: body.handlingSummary,
      publicReply: body.publicReply ?? null,
      agreement: body.agreement
        ? {
            terms: body.agreement.terms,
            amountAgreed: body.agreement.amountAgreed,
            signedAt: new Date(body.agreement.signedAt),
            instalments: body.agreement.instalments.map((i) => ({
              dueDate: i.dueDate,
              amount: i.amount,
            })),
          }
        : null,
      referral: body.referral
        ? {
            institution: body.referral.institution,
            referredAt: new Date(body.referral.referredAt),
            note: body.referral.note ?? null,
          }
        : null,
    });
  }

  @Get(':id/referral-summary')
  @Roles(...READERS)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      '转办摘要（转仲裁、诉讼、劳动监察的案件）：转往何处、何时、当事人、请求事项、已开展的调解',
  })
  @ApiCaseId()
  @ApiOkResponse({ type: ReferralSummaryDto })
  @ApiResponse({ status: 404, description: '案件不存在，或未转办（REFERRAL_NOT_FOUND）' })
  referralSummary(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<ReferralSummary> {
    return this.closing.referralSummary(actor, id);
  }

  @Get(':id/agreement')
  @Roles(...READERS)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '调解协议（当前有效的一份，含分期及履行情况）' })
  @ApiCaseId()
  @ApiOkResponse({ type: AgreementDto })
  @ApiResponse({ status: 404, description: '案件不存在，或没有调解协议（AGREEMENT_NOT_FOUND）' })
  agreement(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<AgreementView> {
    return this.agreements.get(actor, id);
  }

  @Get(':id/agreement.pdf')
  @Roles(...READERS)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '调解协议书 PDF（中文字体内嵌）' })
  @ApiCaseId()
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: '调解协议书', schema: { type: 'string', format: 'binary' } })
  @ApiResponse({ status: 404, description: '案件不存在，或没有调解协议（AGREEMENT_NOT_FOUND）' })
  async agreementPdf(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const { caseNo, pdf } = await this.agreements.pdf(actor, id);
    res.setHeader(
      'content-disposition',
      contentDisposition(`调解协议书-${caseNo}.pdf`, { inline: true, fallback: 'agreement' }),
    );
    return new StreamableFile(pdf, { type: 'application/pdf', length: pdf.length });
  }

  @Post(':id/payments')
  @Roles(Role.Mediator, Role.Volunteer, Role.Supervisor, Role.Admin)
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary:
      '登记履行款项：按到期先后冲抵各期；某期付清即停止其履行期限。本案调解员、协办律师或本辖区督导、管理员可登记',
  })
  @ApiCaseId()
  @ApiCreatedResponse({ type: PaymentLedgerDto })
  @ApiResponse({ status: 400, description: '金额不大于 0、付款时间晚于当前时间等' })
  @ApiResponse({ status: 403, description: '无权登记本案的履行款项' })
  @ApiResponse({
    status: 409,
    description: '超过尚欠金额（PAYMENT_EXCEEDS_OUTSTANDING，提示尚欠金额），或本案没有调解协议',
  })
  recordPayment(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() body: RecordPaymentDto,
  ): Promise<PaymentLedger> {
    return this.payments.record(actor, id, {
      amount: body.amount,
      paidAt: new Date(body.paidAt),
      note: body.note ?? null,
    });
  }

  @Get(':id/payments')
  @Roles(...READERS)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '履行台账：协议金额、已付、尚欠，各期状态及付款记录' })
  @ApiCaseId()
  @ApiOkResponse({ type: PaymentLedgerDto })
  @ApiResponse({ status: 404, description: '案件不存在，或没有调解协议（AGREEMENT_NOT_FOUND）' })
  ledger(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<PaymentLedger> {
    return this.payments.ledger(actor, id);
  }

  @Get(':id/payment-default-packet')
  @Roles(...READERS)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      '支付令/仲裁申请材料（协议有逾期未履行的分期时）：当事人、协议、各期、欠付金额及《劳动争议调解仲裁法》第十六条依据',
  })
  @ApiCaseId()
  @ApiOkResponse({ type: PaymentDefaultPacketDto })
  @ApiResponse({
    status: 404,
    description: '案件不存在，或没有逾期未履行的分期（PAYMENT_DEFAULT_NOT_FOUND）',
  })
  packet(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<PaymentDefaultPacket> {
    return this.defaults.packet(actor, id);
  }
}
