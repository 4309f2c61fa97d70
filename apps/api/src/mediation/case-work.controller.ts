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
  CaseWorkService,
  type FirstContactView,
  type NoteView,
  type SessionView,
} from '@heqi/mediation';
import { CurrentActor, Roles } from '../common/auth/auth.decorators.js';
import { ApiCaseId } from '../common/swagger/api-case-id.decorator.js';
import {
  AddNoteDto,
  FirstContactDto,
  FirstContactResultDto,
  NoteDto,
  NoteListDto,
  RecordSessionDto,
  SessionDto,
  SessionListDto,
} from './dto/case-work.dto.js';

const WORKERS = [Role.Mediator, Role.Volunteer] as const;
const READERS = [Role.Mediator, Role.Volunteer, Role.Supervisor, Role.Admin] as const;

/**
 * The mediator's work on a case: first contact, sessions, internal notes. Written by the case's
 * mediator or co-mediator while it is in mediation; read also by supervisors and admins of its
 * unit's subtree.
 */
@ApiTags('mediation 调解')
@ApiBearerAuth()
@Controller('cases')
export class CaseWorkController {
  constructor(@Inject(CaseWorkService) private readonly work: CaseWorkService) {}

  @Post(':id/first-contact')
  @Roles(...WORKERS)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: '记录首次联系申请人（停止“首次联系”期限；每案仅记录一次，重复记录返回 409）',
  })
  @ApiCaseId()
  @ApiOkResponse({ type: FirstContactResultDto })
  @ApiResponse({ status: 400, description: '时间晚于当前时间或早于受理时间、方式无效' })
  @ApiResponse({ status: 403, description: '不是本案的调解员或协办律师' })
  @ApiResponse({ status: 409, description: '案件不在调解中，或已记录首次联系' })
  firstContact(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() body: FirstContactDto,
  ): Promise<FirstContactView> {
    return this.work.logFirstContact(actor, id, {
      contactedAt: new Date(body.contactedAt),
      mode: body.mode,
      notes: body.notes ?? null,
    });
  }

  @Post(':id/sessions')
  @Roles(...WORKERS)
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: '记录一次调解（当面、电话、视频）；尚未记录首次联系时同时记为首次联系',
  })
  @ApiCaseId()
  @ApiCreatedResponse({ type: SessionDto })
  @ApiResponse({ status: 400, description: '输入有误（字段详情见 details）' })
  @ApiResponse({ status: 403, description: '不是本案的调解员或协办律师' })
  @ApiResponse({ status: 409, description: '案件不在调解中' })
  recordSession(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() body: RecordSessionDto,
  ): Promise<SessionView> {
    return this.work.recordSession(actor, id, {
      heldAt: new Date(body.heldAt),
      mode: body.mode,
      notes: body.notes,
      participants: body.participants ?? [],
      location: body.location ?? null,
    });
  }

  @Get(':id/sessions')
  @Roles(...READERS)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '本案的调解记录（按时间先后）' })
  @ApiCaseId()
  @ApiOkResponse({ type: SessionListDto })
  sessions(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
  ): Promise<{ items: SessionView[] }> {
    return this.work.sessions(actor, id);
  }

  @Post(':id/notes')
  @Roles(...WORKERS)
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: '添加内部备注（时间线只记录“已添加备注”，不含内容）' })
  @ApiCaseId()
  @ApiCreatedResponse({ type: NoteDto })
  @ApiResponse({ status: 403, description: '不是本案的调解员或协办律师' })
  @ApiResponse({ status: 409, description: '案件尚未进入调解' })
  addNote(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() body: AddNoteDto,
  ): Promise<NoteView> {
    return this.work.addNote(actor, id, body.body);
  }

  @Get(':id/notes')
  @Roles(...READERS)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '本案的内部备注（按时间先后）' })
  @ApiCaseId()
  @ApiOkResponse({ type: NoteListDto })
  notes(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<{ items: NoteView[] }> {
    return this.work.notes(actor, id);
  }
}
