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
import { type Actor, type Page, Role } from '@heqi/core';
import {
  type CaseDetail,
  CaseQueriesService,
  CaseRevealService,
  type CaseSummary,
  type CaseTimelineItem,
  CaseTriageService,
  type RevealedClaimant,
} from '@heqi/cases';
import { CurrentActor, Roles } from '../common/auth/auth.decorators.js';
import { CaseDetailDto } from './dto/case-detail.dto.js';
import { CasePageDto } from './dto/case-summary.dto.js';
import { CaseTimelineDto } from './dto/case-timeline.dto.js';
import { ListCasesQueryDto } from './dto/list-cases.query.dto.js';
import { RevealClaimantsDto, RevealedClaimantsDto } from './dto/reveal-claimants.dto.js';
import { ReturnCaseDto } from './dto/return-case.dto.js';
import { RouteCaseDto } from './dto/route-case.dto.js';
import { ApiCaseId } from '../common/swagger/api-case-id.decorator.js';

/**
 * Cases: the list, one case, its timeline, the audited reveal of personal numbers, and the
 * triage actions (route, return). Registering cases (`POST /cases`) is intake's controller.
 * An id that is malformed, unknown or outside the caller's reach is 404 all alike, so a case's
 * existence never leaks.
 */
@ApiTags('cases 案件')
@ApiBearerAuth()
@Controller('cases')
export class CasesController {
  constructor(
    @Inject(CaseQueriesService) private readonly queries: CaseQueriesService,
    @Inject(CaseRevealService) private readonly reveals: CaseRevealService,
    @Inject(CaseTriageService) private readonly triage: CaseTriageService,
  ) {}

  @Get()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      '案件列表（管辖范围内：管理员、督导、受理人员看本单位及下级单位的案件；调解员、志愿律师看自己承办的案件），按受理时间倒序',
  })
  @ApiOkResponse({ type: CasePageDto })
  list(
    @CurrentActor() actor: Actor,
    @Query() query: ListCasesQueryDto,
  ): Promise<Page<CaseSummary>> {
    const { page, pageSize, ...filter } = query;
    return this.queries.list(actor, filter, { page, pageSize });
  }

  @Get(':id')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '查看案件（申请人电话、身份证号已脱敏）' })
  @ApiCaseId()
  @ApiOkResponse({ type: CaseDetailDto })
  get(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<CaseDetail> {
    return this.queries.get(actor, id);
  }

  @Get(':id/timeline')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '案件时间线（按时间先后）' })
  @ApiCaseId()
  @ApiOkResponse({ type: CaseTimelineDto })
  timeline(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
  ): Promise<{ items: CaseTimelineItem[] }> {
    return this.queries.timeline(actor, id);
  }

  @Post(':id/reveal')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      '查看申请人完整电话和身份证号（管理员、督导、受理人员限管辖范围内；调解员限本人承办的案件）。每次查看连同原因记入审计日志',
  })
  @ApiCaseId()
  @ApiOkResponse({ type: RevealedClaimantsDto })
  @ApiResponse({ status: 400, description: '未填写原因（2–200 字）' })
  reveal(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() body: RevealClaimantsDto,
  ): Promise<{ claimants: RevealedClaimant[] }> {
    return this.reveals.reveal(actor, id, body.reason);
  }

  @Post(':id/route')
  @Roles(Role.Intake, Role.Admin, Role.Supervisor)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: '分派待分派（triage）案件到承办单位：案件转为 queued 并进入派案',
  })
  @ApiCaseId()
  @ApiOkResponse({ type: CaseDetailDto })
  @ApiResponse({
    status: 400,
    description: 'CASE_ROUTE_TARGET_INVALID：单位不存在、已停用、不在管辖范围或本案区县内',
  })
  @ApiResponse({ status: 403, description: '角色不是受理人员、管理员或督导' })
  @ApiResponse({ status: 409, description: 'CASE_WRONG_STATE：案件不在待分派队列' })
  route(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() body: RouteCaseDto,
  ): Promise<CaseDetail> {
    return this.triage.route(actor, id, body.orgUnitId);
  }

  @Post(':id/return')
  @Roles(Role.Intake, Role.Admin)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: '退单：把待分派或待派案的 12345 工单退回热线平台（附原因），退单回复经发件箱推送平台',
  })
  @ApiCaseId()
  @ApiOkResponse({ type: CaseDetailDto })
  @ApiResponse({ status: 400, description: '未填写原因（2–500 字）' })
  @ApiResponse({ status: 403, description: '角色不是受理人员或管理员' })
  @ApiResponse({
    status: 409,
    description: 'CASE_NOT_HOTLINE（非 12345 工单）或 CASE_WRONG_STATE（已进入调解或已办结）',
  })
  returnToHotline(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() body: ReturnCaseDto,
  ): Promise<CaseDetail> {
    return this.triage.returnToHotline(actor, id, body.reason);
  }
}
