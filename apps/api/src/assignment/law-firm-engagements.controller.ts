import {
  Body,
  Controller,
  Delete,
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
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { type Actor, type Page, Role } from '@heqi/core';
import { type LawFirmEngagement, LawFirmEngagementsService } from '@heqi/assignment';
import { CurrentActor, Roles } from '../common/auth/auth.decorators.js';
import {
  CreateLawFirmEngagementDto,
  LawFirmEngagementDto,
  LawFirmEngagementPageDto,
  ListLawFirmEngagementsQueryDto,
} from './dto/law-firm-engagement.dto.js';

/** Which law firms act for which employers: their volunteer lawyers are never offered such cases. */
@ApiTags('assignment 派案')
@ApiBearerAuth()
@Controller('law-firm-engagements')
export class LawFirmEngagementsController {
  constructor(
    @Inject(LawFirmEngagementsService) private readonly engagements: LawFirmEngagementsService,
  ) {}

  @Post()
  @Roles(Role.Admin, Role.Supervisor)
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: '登记律所代理关系（回避）：该律所的志愿律师不会被派到针对该用人单位的案件',
    description: '按统一社会信用代码或用人单位名称（忽略“有限公司”等后缀和括号）匹配。',
  })
  @ApiCreatedResponse({ type: LawFirmEngagementDto })
  @ApiResponse({ status: 400, description: '输入有误（信用代码、日期、单位）' })
  @ApiResponse({ status: 403, description: '不是督导或管理员' })
  create(
    @CurrentActor() actor: Actor,
    @Body() body: CreateLawFirmEngagementDto,
  ): Promise<LawFirmEngagement> {
    return this.engagements.create(actor, body);
  }

  @Get()
  @Roles(Role.Admin, Role.Supervisor)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '律所代理关系列表（本单位及下级单位登记的，和全区范围的）' })
  @ApiOkResponse({ type: LawFirmEngagementPageDto })
  @ApiResponse({ status: 403, description: '不是督导或管理员' })
  list(
    @CurrentActor() actor: Actor,
    @Query() query: ListLawFirmEngagementsQueryDto,
  ): Promise<Page<LawFirmEngagement>> {
    const { page, pageSize, ...filter } = query;
    return this.engagements.list(actor, filter, { page, pageSize });
  }

  @Delete(':id')
  @Roles(Role.Admin, Role.Supervisor)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: '删除律所代理关系（代理已结束或登记有误）；删除的记录连同内容记入审计日志',
  })
  @ApiNoContentResponse()
  @ApiResponse({ status: 403, description: '不是督导或管理员；或全区范围的记录（仅区级管理员）' })
  @ApiResponse({ status: 404, description: 'ENGAGEMENT_NOT_FOUND' })
  remove(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<void> {
    return this.engagements.remove(actor, id);
  }
}
