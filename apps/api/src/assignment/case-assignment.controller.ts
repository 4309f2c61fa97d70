import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Inject,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, Role } from '@heqi/core';
import {
  type CaseCandidates,
  CaseCandidatesService,
  type CoAppointResult,
  type CoEndResult,
  CoMediationService,
  type OfferAnswer,
  OfferRole,
  OffersService,
  ReassignmentService,
  type ReassignResult,
} from '@heqi/assignment';
import { CurrentActor, Roles } from '../common/auth/auth.decorators.js';
import { CaseCandidatesDto, CaseCandidatesQueryDto } from './dto/case-candidates.dto.js';
import {
  AppointCoMediatorDto,
  CoAppointResultDto,
  CoEndResultDto,
  EndCoMediationDto,
} from './dto/co-mediator.dto.js';
import { DeclineOfferDto, OfferAnswerDto } from './dto/offer-answer.dto.js';
import { ReassignCaseDto, ReassignResultDto } from './dto/reassign-case.dto.js';
import { ApiCaseId } from '../common/swagger/api-case-id.decorator.js';

/**
 * A case's offers from the mediator's side (accept, decline) and the supervisor's (reassign), and
 * its volunteer-lawyer co-mediator by hand (appoint, end).
 */
@ApiTags('assignment 派案')
@ApiBearerAuth()
@Controller('cases')
export class CaseAssignmentController {
  constructor(
    @Inject(OffersService) private readonly offers: OffersService,
    @Inject(ReassignmentService) private readonly reassignments: ReassignmentService,
    @Inject(CoMediationService) private readonly coMediation: CoMediationService,
    @Inject(CaseCandidatesService) private readonly candidates: CaseCandidatesService,
  ) {}

