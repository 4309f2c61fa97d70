import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { JobName, OutboxService, type SqlStatement } from '@heqi/core';
import type { BusinessCalendar } from '../calendar/index.js';
import {
  type CaseTraits,
  type ClockPolicyRule,
  pickPolicy,
} from '../policies/clock-policy-rule.js';
import type { BudgetUnit } from './budget-unit.enum.js';
import { ClockKind } from './clock-kind.enum.js';
import { type ClockSchedule, type ClockTerms, pauseCreditMs, scheduleClock } from './clock-math.js';
import { ClockState } from './clock-state.enum.js';
import { DeadlineSettings } from './deadline-settings.service.js';

/** A clock to start (see {@link DeadlinesService.startClock}). */
export interface StartClockInput {
  caseId: string;
  kind: ClockKind;
  /** The instant of the event that starts it (received, accepted, agreement in effect…). */
  startAt: Date;
  /**
   * A due instant given instead of the policy's budget: required for kinds whose policy has no
   * budget (an instalment's due date); for others it overrides the budget.
   */
  dueAt?: Date | null;
  /** Tells clocks of one kind apart on one case, e.g. the instalment number. */
  ref?: string | null;
}

/** A clock as started (or found already running). */
export interface StartedClock {
  id: string;
  caseId: string;
  kind: ClockKind;
  ref: string | null;
  dueAt: Date;
  warnAt: Date;
  /** Computed Monday–Friday somewhere: a year on its way has no published schedule yet. */
  calendarUnverified: boolean;
}

/** One clock about to be started: its input, policy and computed schedule. */
interface PlannedClock {
  input: StartClockInput;
  policy: ClockPolicyRule;
  schedule: ClockSchedule;
}

/** Clocks computed but not yet written (see {@link DeadlinesService.planCaseClocks}). */
export interface ClockPlan {
  readonly clocks: readonly PlannedClock[];
  readonly alertedYears: ReadonlySet<number>;
}

/** What a case shows of each clock (contract: `GET /cases/:id` → `deadlines`). */
export interface CaseDeadlineView {
  kind: ClockKind;
  dueAt: Date;
  state: ClockState;
  calendarUnverified: boolean;
}

/** Why clocks stopped: kept on the clock, so rates can tell work done from cases closed. */
export type StopReason = 'done' | 'routed' | 'offered' | 'contacted' | 'closed' | 'returned';

/** A clock row with everything its schedule follows from. */
export interface ClockRow {
  id: string;
  case_id: string;
  kind: ClockKind;
  ref: string | null;
  budget_value: string | null;
  budget_unit: BudgetUnit | null;
  warn_share: string;
  started_at: Date;
  given_due_at: Date | null;
  due_at: Date;
  warn_at: Date;
  state: ClockState;
  paused_at: Date | null;
  paused_total_ms: string;
  warned_at: Date | null;
  extension_days: number;
  calendar_unverified: boolean;
}

export const CLOCK_COLUMNS = `id, case_id, kind, ref, budget_value, budget_unit, warn_share,
  started_at, given_due_at, due_at, warn_at, state, paused_at, paused_total_ms, warned_at,
  extension_days, calendar_unverified`;

/** The terms a clock row's schedule follows from, with extra pause credit or extension days. */
export function termsOf(
  row: ClockRow,
  more: { creditMs?: number; days?: number } = {},
): ClockTerms {
  return {
    startedAt: row.started_at,
    budget:
      row.budget_value === null || row.budget_unit === null
        ? null
        : { value: Number(row.budget_value), unit: row.budget_unit },
    givenDueAt: row.given_due_at,
    warnShare: Number(row.warn_share),
    extensionDays: row.extension_days + (more.days ?? 0),
    pausedTotalMs: Number(row.paused_total_ms) + (more.creditMs ?? 0),
  };
}

/**
 * A transition due within this long gets a delayed job of its own, fired on the second; later
 * ones are left to the periodic sweep. A job per transition was four of the six outbox rows a
 * new case wrote (its clocks run for days to a year), relayed at intake's rate and held in Redis
 * all that time — the relay's statements took 3.6 s of Postgres time in 30 s at 200 cases/s,
 * 1.0 s without them (bench/assignment) — to gain at most one sweep interval (30 s) on
 * deadlines counted in working days.
 */
export const FIRE_JOB_HORIZON_MS = 15 * 60_000;

