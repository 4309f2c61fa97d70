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
import { OrgUnitsService } from '@heqi/network';
import { CurrentActor, Roles } from '../common/auth/auth.decorators.js';
import { CreateOrgUnitDto } from './dto/create-org-unit.dto.js';
import { ListOrgUnitsQueryDto } from './dto/list-org-units.query.dto.js';
import { OrgUnitIdParams } from './dto/org-unit-id.params.js';
import { OrgUnitDto, OrgUnitPageDto } from './dto/org-unit.dto.js';
import { UpdateOrgUnitDto } from './dto/update-org-unit.dto.js';

/**
 * The org-unit tree. Units are never deleted (cases keep referring to them): there is no DELETE;
 * `PATCH {"active": false}` deactivates a unit instead.
 */
@ApiTags('org-units 组织单位')
@ApiBearerAuth()
@Controller('org-units')
export class OrgUnitsController {
  constructor(@Inject(OrgUnitsService) private readonly units: OrgUnitsService) {}

  @Post()
  @Roles(Role.Admin)
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: '新建单位（管理员；有所属单位的管理员只能在本单位及下级单位内新建）',
  })
  @ApiCreatedResponse({ type: OrgUnitDto })
  @ApiResponse({
    status: 400,
    description:
      '输入有误：VALIDATION_FAILED、PARENT_NOT_FOUND、PARENT_INACTIVE、LEVEL_NOT_ALLOWED（details 指明字段）',
  })
  @ApiResponse({ status: 403, description: '不是管理员，或无权新建区/县' })
  @ApiResponse({
    status: 409,
    description: 'CREDIT_CODE_TAKEN、UNIT_NAME_TAKEN（同一上级下重名）、UNIT_CODE_TAKEN',
  })
  async create(@CurrentActor() actor: Actor, @Body() body: CreateOrgUnitDto): Promise<OrgUnitDto> {
    return OrgUnitDto.from(await this.units.create(actor, body));
  }

  @Get()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '单位列表（仅本人所属单位及其下级单位；按层级、名称排序）' })
  @ApiOkResponse({ type: OrgUnitPageDto })
  async list(
    @CurrentActor() actor: Actor,
    @Query() query: ListOrgUnitsQueryDto,
  ): Promise<Page<OrgUnitDto>> {
    const { page, pageSize, ...filter } = query;
    const result = await this.units.list(actor, filter, { page, pageSize });
    return { ...result, items: result.items.map((unit) => OrgUnitDto.from(unit)) };
  }

  @Get(':id')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '查看单位（管辖范围外的单位返回 404）' })
  @ApiOkResponse({ type: OrgUnitDto })
  @ApiResponse({ status: 404, description: '单位不存在或不在管辖范围内' })
  async get(@CurrentActor() actor: Actor, @Param() params: OrgUnitIdParams): Promise<OrgUnitDto> {
    return OrgUnitDto.from(await this.units.get(actor, params.id));
  }

  @Patch(':id')
  @Roles(Role.Admin)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: '修改、移动或停用单位（管理员）',
    description:
      '可改名称、编码、统一社会信用代码、地址、启用状态；parentId 不同时连同整个下级子树移动（一个事务）。' +
      '单位不会被删除：没有 DELETE 接口，用 {"active": false} 停用（须先停用其下级单位和调解员）。',
  })
  @ApiOkResponse({ type: OrgUnitDto })
  @ApiResponse({
    status: 400,
    description:
      'VALIDATION_FAILED、PARENT_NOT_FOUND、PARENT_INACTIVE、LEVEL_NOT_ALLOWED、MOVE_CYCLE',
  })
  @ApiResponse({ status: 404, description: '单位不存在或不在管辖范围内' })
  @ApiResponse({
    status: 409,
    description: 'CREDIT_CODE_TAKEN、UNIT_NAME_TAKEN、UNIT_CODE_TAKEN、UNIT_HAS_ACTIVE_MEMBERS',
  })
  async update(
    @CurrentActor() actor: Actor,
    @Param() params: OrgUnitIdParams,
    @Body() body: UpdateOrgUnitDto,
  ): Promise<OrgUnitDto> {
    return OrgUnitDto.from(await this.units.update(actor, params.id, body));
  }
}
