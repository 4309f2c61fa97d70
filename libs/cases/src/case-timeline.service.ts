import { Injectable } from '@nestjs/common';
import type { Actor, SqlStatement, SystemActor } from '@heqi/core';
import type { EntityManager } from 'typeorm';
import type { CaseEventType } from './case-event-type.enum.js';

/** A timeline event to append. `data` must never hold clear personal numbers. */
export interface NewCaseEvent {
  type: CaseEventType | `${string}.${string}`;
  data?: Record<string, unknown>;
}

/**
 * Appends to a case's timeline inside the caller's transaction, so a step and its record
 * commit together. Every context that moves a case (intake, assignment, deadlines, hotline)
 * writes through here.
 */
@Injectable()
export class CaseTimeline {
  /**
   * Appends `events` in order. A user is recorded with the display name they have now (falling
   * back to the username), so the timeline reads as people do, and keeps reading so after a
   * rename; a machine under its system name.
   */
  async append(
    manager: EntityManager,
    caseId: string,
    by: Actor | SystemActor,
    events: readonly NewCaseEvent[],
  ): Promise<void> {
    await this.appendToMany(
      manager,
      by,
      events.map((e) => ({ ...e, caseId })),
    );
  }

  /**
   * Appends events of many cases in one statement, in order (the deadline sweep records
   * thousands of warnings and breaches at once), under one actor.
   */
  async appendToMany(
    manager: EntityManager,
    by: Actor | SystemActor,
    events: readonly (NewCaseEvent & { caseId: string })[],
  ): Promise<void> {
    const statement = this.appendStatement(by, events);
    if (statement) await manager.query(statement.sql, statement.params);
  }

  /**
   * The statement {@link appendToMany} runs, for a caller that runs it beside its own writes
   * (`withWrites`); null when there is nothing to append.
   */
  appendStatement(
    by: Actor | SystemActor,
    events: readonly (NewCaseEvent & { caseId: string })[],
  ): SqlStatement | null {
    if (events.length === 0) return null;
    const isUser = 'userId' in by;
    return {
      sql: `INSERT INTO case_event (case_id, actor_id, actor_name, type, data)
            SELECT e.case_id, $1::uuid,
                   coalesce((SELECT display_name FROM app_user WHERE id = $1::uuid), $2), e.type,
                   e.data
              FROM unnest($3::uuid[], $4::text[], $5::jsonb[]) WITH ORDINALITY AS e(case_id, type, data, n)
             ORDER BY e.n`,
      params: [
        isUser ? by.userId : null,
        isUser ? by.username : by.system,
        events.map((e) => e.caseId),
        events.map((e) => e.type),
        events.map((e) => JSON.stringify(e.data ?? {})),
      ],
    };
  }
}
