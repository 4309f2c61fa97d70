import { Controller, Get, HttpCode, HttpStatus, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, type Page, Role } from '@heqi/core';
import { AssignmentViewsService, type MediatorLoad, type UnassignedCase } from '@heqi/assignment';
import { CurrentActor, Roles } from '../common/auth/auth.decorators.js';
import {
  MediatorLoadPageDto,
  SubtreeQueryDto,
  UnassignedPageDto,
} from './dto/assignment-views.dto.js';

/** What supervisors watch: cases nobody has yet, and every mediator's load. */
@ApiTags('assignment 派案')
@ApiBearerAuth()
@Controller('assignment')
export class AssignmentController {
  constructor(@Inject(AssignmentViewsService) private readonly views: AssignmentViewsService) {}

  @Get('unassigned')
  @Roles(Role.Admin, Role.Supervisor)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: '待派案件（管辖范围内），等待最久的在前，附等待时长和无人可派的原因',
  })
  @ApiOkResponse({ type: UnassignedPageDto })
  @ApiResponse({ status: 403, description: '不是督导或管理员' })
  unassigned(
    @CurrentActor() actor: Actor,
    @Query() query: SubtreeQueryDto,
  ): Promise<Page<UnassignedCase>> {
    const { page, pageSize, ...filter } = query;
    return this.views.unassigned(actor, filter, { page, pageSize });
  }

  @Get('load')
  @Roles(Role.Admin, Role.Supervisor)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '调解员工作量（管辖范围内）：待接受派案、在办案件与容量' })
  @ApiOkResponse({ type: MediatorLoadPageDto })
  @ApiResponse({ status: 403, description: '不是督导或管理员' })
  load(@CurrentActor() actor: Actor, @Query() query: SubtreeQueryDto): Promise<Page<MediatorLoad>> {
    const { page, pageSize, ...filter } = query;
    return this.views.load(actor, filter, { page, pageSize });
  }
}
