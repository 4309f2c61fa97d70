import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '@heqi/core';
import { CaseTimeline } from '@heqi/cases';
import { ClockKind, DeadlinesService } from '@heqi/deadlines';
import { type WorkedCase, loadCase, requireInMediation } from '../case-access.js';
import { MediationEventType } from '../mediation-event-type.enum.js';
import { MediationError, MediationErrorCode } from '../mediation.errors.js';

export type ContactMode = 'in_person' | 'phone' | 'video' | 'sms';
export type SessionMode = 'in_person' | 'phone' | 'video';

export interface FirstContactInput {
  contactedAt: Date;
  mode: ContactMode;
  notes?: string | null;
}

export interface FirstContactView {
  caseId: string;
  firstContactAt: Date;
  mode: ContactMode;
}

export interface SessionParticipant {
  name: string;
  role: string;
}

export interface SessionInput {
  heldAt: Date;
  mode: SessionMode;
  notes: string;
  participants?: SessionParticipant[];
  location?: string | null;
}

export interface SessionView {
  id: string;
  caseId: string;
  heldAt: Date;
  mode: SessionMode;
  notes: string;
  participants: SessionParticipant[];
  location: string | null;
  recordedBy: string;
  recordedByName: string | null;
  createdAt: Date;
  /** This session was the first contact with the parties (none had been logged). */
  firstContact: boolean;
}

export interface NoteView {
  id: string;
  caseId: string;
  body: string;
  authorId: string;
  authorName: string | null;
  createdAt: Date;
}

/** A little clock skew between the caller's device and the server is tolerated. */
const SKEW_MS = 5 * 60 * 1000;

interface SessionRow {
  id: string;
  case_id: string;
  held_at: Date;
  mode: SessionMode;
  notes: string;
  participants: SessionParticipant[];
  location: string | null;
  recorded_by: string;
  recorded_by_name: string | null;
  created_at: Date;
}

/**
 * The mediator's work on a case: first contact (stops the first-contact clock), sessions and
 * internal notes. Only the case's mediator or co-mediator writes, while it is in mediation; its
 * readers (unit staff of the subtree, the mediator) read. Everything lands on the timeline in
 * the same transaction.
 */
