import type { DisputeCategory } from '@heqi/core';
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
 *
 * The row is locked on its own and its unit read afterwards, as in the triage service: a locking
 * query joining the unit would re-check the join against a stale unit row after a wait.
 */
export async function lockCaseForAssignment(
  manager: EntityManager,
  caseId: string,
): Promise<AssignableCase | null> {
  const locked = (await manager.query(`SELECT id FROM mediation_case WHERE id = $1 FOR UPDATE`, [
    caseId,
  ])) as unknown[];
  if (locked.length === 0) return null;
  const [row] = (await manager.query(
    `SELECT c.id, c.case_no, c.status, c.category, c.collective, c.town_level, c.urgent,
            c.org_unit_id, ou.path, c.district_id, c.mediator_id, c.employer_name,
            c.employer_credit_code, c.employer_unit_id, c.received_at
       FROM mediation_case c JOIN org_unit ou ON ou.id = c.org_unit_id
      WHERE c.id = $1`,
    [caseId],
  )) as CaseRow[];
  if (!row) return null;
  return {
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
  };
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
  const holder = move.to === CaseStatus.InMediation ? move.mediatorId : null;
  const [, moved] = (await manager.query(
    `UPDATE mediation_case SET status = $2, mediator_id = $3, updated_at = now()
      WHERE id = $1 AND status = ANY($4::text[])`,
    [caseId, move.to, holder, [...from]],
  )) as [unknown, number];
  return moved === 1;
}
