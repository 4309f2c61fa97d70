import { Controller, Get, HttpCode, HttpStatus, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@heqi/core';
import { type CaseReplyDraft, HotlineReplyDrafts } from '@heqi/hotline';
import { CurrentActor } from '../common/auth/auth.decorators.js';
import { ApiCaseId } from '../common/swagger/api-case-id.decorator.js';
import { ReplyDraftDto, ReplyDraftQueryDto } from './dto/reply-draft.dto.js';

/** The close form's prefill of a hotline case's 12345 reply. */
@ApiTags('cases 案件')
@ApiBearerAuth()
@Controller('cases')
export class CaseReplyDraftController {
  constructor(@Inject(HotlineReplyDrafts) private readonly drafts: HotlineReplyDrafts) {}

  @Get(':id/reply-draft')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: '12345 答复草稿（按拟结案结果预填办理情况与答复内容）',
    description: '仅 12345 热线工单；结案时未填写答复内容，则按同样方式生成答复。',
  })
  @ApiCaseId()
  @ApiOkResponse({ type: ReplyDraftDto })
  @ApiResponse({ status: 400, description: 'outcome 缺失或无效' })
  @ApiResponse({ status: 409, description: 'HOTLINE_NOT_HOTLINE_CASE：不是热线工单' })
  draft(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Query() query: ReplyDraftQueryDto,
  ): Promise<CaseReplyDraft> {
    const { outcome, ...hints } = query;
    return this.drafts.draft(actor, id, outcome, hints);
  }
}
