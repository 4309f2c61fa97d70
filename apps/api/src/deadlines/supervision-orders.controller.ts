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
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { type Actor, type Page, Role } from '@heqi/core';
import { type SupervisionOrderView, SupervisionOrdersService } from '@heqi/deadlines';
import { CurrentActor, Roles } from '../common/auth/auth.decorators.js';
import {
  CloseSupervisionOrderDto,
  ListSupervisionOrdersQueryDto,
  SupervisionOrderDto,
  SupervisionOrderPageDto,
} from './dto/supervision-order.dto.js';

/** 督办: opened by breached clocks for the supervisors of the case's unit. */
@ApiTags('deadlines 期限')
@ApiBearerAuth()
@Controller('supervision-orders')
export class SupervisionOrdersController {
  constructor(
    @Inject(SupervisionOrdersService) private readonly orders: SupervisionOrdersService,
  ) {}

  @Get()
  @Roles(Role.Supervisor, Role.Admin)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '督办单列表（督导、管理员，限管辖范围），按生成时间倒序' })
  @ApiOkResponse({ type: SupervisionOrderPageDto })
  list(
    @CurrentActor() actor: Actor,
    @Query() query: ListSupervisionOrdersQueryDto,
  ): Promise<Page<SupervisionOrderView>> {
    const { page, pageSize, state } = query;
    return this.orders.list(actor, { state }, { page, pageSize });
  }

  @Post(':id/close')
  @Roles(Role.Supervisor)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '办结督办单（督导，附办结说明）' })
  @ApiParam({ name: 'id', description: '督办单编号（UUID）' })
  @ApiOkResponse({ type: SupervisionOrderDto })
  @ApiResponse({ status: 404, description: 'SUPERVISION_NOT_FOUND（含不在管辖范围内的）' })
  @ApiResponse({ status: 409, description: 'DEADLINE_WRONG_STATE：已办结' })
  close(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() body: CloseSupervisionOrderDto,
  ): Promise<SupervisionOrderView> {
    return this.orders.close(actor, id, body.note);
  }
}