const CASE_CLOCK_KINDS = [
  ClockKind.HotlineSignFor,
  ClockKind.HotlineReply,
  ClockKind.MediationLimit,
  ClockKind.Limitation,
] as const;

/**
 * The clock engine: starts, pauses, resumes and stops the clocks of a case. Every method works
 * inside the caller's transaction (`manager`), so a case's step and its clocks commit together,
 * and writes the delayed job of each clock's next transition through the outbox; the periodic
 * sweep re-derives the same transitions from Postgres, so a lost job only costs a few seconds.
 *
 * The other contexts call it at these moments (see the README of this lib's index):
 * - case created → {@link startCaseClocks} (cases); routed out of triage or first offered →
 *   `stopClock(HotlineSignFor, 'routed' | 'offered')`; accepted → `startClock(FirstContact)`;
 *   first contact logged → `stopClock(FirstContact, 'contacted')`; closed or returned →
 *   {@link stopAllClocks}.
 */
@Injectable()
export class DeadlinesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(DeadlineSettings) private readonly settings: DeadlineSettings,
    @Inject(OutboxService) private readonly outbox: OutboxService,
  ) {}

  /**
   * Starts a clock of `kind` on a case under the most specific matching policy. Returns null
   * when no active policy of that kind matches the case (the clock does not apply). An open
   * clock of the same kind and `ref` is left as it is and returned: starting twice is harmless.
   */
  async startClock(manager: EntityManager, input: StartClockInput): Promise<StartedClock | null> {
    const traits = await this.traitsOf(manager, input.caseId);
    if (!traits) throw new RangeError(`no case ${input.caseId} to start a clock on`);
    const [started] = await this.startPlanned(manager, await this.plan(manager, traits, [input]));
    return started ?? null;
  }

  /**
   * The clocks a new case starts with, as its creation commits: for every channel the
   * statutory mediation limit and the limitation, from `receivedAt`; for 12345 orders also
   * sign-for and the reply, which is due at the platform's own reply deadline when the order
   * carries one. Each only if a policy matches (policies are per channel).
   */
  async startCaseClocks(
    manager: EntityManager,
    kase: CaseTraits & { caseId: string; receivedAt: Date },
  ): Promise<StartedClock[]> {
    return this.startPlanned(manager, await this.planCaseClocks(manager, kase));
  }

  /**
   * {@link startCaseClocks} in two steps: the plan (calendar, policies, schedules) may be made
   * before the case row exists, so the creation does that work before it takes its case-number
   * lock; {@link startPlanned} then only writes.
   */
  async planCaseClocks(
    manager: EntityManager,
    kase: CaseTraits & { caseId: string; receivedAt: Date },
  ): Promise<ClockPlan> {
    let replyDeadline: Date | null = null;
    if (kase.channel === 'hotline') {
      const [order] = (await manager.query(
        `SELECT reply_deadline FROM hotline_order WHERE case_id = $1`,
        [kase.caseId],
      )) as { reply_deadline: Date | null }[];
      replyDeadline = order?.reply_deadline ?? null;
    }
    return this.plan(
      manager,
      kase,
      CASE_CLOCK_KINDS.map((kind) => ({
        caseId: kase.caseId,
        kind,
        startAt: kase.receivedAt,
        dueAt: kind === ClockKind.HotlineReply ? replyDeadline : null,
      })),
    );
  }

  /**
   * {@link planCaseClocks} for many new cases at once (a batch of intake): one settings
   * snapshot and one plan, to be written by a single {@link startPlanned}. A hotline case may
   * carry its order's `replyDeadline`; when it is left undefined it is read from `hotline_order`
   * (all such cases in one query).
   */
  async planManyCaseClocks(
    manager: EntityManager,
    kases: readonly (CaseTraits & {
      caseId: string;
      receivedAt: Date;
      replyDeadline?: Date | null;
    })[],
  ): Promise<ClockPlan> {
    const unknown = kases
      .filter((k) => k.channel === 'hotline' && k.replyDeadline === undefined)
      .map((k) => k.caseId);
    const read = new Map<string, Date | null>();
    if (unknown.length > 0) {
      const rows = (await manager.query(
        `SELECT case_id, reply_deadline FROM hotline_order WHERE case_id = ANY($1::uuid[])`,
        [unknown],
      )) as { case_id: string; reply_deadline: Date | null }[];
      for (const r of rows) read.set(r.case_id, r.reply_deadline);
    }
    const { calendar, policies, alertedYears } = await this.settings.snapshot(manager);
    const clocks: PlannedClock[] = [];
    for (const kase of kases) {
      const replyDeadline =
        kase.channel === 'hotline' ? (kase.replyDeadline ?? read.get(kase.caseId) ?? null) : null;
      for (const kind of CASE_CLOCK_KINDS) {
        const input: StartClockInput = {
          caseId: kase.caseId,
          kind,
          startAt: kase.receivedAt,
          dueAt: kind === ClockKind.HotlineReply ? replyDeadline : null,
        };
        const policy = pickPolicy(policies, kind, kase);
        if (!policy) continue;
        if (!policy.budget && !input.dueAt) {
          throw new RangeError(`a ${kind} clock needs its due instant (the policy has none)`);
        }
        const terms: ClockTerms = {
          startedAt: input.startAt,
          budget: policy.budget,
          givenDueAt: input.dueAt ?? null,
          warnShare: policy.warnShare,
          extensionDays: 0,
          pausedTotalMs: 0,
        };
        clocks.push({ input, policy, schedule: scheduleClock(calendar, terms) });
      }
    }
    return { clocks, alertedYears };
  }

  /**
   * Stops the open clock(s) of `kind` on a case: `met` if in time; `breached` if its due instant
   * has passed (also when the sweep has not seen it yet — the work was late, though it is done
   * now, so nobody is alerted). Returns how many clocks stopped.
   */
  stopClock(
    manager: EntityManager,
    caseId: string,
    kind: ClockKind,
    options: { ref?: string; reason?: StopReason } = {},
  ): Promise<number> {
    return this.stopClocks(manager, [caseId], kind, options);
  }

  /** {@link stopClock} for many cases in one statement (the assignment engine's batches). */
  stopClocks(
    manager: EntityManager,
    caseIds: readonly string[],
    kind: ClockKind,
    options: { ref?: string; reason?: StopReason } = {},
  ): Promise<number> {
    return this.stop(manager, caseIds, [kind], options.reason ?? 'done', options.ref);
  }

  /**
   * The statement {@link stopClocks} runs, for a caller that runs it beside its own writes
   * (`withWrites`) and does not need the count; null when there are no cases.
   */
  stopClocksStatement(
    caseIds: readonly string[],
    kind: ClockKind,
    options: { ref?: string; reason?: StopReason } = {},
  ): SqlStatement | null {
    return stopStatement(caseIds, [kind], options.reason ?? 'done', options.ref);
  }

  /** Stops every open clock of a case (closed, returned to the hotline) as {@link stopClock}. */
  stopAllClocks(manager: EntityManager, caseId: string, reason: StopReason): Promise<number> {
    return this.stop(manager, [caseId], null, reason);
  }

  /**
   * Pauses the running or warned clocks of a case (of `kinds`, or all) whose due instant has not
   * passed: they stop counting until resumed. Returns the paused clocks' kinds.
   */
  async pauseClocks(
    manager: EntityManager,
    caseId: string,
    kinds: readonly ClockKind[] | null = null,
  ): Promise<ClockKind[]> {
    const rows = (await manager.query(
      `UPDATE case_clock SET state = 'paused', paused_at = now(), updated_at = now()
        WHERE case_id = $1 AND stopped_at IS NULL AND state IN ('running', 'warned')
          AND due_at > now() AND ($2::text[] IS NULL OR kind = ANY($2::text[]))
        RETURNING kind`,
      [caseId, kinds],
    )) as [{ kind: ClockKind }[], number];
    return rows[0].map((r) => r.kind);
  }

  /**
   * Resumes the paused clocks of a case (of `kinds`, or all). The time they stood still is
   * credited by moving their due and warning instants later — office time for working-time
   * clocks, elapsed time for the others — and they go back to `running` (or `warned`, if they
   * had warned). Returns the resumed clocks.
   */
  async resumeClocks(
    manager: EntityManager,
    caseId: string,
    kinds: readonly ClockKind[] | null = null,
  ): Promise<StartedClock[]> {
    const paused = (await manager.query(
      `SELECT ${CLOCK_COLUMNS}, now() AS now FROM case_clock
        WHERE case_id = $1 AND state = 'paused' AND ($2::text[] IS NULL OR kind = ANY($2::text[]))
        FOR UPDATE`,
      [caseId, kinds],
    )) as (ClockRow & { now: Date })[];
    if (paused.length === 0) return [];
    const { calendar } = await this.settings.snapshot(manager);
    return this.reschedule(
      manager,
      calendar,
      paused.map((row) => {
        const unit = row.budget_unit;
        const creditMs = pauseCreditMs(calendar, unit, row.paused_at!, row.now);
        return { row, terms: termsOf(row, { creditMs }), resume: true };
      }),
    );
  }

  /**
   * Recomputes the schedule of open clocks after the calendar changed (a corrected day, a year
   * published): their due and warning instants follow the new calendar; states do not change.
   * `where` narrows `case_clock` (SQL over its columns, with `params` bound to `$1…`).
   */
  async recomputeOpenClocks(
    manager: EntityManager,
    calendar: BusinessCalendar,
    where: string,
    params: readonly unknown[],
  ): Promise<number> {
    const rows = (await manager.query(
      `SELECT ${CLOCK_COLUMNS} FROM case_clock
        WHERE stopped_at IS NULL AND state <> 'breached' AND (${where})
        ORDER BY id FOR UPDATE`,
      [...params],
    )) as ClockRow[];
    const moved = await this.reschedule(
      manager,
      calendar,
      rows.map((row) => ({ row, terms: termsOf(row), resume: false })),
    );
    return moved.length;
  }

  /**
   * Writes new schedules for clocks (locked by the caller), resuming them if asked, and the
   * delayed job of each one's next transition.
   */
  async reschedule(
    manager: EntityManager,
    calendar: BusinessCalendar,
    changes: readonly { row: ClockRow; terms: ClockTerms; resume: boolean }[],
  ): Promise<StartedClock[]> {
    // Clocks whose schedule comes out the same are left alone (publishing a year recomputes
    // every flagged clock; most only lose the flag), and only moved ones get a new job.
    const planned = changes
      .map((c) => ({ ...c, schedule: scheduleClock(calendar, c.terms) }))
      .filter((p) => p.resume || !sameSchedule(p.row, p.terms, p.schedule));
    if (planned.length === 0) return [];
    const [updated] = (await manager.query(
      `UPDATE case_clock k
          SET due_at = u.due_at, warn_at = u.warn_at, paused_total_ms = u.paused_total_ms,
              extension_days = u.extension_days, calendar_unverified = u.unverified,
              state = CASE WHEN NOT u.resume THEN k.state
                           WHEN k.warned_at IS NULL THEN 'running' ELSE 'warned' END,
              paused_at = CASE WHEN u.resume THEN NULL ELSE k.paused_at END,
              updated_at = now()
         FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[], $4::bigint[], $5::int[],
                     $6::boolean[], $7::boolean[])
              AS u(id, due_at, warn_at, paused_total_ms, extension_days, unverified, resume)
        WHERE k.id = u.id
        RETURNING k.id, k.case_id, k.kind, k.ref, k.due_at, k.warn_at, k.calendar_unverified,
                  k.next_fire_at`,
      [
        planned.map((p) => p.row.id),
        planned.map((p) => p.schedule.dueAt),
        planned.map((p) => p.schedule.warnAt),
        planned.map((p) => Math.round(p.terms.pausedTotalMs)),
        planned.map((p) => p.terms.extensionDays),
        planned.map((p) => p.schedule.unverifiedYears.length > 0),
        planned.map((p) => p.resume),
      ],
    )) as [StartedRow[], number];
    const moved = new Set(
      planned
        .filter(
          (p) =>
            p.resume ||
            p.schedule.dueAt.getTime() !== p.row.due_at.getTime() ||
            p.schedule.warnAt.getTime() !== p.row.warn_at.getTime(),
        )
        .map((p) => p.row.id),
    );
    await this.scheduleFiring(
      manager,
      updated.filter((r) => moved.has(r.id)),
    );
    await this.alertUnverifiedYears(
      manager,
      planned.flatMap((p) => p.schedule.unverifiedYears),
      (await this.settings.snapshot(manager)).alertedYears,
    );
    return updated.map(toStarted);
  }

  /** The clocks of a case as its detail shows them, soonest due first. */
  async deadlinesOf(
    caseId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<CaseDeadlineView[]> {
    const rows = (await manager.query(
      `SELECT kind, due_at, state, calendar_unverified FROM case_clock
        WHERE case_id = $1 ORDER BY due_at, kind, id`,
      [caseId],
    )) as { kind: ClockKind; due_at: Date; state: ClockState; calendar_unverified: boolean }[];
    return rows.map((r) => ({
      kind: r.kind,
      dueAt: r.due_at,
      state: r.state,
      calendarUnverified: r.calendar_unverified,
    }));
  }

  /**
   * Writes the delayed job of each clock's next transition when it is due within
   * {@link FIRE_JOB_HORIZON_MS}; a later one (most: a warning days or a year away) is the
   * sweep's, which fires it at most one `HEQI_DEADLINE_SWEEP_MS` late. Paused clocks have none.
   */
  async scheduleFiring(
    manager: EntityManager,
    clocks: readonly { id: string; next_fire_at: Date | null }[],
  ): Promise<void> {
    const horizon = Date.now() + FIRE_JOB_HORIZON_MS;
    const firing = clocks.filter(
      (c) => c.next_fire_at !== null && c.next_fire_at.getTime() <= horizon,
    );
    await this.outbox.enqueueMany(
      manager,
      JobName.FireClock,
      firing.map((c) => ({ payload: { clockId: c.id }, runAt: c.next_fire_at })),
    );
  }

  private async plan(
    manager: EntityManager,
    traits: CaseTraits,
    inputs: readonly StartClockInput[],
  ): Promise<ClockPlan> {
    const { calendar, policies, alertedYears } = await this.settings.snapshot(manager);
    const clocks = inputs.flatMap((input) => {
      const policy = pickPolicy(policies, input.kind, traits);
      if (!policy) return [];
      if (!policy.budget && !input.dueAt) {
        throw new RangeError(`a ${input.kind} clock needs its due instant (the policy has none)`);
      }
      const terms: ClockTerms = {
        startedAt: input.startAt,
        budget: policy.budget,
        givenDueAt: input.dueAt ?? null,
        warnShare: policy.warnShare,
        extensionDays: 0,
        pausedTotalMs: 0,
      };
      return [{ input, policy, schedule: scheduleClock(calendar, terms) }];
    });
    return { clocks, alertedYears };
  }

  /** Writes planned clocks and the delayed job of each one's first transition. */
  async startPlanned(manager: EntityManager, plan: ClockPlan): Promise<StartedClock[]> {
    const planned = plan.clocks;
    if (planned.length === 0) return [];
    const column = <T>(pick: (p: PlannedClock) => T): T[] => planned.map(pick);
    const inserted = (await manager.query(
      `INSERT INTO case_clock (case_id, kind, ref, policy_id, budget_value, budget_unit, warn_share,
                               started_at, given_due_at, due_at, warn_at, calendar_unverified)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::numeric[],
                            $6::text[], $7::numeric[], $8::timestamptz[], $9::timestamptz[],
                            $10::timestamptz[], $11::timestamptz[], $12::boolean[])
       ON CONFLICT (case_id, kind, coalesce(ref, '')) WHERE stopped_at IS NULL DO NOTHING
       RETURNING id, case_id, kind, ref, due_at, warn_at, calendar_unverified, next_fire_at`,
      [
        column((p) => p.input.caseId),
        column((p) => p.input.kind),
        column((p) => p.input.ref ?? null),
        column((p) => p.policy.id),
        column((p) => p.policy.budget?.value ?? null),
        column((p) => p.policy.budget?.unit ?? null),
        column((p) => p.policy.warnShare),
        column((p) => p.input.startAt),
        column((p) => p.input.dueAt ?? null),
        column((p) => p.schedule.dueAt),
        column((p) => p.schedule.warnAt),
        column((p) => p.schedule.unverifiedYears.length > 0),
      ],
    )) as StartedRow[];
    await this.scheduleFiring(manager, inserted);
    await this.alertUnverifiedYears(
      manager,
      planned.flatMap((p) => p.schedule.unverifiedYears),
      plan.alertedYears,
    );
    if (inserted.length === planned.length) return inserted.map(toStarted);
    // Some were open already: answer with those as they are.
    const existing = (await manager.query(
      `SELECT id, case_id, kind, ref, due_at, warn_at, calendar_unverified, next_fire_at
         FROM case_clock
        WHERE stopped_at IS NULL AND (case_id, kind, coalesce(ref, '')) IN
              (SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[]))`,
      [
        column((p) => p.input.caseId),
        column((p) => p.input.kind),
        column((p) => p.input.ref ?? ''),
      ],
    )) as StartedRow[];
    return existing.map(toStarted);
  }

  /**
   * Asks for the one-off alert to admins about each unpublished year a clock relied on, unless
   * they were alerted already. The job id collapses repeats while one is pending, and its
   * handler runs once per year (job receipt), however many clocks ask.
   */
  private async alertUnverifiedYears(
    manager: EntityManager,
    years: readonly number[],
    alerted: ReadonlySet<number>,
  ): Promise<void> {
    const fresh = [...new Set(years)].filter((y) => !alerted.has(y));
    await this.outbox.enqueueMany(
      manager,
      JobName.CalendarUnverifiedAlert,
      fresh.map((year) => ({ payload: { year }, jobId: `calendar-unverified-${year}` })),
    );
  }

  private async stop(
    manager: EntityManager,
    caseIds: readonly string[],
    kinds: readonly ClockKind[] | null,
    reason: StopReason,
    ref?: string,
  ): Promise<number> {
    const statement = stopStatement(caseIds, kinds, reason, ref);
    if (!statement) return 0;
    const [, stopped] = (await manager.query(statement.sql, statement.params)) as [unknown, number];
    return stopped;
  }

  private async traitsOf(manager: EntityManager, caseId: string): Promise<CaseTraits | null> {
    const [row] = (await manager.query(
      `SELECT channel, category, collective FROM mediation_case WHERE id = $1`,
      [caseId],
    )) as CaseTraits[];
    return row ?? null;
  }
}