@Injectable()
export class CaseWorkService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CaseTimeline) private readonly timeline: CaseTimeline,
    @Inject(DeadlinesService) private readonly deadlines: DeadlinesService,
  ) {}

  /**
   * Logs the first contact with the claimant. Once only: a second call is 409 (the first time is
   * what the first-contact clock and the reports measure; it must not move).
   */
  async logFirstContact(
    actor: Actor,
    caseId: string,
    input: FirstContactInput,
  ): Promise<FirstContactView> {
    return this.dataSource.transaction(async (manager) => {
      const kase = await loadCase(manager, actor, caseId, 'work', true);
      requireInMediation(kase);
      if (kase.first_contact_at) {
        throw new MediationError(
          MediationErrorCode.AlreadyContacted,
          `本案已于 ${kase.first_contact_at.toISOString()} 记录首次联系，不能重复记录`,
        );
      }
      checkPast(input.contactedAt, kase, 'contactedAt', '联系时间');
      await this.markContacted(manager, actor, kase, input.contactedAt, {
        mode: input.mode,
        notes: input.notes ?? null,
        via: 'first_contact',
      });
      return { caseId: kase.id, firstContactAt: input.contactedAt, mode: input.mode };
    });
  }

  /** Records a session; it counts as the first contact when none was logged yet. */
  async recordSession(actor: Actor, caseId: string, input: SessionInput): Promise<SessionView> {
    return this.dataSource.transaction(async (manager) => {
      const kase = await loadCase(manager, actor, caseId, 'work', true);
      requireInMediation(kase);
      checkPast(input.heldAt, kase, 'heldAt', '调解时间');
      const [row] = (await manager.query(
        `INSERT INTO case_session (case_id, held_at, mode, notes, participants, location, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         RETURNING id, case_id, held_at, mode, notes, participants, location, recorded_by,
                   (SELECT display_name FROM app_user WHERE id = $7) AS recorded_by_name,
                   created_at`,
        [
          kase.id,
          input.heldAt,
          input.mode,
          input.notes,
          JSON.stringify(input.participants ?? []),
          input.location ?? null,
          actor.userId,
        ],
      )) as SessionRow[];
      const firstContact = kase.first_contact_at === null;
      await this.timeline.append(manager, kase.id, actor, [
        {
          type: MediationEventType.Session,
          data: {
            sessionId: row!.id,
            heldAt: input.heldAt.toISOString(),
            mode: input.mode,
            participants: (input.participants ?? []).length,
            ...(input.location ? { location: input.location } : {}),
          },
        },
      ]);
      if (firstContact) {
        await this.markContacted(manager, actor, kase, input.heldAt, {
          mode: input.mode,
          notes: null,
          via: 'session',
          sessionId: row!.id,
        });
      }
      return { ...toSession(row!), firstContact };
    });
  }

  async sessions(actor: Actor, caseId: string): Promise<{ items: SessionView[] }> {
    const kase = await loadCase(this.dataSource.manager, actor, caseId, 'read');
    const rows = (await this.dataSource.query(
      `SELECT s.id, s.case_id, s.held_at, s.mode, s.notes, s.participants, s.location,
              s.recorded_by, u.display_name AS recorded_by_name, s.created_at,
              (c.first_contact_at = s.held_at) AS first_contact
         FROM case_session s JOIN mediation_case c ON c.id = s.case_id
         LEFT JOIN app_user u ON u.id = s.recorded_by
        WHERE s.case_id = $1 ORDER BY s.held_at, s.created_at`,
      [kase.id],
    )) as (SessionRow & { first_contact: boolean | null })[];
    return {
      items: rows.map((r) => ({ ...toSession(r), firstContact: r.first_contact === true })),
    };
  }

  async addNote(actor: Actor, caseId: string, body: string): Promise<NoteView> {
    return this.dataSource.transaction(async (manager) => {
      const kase = await loadCase(manager, actor, caseId, 'work', true);
      if (kase.status !== 'in_mediation' && kase.status !== 'closed') requireInMediation(kase);
      const [row] = (await manager.query(
        `INSERT INTO case_note (case_id, body, author_id) VALUES ($1, $2, $3)
         RETURNING id, case_id, body, author_id,
                   (SELECT display_name FROM app_user WHERE id = $3) AS author_name, created_at`,
        [kase.id, body, actor.userId],
      )) as NoteRow[];
      await this.timeline.append(manager, kase.id, actor, [
        // The timeline shows that a note was written; the text stays in the notes.
        { type: MediationEventType.Note, data: { noteId: row!.id, length: body.length } },
      ]);
      return toNote(row!);
    });
  }

  async notes(actor: Actor, caseId: string): Promise<{ items: NoteView[] }> {
    const kase = await loadCase(this.dataSource.manager, actor, caseId, 'read');
    const rows = (await this.dataSource.query(
      `SELECT n.id, n.case_id, n.body, n.author_id, u.display_name AS author_name, n.created_at
         FROM case_note n LEFT JOIN app_user u ON u.id = n.author_id
        WHERE n.case_id = $1 ORDER BY n.created_at, n.id`,
      [kase.id],
    )) as NoteRow[];
    return { items: rows.map(toNote) };
  }

  /** Sets first contact (the case row is locked), stops its clock, records it. */
  private async markContacted(
    manager: EntityManager,
    actor: Actor,
    kase: WorkedCase,
    at: Date,
    data: Record<string, unknown>,
  ): Promise<void> {
    await manager.query(
      `UPDATE mediation_case SET first_contact_at = $2, updated_at = now() WHERE id = $1`,
      [kase.id, at],
    );
    const stopped = await this.deadlines.stopClock(manager, kase.id, ClockKind.FirstContact, {
      reason: 'contacted',
    });
    await this.timeline.append(manager, kase.id, actor, [
      {
        type: MediationEventType.FirstContact,
        data: { contactedAt: at.toISOString(), ...data, clockStopped: stopped > 0 },
      },
    ]);
  }
}

interface NoteRow {
  id: string;
  case_id: string;
  body: string;
  author_id: string;
  author_name: string | null;
  created_at: Date;
}

function checkPast(at: Date, kase: WorkedCase, field: string, label: string): void {
  if (at.getTime() > Date.now() + SKEW_MS) {
    throw MediationError.invalid([{ field, message: `${label}不能晚于当前时间` }]);
  }
  if (at.getTime() < kase.received_at.getTime() - SKEW_MS) {
    throw MediationError.invalid([{ field, message: `${label}不能早于案件受理时间` }]);
  }
}

function toSession(r: SessionRow): Omit<SessionView, 'firstContact'> {
  return {
    id: r.id,
    caseId: r.case_id,
    heldAt: r.held_at,
    mode: r.mode,
    notes: r.notes,
    participants: r.participants,
    location: r.location,
    recordedBy: r.recorded_by,
    recordedByName: r.recorded_by_name,
    createdAt: r.created_at,
  };
}

function toNote(r: NoteRow): NoteView {
  return {
    id: r.id,
    caseId: r.case_id,
    body: r.body,
    authorId: r.author_id,
    authorName: r.author_name,
    createdAt: r.created_at,
  };
}
