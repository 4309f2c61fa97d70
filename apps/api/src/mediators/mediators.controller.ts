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
  Query,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { type Actor, type Page, Role } from '@heqi/core';
import { MediatorsService, type MediatorView } from '@heqi/network';
import { CurrentActor, Roles } from '../common/auth/auth.decorators.js';
import { CreateMediatorDto } from './dto/create-mediator.dto.js';
import { ListMediatorsQueryDto } from './dto/list-mediators.query.dto.js';
import { MediatorIdParams } from './dto/mediator-id.params.js';
import { MediatorDto, MediatorPageDto } from './dto/mediator.dto.js';
import { UpdateMediatorDto } from './dto/update-mediator.dto.js';

@ApiTags('mediators 调解员')
@ApiBearerAuth()
@Controller('mediators')
export class MediatorsController {
  constructor(@Inject(MediatorsService) private readonly mediators: MediatorsService) {}

  @Post()
  @Roles(Role.Admin, Role.Supervisor)
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: '新增调解员（管理员、督导；单位须在其管辖范围内且已启用）' })
  @ApiCreatedResponse({ type: MediatorDto })
  @ApiResponse({
    status: 400,
    description: '输入有误（手机号、擅长类别、容量、志愿律师的律所、单位）',
  })
  @ApiResponse({ status: 409, description: 'MEDIATOR_PHONE_TAKEN：该单位已有此手机号的调解员' })
  create(@CurrentActor() actor: Actor, @Body() body: CreateMediatorDto): Promise<MediatorView> {
    return this.mediators.create(actor, body);
  }

  @Get()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: '调解员列表',
    description: '管理员、督导、受理人员：管辖范围内的调解员；调解员、志愿律师：只有本人。',
  })
  @ApiOkResponse({ type: MediatorPageDto })
  list(
    @CurrentActor() actor: Actor,
    @Query() query: ListMediatorsQueryDto,
  ): Promise<Page<MediatorView>> {
    const { page, pageSize, ...filter } = query;
    return this.mediators.list(actor, filter, { page, pageSize });
  }

  @Get(':id')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '查看调解员（看不到的调解员返回 404）' })
  @ApiOkResponse({ type: MediatorDto })
  get(@CurrentActor() actor: Actor, @Param() params: MediatorIdParams): Promise<MediatorView> {
    return this.mediators.get(actor, params.id);
  }

  @Patch(':id')
  @Roles(Role.Admin, Role.Supervisor, Role.Mediator, Role.Volunteer)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: '修改调解员',
    description:
      '管理员、督导：管辖范围内调解员的任何字段（含调往管辖范围内的其他单位）。' +
      '调解员、志愿律师：只能修改本人的 unavailableUntil（其他字段 403）。',
  })
  @ApiOkResponse({ type: MediatorDto })
  @ApiResponse({
    status: 403,
    description: '角色无权修改，或调解员本人修改了 unavailableUntil 以外的字段',
  })
  @ApiResponse({ status: 404, description: '调解员不存在或不在管辖范围内' })
  update(
    @CurrentActor() actor: Actor,
    @Param() params: MediatorIdParams,
    @Body() body: UpdateMediatorDto,
  ): Promise<MediatorView> {
    return this.mediators.update(actor, params.id, body.toInput());
  }
}