/** The statement stopping clocks (see {@link DeadlinesService.stopClock}); null for no cases. */
function stopStatement(
  caseIds: readonly string[],
  kinds: readonly ClockKind[] | null,
  reason: StopReason,
  ref?: string,
): SqlStatement | null {
  if (caseIds.length === 0) return null;
  return {
    sql: `UPDATE case_clock
             SET state = CASE WHEN state = 'breached' OR (state <> 'paused' AND due_at <= now())
                              THEN 'breached' ELSE 'met' END,
                 breached_at = CASE WHEN state = 'breached' OR (state <> 'paused' AND due_at <= now())
                                    THEN coalesce(breached_at, due_at) END,
                 met_at = CASE WHEN state = 'breached' OR (state <> 'paused' AND due_at <= now())
                               THEN NULL ELSE now() END,
                 paused_at = NULL, stopped_at = now(), stop_reason = $4, updated_at = now()
           WHERE case_id = ANY($1::uuid[]) AND stopped_at IS NULL
             AND ($2::text[] IS NULL OR kind = ANY($2::text[])) AND ($3::text IS NULL OR ref = $3)`,
    params: [[...caseIds], kinds === null ? null : [...kinds], ref ?? null, reason],
  };
}

interface StartedRow {
  id: string;
  case_id: string;
  kind: ClockKind;
  ref: string | null;
  due_at: Date;
  warn_at: Date;
  calendar_unverified: boolean;
  next_fire_at: Date | null;
}

