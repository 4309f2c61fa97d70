import { type Actor, Role, hasRole, isUuid, reachesPath } from '@heqi/core';
import type { EntityManager } from 'typeorm';
import { MediationError } from './mediation.errors.js';

/** The case as the mediation context reads it (one row, unit joined). */
export interface WorkedCase {
  id: string;
  case_no: string;
  channel: string;
  status: string;
  outcome: string | null;
  category: string;
  title: string | null;
  description: string;
  org_unit_id: string;
  unit_path: string;
  unit_name: string;
  mediator_id: string | null;
  employer_name: string | null;
  employer_credit_code: string | null;
  amount_claimed: string | null;
  amount_agreed: string | null;
  amount_paid: string;
  worker_count: number | null;
  received_at: Date;
  closed_at: Date | null;
  first_contact_at: Date | null;
  reopen_count: number;
  /** The caller's mediator co-mediates the case (a volunteer lawyer on a collective dispute). */
  co_mediating: boolean;
  /** The caller's mediator has an open offer of the case. */
  offered: boolean;
}

/**
 * What the caller needs to be to do something:
 * - `read`: the case is in reach (unit roles in their subtree; the mediator holding, offered or
 *   co-mediating it);
 * - `work`: its mediator or co-mediator (sessions, notes, attachments, first contact);
 * - `hold`: its mediator (closing: the lead answers for the outcome);
 * - `ledger`: its mediator or co-mediator, or a supervisor or admin of its subtree (payments
 *   come in after the close, often at the union office).
 */
export type CaseNeed = 'read' | 'work' | 'hold' | 'ledger';

const UNIT_ROLES = [Role.Admin, Role.Supervisor, Role.Intake] as const;

/**
 * Loads a case for the caller, optionally row-locked (`FOR UPDATE`: every write of this context
 * serialises on the case row). Malformed, unknown and out-of-reach ids are 404 alike; a case in
 * reach that the caller may not act on this way is 403.
 */
export async function loadCase(
  manager: EntityManager,
  actor: Actor,
  id: string,
  need: CaseNeed,
  lock = false,
): Promise<WorkedCase> {
  if (!isUuid(id)) throw MediationError.notFound();
  const [row] = (await manager.query(
    `SELECT c.id, c.case_no, c.channel, c.status, c.outcome, c.category, c.title, c.description,
            c.org_unit_id, ou.path AS unit_path, ou.name AS unit_name, c.mediator_id,
            c.employer_name, c.employer_credit_code, c.amount_claimed, c.amount_agreed,
            c.amount_paid, c.worker_count, c.received_at, c.closed_at, c.first_contact_at,
            c.reopen_count,
            EXISTS (SELECT 1 FROM case_co_mediator cm WHERE cm.case_id = c.id AND cm.until IS NULL
                      AND cm.mediator_id = $2) AS co_mediating,
            EXISTS (SELECT 1 FROM case_offer o WHERE o.case_id = c.id AND o.state = 'open'
                      AND o.mediator_id = $2) AS offered
       FROM mediation_case c JOIN org_unit ou ON ou.id = c.org_unit_id
      WHERE c.id = $1 ${lock ? 'FOR UPDATE OF c' : ''}`,
    [id, actor.mediatorId],
  )) as WorkedCase[];
  if (!row) throw MediationError.notFound();
  const unitReach = hasRole(actor, ...UNIT_ROLES) && reachesPath(actor, row.unit_path);
  const mediating = hasRole(actor, Role.Mediator, Role.Volunteer) && actor.mediatorId !== null;
  const holder = mediating && row.mediator_id === actor.mediatorId;
  const co = mediating && row.co_mediating;
  if (!unitReach && !holder && !co && !(mediating && row.offered)) {
    throw MediationError.notFound();
  }
  const allowed =
    need === 'read' ||
    (need === 'work' && (holder || co)) ||
    (need === 'hold' && holder) ||
    (need === 'ledger' &&
      (holder ||
        co ||
        (hasRole(actor, Role.Admin, Role.Supervisor) && reachesPath(actor, row.unit_path))));
  if (!allowed) {
    throw MediationError.forbidden(
      need === 'hold'
        ? '只有本案的承办调解员可以结案'
        : need === 'ledger'
          ? '只有本案的调解员或本辖区的督导、管理员可以登记履行情况'
          : undefined,
    );
  }
  return row;
}

/** 409 unless the case is being mediated (accepted, not closed). */
export function requireInMediation(kase: WorkedCase): void {
  if (kase.status === 'in_mediation') return;
  throw MediationError.wrongState(
    kase.status === 'closed'
      ? '案件已结案，不能再办理此事项'
      : `案件当前状态为 ${kase.status}，尚未进入调解，不能办理此事项`,
  );
}