  @Get(':id/candidates')
  @Roles(Role.Supervisor, Role.Admin)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: '候选调解员（督导、管理员）：派案引擎此刻的排序，以及覆盖该地区但不符合条件者的原因',
    description:
      '与派案引擎相同的候选查询与排序（不加锁）。role=lead 用于改派，role=co 列出可协同调解的志愿律师。' +
      '包括上级单位（如区调解员、区志愿律师）中覆盖该案件所在地区的人选。',
  })
  @ApiCaseId()
  @ApiOkResponse({ type: CaseCandidatesDto })
  @ApiResponse({ status: 400, description: 'role 只能是 lead 或 co' })
  @ApiResponse({ status: 403, description: '不是督导或管理员' })
  @ApiResponse({ status: 404, description: '案件不存在或不在管辖范围内' })
  candidatesOf(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Query() query: CaseCandidatesQueryDto,
  ): Promise<CaseCandidates> {
    return this.candidates.forCase(actor, id, query.role ?? OfferRole.Lead);
  }

  @Post(':id/accept')
  @Roles(Role.Mediator, Role.Volunteer)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      '接受派案：主调解员派案接受后案件转为 in_mediation 并由本人承办；协同调解派案接受后本人成为协同调解员',
  })
  @ApiCaseId()
  @ApiOkResponse({ type: OfferAnswerDto })
  @ApiResponse({ status: 403, description: '不是调解员或志愿律师' })
  @ApiResponse({
    status: 409,
    description: 'OFFER_NOT_YOURS：没有派给您的待接受派案（已超时、被撤回或已由他人承办）',
  })
  accept(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<OfferAnswer> {
    return this.offers.accept(actor, id);
  }

  @Post(':id/decline')
  @Roles(Role.Mediator, Role.Volunteer)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: '拒绝派案（须说明原因）：案件回到待派，转给下一位合适的调解员（不会再派给您）',
  })
  @ApiCaseId()
  @ApiOkResponse({ type: OfferAnswerDto })
  @ApiResponse({ status: 400, description: '未填写原因（2–500 字）' })
  @ApiResponse({ status: 403, description: '不是调解员或志愿律师' })
  @ApiResponse({ status: 409, description: 'OFFER_NOT_YOURS' })
  decline(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() body: DeclineOfferDto,
  ): Promise<OfferAnswer> {
    return this.offers.decline(actor, id, body.reason);
  }

  @Post(':id/reassign')
  @Roles(Role.Supervisor, Role.Admin)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: '改派（督导、管理员，限管辖范围内的案件）：直接交由指定调解员承办',
    description:
      '撤回未答复的派案，案件转为 in_mediation 由指定调解员承办（不再经接受环节）。调解员须负责该案件所在地区、' +
      '在岗且无律所代理回避；容量可由督导决定超出（overCapacity），擅长类别、曾拒绝等规则记为 warnings。' +
      '原因与工作量记入时间线和审计日志。',
  })
  @ApiCaseId()
  @ApiOkResponse({ type: ReassignResultDto })
  @ApiResponse({ status: 400, description: '原因缺失，或调解员不存在、不负责该地区' })
  @ApiResponse({ status: 403, description: '不是督导或管理员' })
  @ApiResponse({
    status: 409,
    description:
      'ASSIGNMENT_WRONG_STATE（已办结、退单或待分派）、ASSIGNMENT_ALREADY_HOLDER、MEDIATOR_NOT_ELIGIBLE（停用、休假、律所回避）',
  })
  reassign(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() body: ReassignCaseDto,
  ): Promise<ReassignResult> {
    return this.reassignments.reassign(actor, id, body.mediatorId, body.reason);
  }

  @Post(':id/co-mediator')
  @Roles(Role.Supervisor, Role.Admin)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: '指定协同调解律师（督导、管理员，限管辖范围内已派或调解中的案件）',
    description:
      '指定的志愿律师立即成为本案协同调解员（不再经接受环节）：撤回未答复的协同派案，替换现任协同律师。' +
      '律师须负责该案件所在地区、在岗、不是主调解员且无律所代理回避；容量可由督导决定超出，擅长类别、' +
      '曾拒绝、曾退出等规则记为 warnings。原因记入时间线和审计日志。',
  })
  @ApiCaseId()
  @ApiOkResponse({ type: CoAppointResultDto })
  @ApiResponse({ status: 400, description: '原因缺失，或律师不存在、不负责该地区' })
  @ApiResponse({ status: 403, description: '不是督导或管理员' })
  @ApiResponse({
    status: 409,
    description:
      'ASSIGNMENT_WRONG_STATE（待派、已办结或退单）、ASSIGNMENT_ALREADY_HOLDER、MEDIATOR_NOT_ELIGIBLE（主调解员、停用、休假、律所回避）',
  })
  appointCoMediator(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() body: AppointCoMediatorDto,
  ): Promise<CoAppointResult> {
    return this.coMediation.appoint(actor, id, body.mediatorId, body.reason);
  }

  @Post(':id/co-mediator/end')
  @Roles(Role.Supervisor, Role.Admin, Role.Volunteer)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: '结束协同调解（督导、管理员；或协同律师本人退出），须说明原因',
    description:
      '结束现任协同律师的协同调解（督导还会撤回未答复的协同派案）。集体争议默认另找一位志愿律师' +
      '（不会再派给退出的律师），seekAnother=false 则由主调解员独立调解。',
  })
  @ApiCaseId()
  @ApiOkResponse({ type: CoEndResultDto })
  @ApiResponse({ status: 400, description: '未填写原因（2–500 字）' })
  @ApiResponse({ status: 403, description: '不是督导、管理员或志愿律师' })
  @ApiResponse({
    status: 404,
    description: '案件不存在、不在管辖范围内，或您不是本案的协同律师',
  })
  @ApiResponse({
    status: 409,
    description: 'ASSIGNMENT_WRONG_STATE：本案没有协同律师，或案件不在已派、调解中',
  })
  endCoMediation(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() body: EndCoMediationDto,
  ): Promise<CoEndResult> {
    return this.coMediation.end(actor, id, body.reason, body.seekAnother ?? true);
  }
}