function toStarted(r: StartedRow): StartedClock {
  return {
    id: r.id,
    caseId: r.case_id,
    kind: r.kind,
    ref: r.ref,
    dueAt: r.due_at,
    warnAt: r.warn_at,
    calendarUnverified: r.calendar_unverified,
  };
}

/**
 * SQL condition: the case (its id column given) has an open clock that breached — what the case
 * list's `overdue` filter means.
 */
export function overdueCaseCondition(caseIdColumn: string): string {
  return `EXISTS (SELECT 1 FROM case_clock k WHERE k.case_id = ${caseIdColumn}
                    AND k.state = 'breached' AND k.stopped_at IS NULL)`;
}

/**
 * SQL: the case has an open clock past its warning and not yet breached (at risk). A case both
 * warned on one clock and breached on another counts here too: it is still at risk of more.
 */
export function atRiskCaseCondition(caseIdColumn: string): string {
  return `EXISTS (SELECT 1 FROM case_clock k WHERE k.case_id = ${caseIdColumn}
                    AND k.state = 'warned' AND k.stopped_at IS NULL)`;
}

/** Whether recomputing left a clock exactly as it is stored. */
function sameSchedule(row: ClockRow, terms: ClockTerms, schedule: ClockSchedule): boolean {
  return (
    schedule.dueAt.getTime() === row.due_at.getTime() &&
    schedule.warnAt.getTime() === row.warn_at.getTime() &&
    schedule.unverifiedYears.length > 0 === row.calendar_unverified &&
    terms.extensionDays === row.extension_days &&
    Math.round(terms.pausedTotalMs) === Number(row.paused_total_ms)
  );
}
