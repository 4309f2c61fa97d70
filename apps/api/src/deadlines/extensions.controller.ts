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
import { type ExtensionView, ExtensionsService, type ListedExtensionView } from '@heqi/deadlines';
import { CurrentActor, Roles } from '../common/auth/auth.decorators.js';
import {
  ApproveExtensionDto,
  ExtensionDto,
  ExtensionPageDto,
  ListExtensionsQueryDto,
  RejectExtensionDto,
} from './dto/extension.dto.js';

const ID_PARAM = { name: 'id', description: '延期申请编号（UUID）' };

/** Listing and deciding extension requests: supervisors of the case's subtree. */
@ApiTags('deadlines 期限')
@ApiBearerAuth()
@Controller('extensions')
export class ExtensionsController {
  constructor(@Inject(ExtensionsService) private readonly extensions: ExtensionsService) {}

  @Get()
  @Roles(Role.Supervisor, Role.Admin)
  @ApiOperation({
    summary: '延期申请列表（督导、管理员，限管辖范围），按申请时间先后；state=pending 即待审批',
  })
  @ApiOkResponse({ type: ExtensionPageDto })
  list(
    @CurrentActor() actor: Actor,
    @Query() query: ListExtensionsQueryDto,
  ): Promise<Page<ListedExtensionView>> {
    const { page, pageSize, state } = query;
    return this.extensions.list(actor, { state }, { page, pageSize });
  }

  @Post(':id/approve')
  @Roles(Role.Supervisor)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: '批准延期（案件所在单位的上级督导，不能审批本人的申请）：期限的到期和预警时间顺延',
  })
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: ExtensionDto })
  @ApiResponse({ status: 400, description: 'DEADLINE_INVALID：累计超过上限' })
  @ApiResponse({ status: 403, description: '不是督导，或审批本人的申请' })
  @ApiResponse({ status: 404, description: 'DEADLINE_EXTENSION_NOT_FOUND（含不在管辖范围内的）' })
  @ApiResponse({
    status: 409,
    description: 'DEADLINE_WRONG_STATE：申请已审批，或期限已超时、已结束',
  })
  approve(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() body: ApproveExtensionDto,
  ): Promise<ExtensionView> {
    return this.extensions.approve(actor, id, body.note);
  }

  @Post(':id/reject')
  @Roles(Role.Supervisor)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '驳回延期申请（督导，须填写原因）' })
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: ExtensionDto })
  @ApiResponse({ status: 400, description: '未填写原因' })
  @ApiResponse({ status: 403, description: '不是督导，或审批本人的申请' })
  @ApiResponse({ status: 404, description: 'DEADLINE_EXTENSION_NOT_FOUND' })
  @ApiResponse({ status: 409, description: 'DEADLINE_WRONG_STATE：申请已审批' })
  reject(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() body: RejectExtensionDto,
  ): Promise<ExtensionView> {
    return this.extensions.reject(actor, id, body.reason);
  }
}
