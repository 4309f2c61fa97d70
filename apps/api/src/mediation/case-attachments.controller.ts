import {
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Inject,
  Param,
  Post,
  Res,
  StreamableFile,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { type Actor, Role } from '@heqi/core';
import {
  ALLOWED_ATTACHMENT_TYPES,
  type AttachmentView,
  AttachmentsService,
  type IncomingAttachment,
} from '@heqi/mediation';
import { CurrentActor, Roles } from '../common/auth/auth.decorators.js';
import { contentDisposition } from '../common/http/content-disposition.js';
import { ApiCaseId } from '../common/swagger/api-case-id.decorator.js';
import {
  AttachmentUploadInterceptor,
  UploadedAttachment,
} from './attachment-upload.interceptor.js';
import { AttachmentDto, AttachmentListDto } from './dto/attachment.dto.js';

const READERS = [Role.Mediator, Role.Volunteer, Role.Supervisor, Role.Admin] as const;

/** Case attachments: upload (type checked by content, size-limited), list, download. */
@ApiTags('mediation 调解')
@ApiBearerAuth()
@Controller('cases')
export class CaseAttachmentsController {
  constructor(@Inject(AttachmentsService) private readonly attachments: AttachmentsService) {}

  @Post(':id/attachments')
  @Roles(Role.Mediator, Role.Volunteer)
  @HttpCode(HttpStatus.CREATED)
  @UseInterceptors(AttachmentUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: { type: 'string', format: 'binary', description: ALLOWED_ATTACHMENT_TYPES },
      },
    },
  })
  @ApiOperation({
    summary: `上传附件（本案调解员或协办律师；按文件内容识别类型，可上传：${ALLOWED_ATTACHMENT_TYPES}；大小上限见 HEQI_ATTACHMENT_MAX_MB，默认 20 MB）`,
  })
  @ApiCaseId()
  @ApiCreatedResponse({ type: AttachmentDto })
  @ApiResponse({ status: 400, description: '没有文件或文件为空（ATTACHMENT_MISSING）' })
  @ApiResponse({ status: 403, description: '不是本案的调解员或协办律师' })
  @ApiResponse({ status: 409, description: '案件尚未进入调解' })
  @ApiResponse({ status: 413, description: '文件超过大小限制（ATTACHMENT_TOO_LARGE）' })
  @ApiResponse({
    status: 415,
    description: '文件类型不在允许范围内（ATTACHMENT_TYPE_NOT_ALLOWED）',
  })
  upload(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @UploadedAttachment() file: IncomingAttachment,
  ): Promise<AttachmentView> {
    return this.attachments.upload(actor, id, file);
  }

  @Get(':id/attachments')
  @Roles(...READERS)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '本案附件列表' })
  @ApiCaseId()
  @ApiOkResponse({ type: AttachmentListDto })
  list(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
  ): Promise<{ items: AttachmentView[] }> {
    return this.attachments.list(actor, id);
  }

  @Get(':id/attachments/:attachmentId')
  @Roles(...READERS)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '下载附件' })
  @ApiCaseId()
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: '文件内容', schema: { type: 'string', format: 'binary' } })
  @ApiResponse({ status: 404, description: '附件不存在（ATTACHMENT_NOT_FOUND）' })
  async download(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Param('attachmentId') attachmentId: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const { attachment, content } = await this.attachments.download(actor, id, attachmentId);
    res.setHeader('x-content-type-options', 'nosniff');
    return new StreamableFile(content, {
      type: attachment.contentType,
      length: attachment.sizeBytes,
      disposition: contentDisposition(attachment.fileName, { fallback: 'attachment' }),
    });
  }
}
