import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Inject,
  Param,
  Patch,
  Post,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { type Actor, Role } from '@heqi/core';
import { ClockPoliciesService, type ClockPolicyView } from '@heqi/deadlines';
import { CurrentActor, Roles } from '../common/auth/auth.decorators.js';
import {
  ClockPolicyDto,
  ClockPolicyListDto,
  CreateClockPolicyDto,
  UpdateClockPolicyDto,
} from './dto/clock-policy.dto.js';

/**
 * Clock policies (期限规则) as data: per kind, channel, category and collective flag; the most
 * specific active one applies when a clock starts. Admins only.
 */
@ApiTags('deadlines 期限')
@ApiBearerAuth()
@Controller('clock-policies')
@Roles(Role.Admin)
export class ClockPoliciesController {
  constructor(@Inject(ClockPoliciesService) private readonly policies: ClockPoliciesService) {}

  @Get()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '期限规则列表（有效的在前）' })
  @ApiOkResponse({ type: ClockPolicyListDto })
  async list(): Promise<{ items: ClockPolicyView[] }> {
    return { items: await this.policies.list() };
  }

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: '新增期限规则：渠道 + 类别 优先于 仅渠道，优先于 默认；只影响此后启动的期限',
  })
  @ApiCreatedResponse({ type: ClockPolicyDto })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED / DEADLINE_INVALID' })
  @ApiResponse({ status: 409, description: 'DEADLINE_POLICY_DUPLICATE' })
  create(
    @CurrentActor() actor: Actor,
    @Body() body: CreateClockPolicyDto,
  ): Promise<ClockPolicyView> {
    return this.policies.create(actor, body);
  }

  @Patch(':id')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '修改期限规则（时限、预警比例、延期上限、依据、启用状态）' })
  @ApiParam({ name: 'id', description: '规则编号（UUID）' })
  @ApiOkResponse({ type: ClockPolicyDto })
  @ApiResponse({ status: 404, description: 'DEADLINE_POLICY_NOT_FOUND' })
  @ApiResponse({
    status: 409,
    description: 'DEADLINE_POLICY_DUPLICATE（重新启用时与有效规则重复）',
  })
  update(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() body: UpdateClockPolicyDto,
  ): Promise<ClockPolicyView> {
    return this.policies.update(actor, id, body);
  }
}
