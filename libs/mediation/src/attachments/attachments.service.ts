import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type Actor, isUuid } from '@heqi/core';
import { CaseTimeline } from '@heqi/cases';
import { loadCase } from '../case-access.js';
import { MediationEventType } from '../mediation-event-type.enum.js';
import { MediationError, MediationErrorCode } from '../mediation.errors.js';
import { ALLOWED_ATTACHMENT_TYPES, cleanFileName, sniffAttachmentType } from './attachment-type.js';
import { AttachmentStore } from './attachment-store.js';

/** An upload as the API received it (spooled, size already checked against the limit). */
export interface IncomingAttachment {
  fileName: string;
  size: number;
  sha256: string;
  /** The first bytes (a few KB), to tell the type by. */
  head: Buffer;
  /** The whole content, from the start. */
  open(): Readable;
}

export interface AttachmentView {
  id: string;
  caseId: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string;
  uploadedByName: string | null;
  createdAt: Date;
}

interface AttachmentRow {
  id: string;
  case_id: string;
  file_name: string;
  content_type: string;
  size_bytes: string;
  sha256: string;
  storage_key: string;
  uploaded_by: string;
  uploaded_by_name: string | null;
  created_at: Date;
}

const COLUMNS = `a.id, a.case_id, a.file_name, a.content_type, a.size_bytes, a.sha256, a.storage_key,
  a.uploaded_by, u.display_name AS uploaded_by_name, a.created_at`;

/**
 * Case attachments (evidence, IDs, pay slips, signed records): type checked by content, bytes in
 * the {@link AttachmentStore}, metadata and a timeline event in Postgres. The bytes are written
 * first; if the row then fails to commit, the stored file is removed again.
 */
@Injectable()
export class AttachmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CaseTimeline) private readonly timeline: CaseTimeline,
    @Inject(AttachmentStore) private readonly store: AttachmentStore,
  ) {}

  async upload(actor: Actor, caseId: string, file: IncomingAttachment): Promise<AttachmentView> {
    // Reach and role first, so an outsider learns nothing from a type or size answer.
    const kase = await loadCase(this.dataSource.manager, actor, caseId, 'work');
    if (kase.status !== 'in_mediation' && kase.status !== 'closed') {
      throw MediationError.wrongState('案件尚未进入调解，不能上传附件');
    }
    if (file.size === 0) {
      throw new MediationError(MediationErrorCode.AttachmentMissing, '上传的文件是空的', [
        { field: 'file', message: '文件内容为空' },
      ]);
    }
    const fileName = cleanFileName(file.fileName);
    const type = sniffAttachmentType(file.head, fileName);
    if (!type) {
      throw new MediationError(
        MediationErrorCode.AttachmentType,
        `不支持该文件类型（按文件内容识别）。可上传：${ALLOWED_ATTACHMENT_TYPES}`,
      );
    }
    const id = randomUUID();
    const key = `${kase.id}/${id}`;
    await this.store.put(key, file.open());
    try {
      return await this.dataSource.transaction(async (manager) => {
        const locked = await loadCase(manager, actor, caseId, 'work', true);
        if (locked.status !== 'in_mediation' && locked.status !== 'closed') {
          throw MediationError.wrongState('案件尚未进入调解，不能上传附件');
        }
        await manager.query(
          `INSERT INTO case_attachment (id, case_id, file_name, content_type, size_bytes, sha256,
                                        storage_key, uploaded_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [id, kase.id, fileName, type.contentType, file.size, file.sha256, key, actor.userId],
        );
        await this.timeline.append(manager, kase.id, actor, [
          {
            type: MediationEventType.Attachment,
            data: { attachmentId: id, fileName, contentType: type.contentType, size: file.size },
          },
        ]);
        return toView((await this.rows(manager, kase.id, id))[0]!);
      });
    } catch (err) {
      await this.store.delete(key).catch(() => undefined);
      throw err;
    }
  }

  async list(actor: Actor, caseId: string): Promise<{ items: AttachmentView[] }> {
    const kase = await loadCase(this.dataSource.manager, actor, caseId, 'read');
    return { items: (await this.rows(this.dataSource.manager, kase.id)).map(toView) };
  }

  /** The attachment and its bytes; unknown ids (or ids of another case) are 404. */
  async download(
    actor: Actor,
    caseId: string,
    attachmentId: string,
  ): Promise<{ attachment: AttachmentView; content: Readable }> {
    const kase = await loadCase(this.dataSource.manager, actor, caseId, 'read');
    const notFound = () => new MediationError(MediationErrorCode.AttachmentNotFound, '附件不存在');
    if (!isUuid(attachmentId)) throw notFound();
    const [row] = await this.rows(this.dataSource.manager, kase.id, attachmentId);
    if (!row) throw notFound();
    const content = await this.store.get(row.storage_key);
    if (!content) throw notFound();
    return { attachment: toView(row), content };
  }

  private rows(
    manager: DataSource['manager'],
    caseId: string,
    id?: string,
  ): Promise<AttachmentRow[]> {
    return manager.query(
      `SELECT ${COLUMNS} FROM case_attachment a LEFT JOIN app_user u ON u.id = a.uploaded_by
        WHERE a.case_id = $1 AND ($2::uuid IS NULL OR a.id = $2)
        ORDER BY a.created_at, a.id`,
      [caseId, id ?? null],
    ) as Promise<AttachmentRow[]>;
  }
}

function toView(r: AttachmentRow): AttachmentView {
  return {
    id: r.id,
    caseId: r.case_id,
    fileName: r.file_name,
    contentType: r.content_type,
    sizeBytes: Number(r.size_bytes),
    sha256: r.sha256,
    uploadedBy: r.uploaded_by,
    uploadedByName: r.uploaded_by_name,
    createdAt: r.created_at,
  };
}
