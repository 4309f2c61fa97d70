import type { DisputeCategory, SqlStatement } from '@heqi/core';
import type { EntityManager } from 'typeorm';
import { CaseStatus } from './case-status.enum.js';

/** What the assignment engine needs to know about a case it holds locked. */
export interface AssignableCase {
  id: string;
  caseNo: string;
  status: CaseStatus;
  category: DisputeCategory;
  collective: boolean;
  /** Handled at town level (collective disputes): mediators below the town do not take it. */
  townLevel: boolean;
  urgent: boolean;
  orgUnitId: string;
  /** Materialised path of the case's unit (`/<district>/<town>/…/`). */
  unitPath: string;
  districtId: string;
  /** The lead holder, null until a mediator accepted (or was assigned). */
  mediatorId: string | null;
  employerName: string | null;
  employerCreditCode: string | null;
  employerUnitId: string | null;
  receivedAt: Date;
}

interface CaseRow {
  id: string;
  case_no: string;
  status: CaseStatus;
  category: DisputeCategory;
  collective: boolean;
  town_level: boolean;
  urgent: boolean;
  org_unit_id: string;
  path: string;
  district_id: string;
  mediator_id: string | null;
  employer_name: string | null;
  employer_credit_code: string | null;
  employer_unit_id: string | null;
  received_at: Date;
}

/**
 * Locks the case row (FOR UPDATE) inside the caller's transaction and returns what assignment
 * decides on; null when there is no such case. Every change of a case's offer or holder
 * (engine, accept, decline, expiry, reassign) starts here, so they serialise per case.
 */
export async function lockCaseForAssignment(
  manager: EntityManager,
  caseId: string,
): Promise<AssignableCase | null> {
  const [subject] = await lockCasesForAssignment(manager, [caseId]);
  return subject ?? null;
}

/**
 * {@link lockCaseForAssignment} for many cases in two statements (the engine's batches): the
 * rows are locked in id order, the order every many-case locker takes, so two batches sharing
 * cases wait for each other instead of deadlocking. Returns the cases that exist, in id order.
 *
 * The rows are locked on their own and their units read afterwards, as in the triage service: a
 * locking query joining the unit would re-check the join against a stale unit row after a wait.
 */
export async function lockCasesForAssignment(
  manager: EntityManager,
  caseIds: readonly string[],
): Promise<AssignableCase[]> {
  if (caseIds.length === 0) return [];
  const locked = (await manager.query(
    `SELECT id FROM mediation_case WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
    [caseIds],
  )) as unknown[];
  if (locked.length === 0) return [];
  return readAssignableCases(manager, caseIds);
}

/**
 * What assignment decides on, for the cases that exist, in id order — without a lock: for views
 * (who could take this case) and, after {@link lockCasesForAssignment} took the locks, for it.
 */
export async function readAssignableCases(
  manager: EntityManager,
  caseIds: readonly string[],
): Promise<AssignableCase[]> {
  if (caseIds.length === 0) return [];
  const rows = (await manager.query(
    `SELECT c.id, c.case_no, c.status, c.category, c.collective, c.town_level, c.urgent,
            c.org_unit_id, ou.path, c.district_id, c.mediator_id, c.employer_name,
            c.employer_credit_code, c.employer_unit_id, c.received_at
       FROM mediation_case c JOIN org_unit ou ON ou.id = c.org_unit_id
      WHERE c.id = ANY($1::uuid[])
      ORDER BY c.id`,
    [caseIds],
  )) as CaseRow[];
  return rows.map((row) => ({
    id: row.id,
    caseNo: row.case_no,
    status: row.status,
    category: row.category,
    collective: row.collective,
    townLevel: row.town_level,
    urgent: row.urgent,
    orgUnitId: row.org_unit_id,
    unitPath: row.path,
    districtId: row.district_id,
    mediatorId: row.mediator_id,
    employerName: row.employer_name,
    employerCreditCode: row.employer_credit_code,
    employerUnitId: row.employer_unit_id,
    receivedAt: row.received_at,
  }));
}

/** The statuses assignment moves a case between, and the holder that goes with each. */
export type AssignmentMove =
  | { to: CaseStatus.Queued }
  | { to: CaseStatus.Offered }
  | { to: CaseStatus.InMediation; mediatorId: string };

/**
 * Moves a case locked by {@link lockCaseForAssignment} to a new assignment status, only from one
 * of `from`; returns whether it moved. Queued and offered cases have no holder; a case in
 * mediation has exactly one (the database's `mediation_case_holder_check` insists).
 */
export async function moveCaseForAssignment(
  manager: EntityManager,
  caseId: string,
  from: readonly CaseStatus[],
  move: AssignmentMove,
): Promise<boolean> {
  return (await moveCasesForAssignment(manager, [caseId], from, move)).length === 1;
}

/** {@link moveCaseForAssignment} for many locked cases in one statement; returns those moved. */
export async function moveCasesForAssignment(
  manager: EntityManager,
  caseIds: readonly string[],
  from: readonly CaseStatus[],
  move: AssignmentMove,
): Promise<string[]> {
  const statement = moveCasesForAssignmentStatement(caseIds, from, move);
  if (!statement) return [];
  // TypeORM's postgres driver answers an UPDATE … RETURNING with [rows, count].
  const [moved] = (await manager.query(statement.sql, statement.params)) as [
    { id: string }[],
    number,
  ];
  return moved.map((m) => m.id);
}

/**
 * The statement {@link moveCasesForAssignment} runs (answering the moved ids), for a caller that
 * runs it beside its own writes (`withWrites`) and does not need to know which moved; null when
 * there are no cases.
 */
export function moveCasesForAssignmentStatement(
  caseIds: readonly string[],
  from: readonly CaseStatus[],
  move: AssignmentMove,
): SqlStatement | null {
  if (caseIds.length === 0) return null;
  const holder = move.to === CaseStatus.InMediation ? move.mediatorId : null;
  return {
    sql: `UPDATE mediation_case SET status = $2, mediator_id = $3, updated_at = now()
           WHERE id = ANY($1::uuid[]) AND status = ANY($4::text[])
           RETURNING id`,
    params: [[...caseIds], move.to, holder, [...from]],
  };
}
