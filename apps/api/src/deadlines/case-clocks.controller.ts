import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { type Actor, Role } from '@heqi/core';
import {
  CaseClocksService,
  type ClockView,
  type ExtensionView,
  ExtensionsService,
} from '@heqi/deadlines';
import { CurrentActor, Roles } from '../common/auth/auth.decorators.js';
import { ChangeClocksDto, ClockListDto } from './dto/clock.dto.js';
import { ExtensionDto, ExtensionListDto, RequestExtensionDto } from './dto/extension.dto.js';
import { ApiCaseId } from '../common/swagger/api-case-id.decorator.js';

/**
 * A case's clocks (期限): the full list, pausing and resuming them (supervisors), and extension
 * requests. The case detail (`GET /cases/:id`) shows each clock's kind, due time and state.
 */
@ApiTags('deadlines 期限')
@ApiBearerAuth()
@Controller('cases')
export class CaseClocksController {
  constructor(
    @Inject(CaseClocksService) private readonly clocks: CaseClocksService,
    @Inject(ExtensionsService) private readonly extensions: ExtensionsService,
  ) {}

  @Get(':id/clocks')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '案件的全部期限（含预警时间、暂停、延期、日历未核实标记）' })
  @ApiCaseId()
  @ApiOkResponse({ type: ClockListDto })
  @ApiResponse({ status: 404, description: 'DEADLINE_CASE_NOT_FOUND' })
  async list(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
  ): Promise<{ items: ClockView[] }> {
    return { items: await this.clocks.list(actor, id) };
  }

  @Post(':id/clocks/pause')
  @Roles(Role.Supervisor)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      '暂停期限（督导，限管辖范围）：所选种类中进行中且未到期的期限停止计时，恢复时顺延暂停时长',
  })
  @ApiCaseId()
  @ApiOkResponse({ type: ClockListDto })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED / DEADLINE_INVALID' })
  @ApiResponse({ status: 403, description: '不是督导' })
  @ApiResponse({ status: 404, description: 'DEADLINE_CASE_NOT_FOUND' })
  @ApiResponse({ status: 409, description: 'DEADLINE_WRONG_STATE：没有可暂停的期限' })
  async pause(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() body: ChangeClocksDto,
  ): Promise<{ items: ClockView[] }> {
    return { items: await this.clocks.pause(actor, id, body.kinds, body.reason) };
  }

  @Post(':id/clocks/resume')
  @Roles(Role.Supervisor)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      '恢复已暂停的期限（督导）：到期与预警时间顺延暂停时长（工作时制期限按办公时间，法定期限按实际时间）',
  })
  @ApiCaseId()
  @ApiOkResponse({ type: ClockListDto })
  @ApiResponse({ status: 403, description: '不是督导' })
  @ApiResponse({ status: 404, description: 'DEADLINE_CASE_NOT_FOUND' })
  @ApiResponse({ status: 409, description: 'DEADLINE_WRONG_STATE：没有已暂停的期限' })
  async resume(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() body: ChangeClocksDto,
  ): Promise<{ items: ClockView[] }> {
    return { items: await this.clocks.resume(actor, id, body.kinds, body.reason) };
  }

  @Post(':id/extensions')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary:
      '申请延期（承办人、受理人员或管辖范围内的督导）：生成待审批的延期申请，由督导批准或驳回',
  })
  @ApiCaseId()
  @ApiCreatedResponse({ type: ExtensionDto })
  @ApiResponse({
    status: 400,
    description: 'VALIDATION_FAILED / DEADLINE_INVALID：该类期限不可延期，或累计超过上限',
  })
  @ApiResponse({ status: 403, description: 'DEADLINE_FORBIDDEN' })
  @ApiResponse({ status: 404, description: 'DEADLINE_CASE_NOT_FOUND' })
  @ApiResponse({
    status: 409,
    description:
      'DEADLINE_NO_OPEN_CLOCK、DEADLINE_WRONG_STATE（已超时）或 DEADLINE_EXTENSION_PENDING（已有待审批申请）',
  })
  requestExtension(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() body: RequestExtensionDto,
  ): Promise<ExtensionView> {
    return this.extensions.request(actor, id, body);
  }

  @Get(':id/extensions')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '案件的延期申请（按申请时间倒序）' })
  @ApiCaseId()
  @ApiOkResponse({ type: ExtensionListDto })
  @ApiResponse({ status: 404, description: 'DEADLINE_CASE_NOT_FOUND' })
  async listExtensions(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
  ): Promise<{ items: ExtensionView[] }> {
    return { items: await this.extensions.listForCase(actor, id) };
  }
}
