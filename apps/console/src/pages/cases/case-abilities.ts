import type { CaseDetail, Role } from '../../api/types';

/** The signed-in user as far as the case rules go (a stored session fits). */
export interface CaseViewer {
  user: { roles: readonly Role[] };
  mediatorId: string | null;
}

/** What the viewer may do on the case as it stands. */
export interface CaseAbilities {
  /** Record the first contact and mediation sessions (while in mediation). */
  recordSessions: boolean;
  /** Read internal notes and attachments: the mediation network's, intake does not read them. */
  readCaseFiles: boolean;
  /** Add notes and upload attachments (from acceptance on, after the close too). */
  writeCaseFiles: boolean;
  /** Close the case. */
  close: boolean;
  /** Record a payment against the agreement (after the close too). */
  recordPayments: boolean;
  /** Appoint a volunteer lawyer as co-mediator (replacing any current one). */
  appointCoMediator: boolean;
  /** End the current co-mediator's co-mediation, as the supervisor. */
  endCoMediation: boolean;
  /** Withdraw from the case's co-mediation, as the co-mediator. */
  leaveCoMediation: boolean;
}

const MEDIATING: readonly Role[] = ['mediator', 'volunteer'];
const CASE_FILE_READERS: readonly Role[] = ['mediator', 'volunteer', 'supervisor', 'admin'];
/** Who acts for the units in their subtree: the payments ledger, co-mediators. */
const UNIT_OVERSEERS: readonly Role[] = ['supervisor', 'admin'];
/** A co-mediator works beside a lead: from the lead's offer until the case leaves mediation. */
const CO_MEDIATED: readonly CaseDetail['status'][] = ['offered', 'in_mediation'];

/**
 * The API's rule for acting on a case (the needs of `loadCase` in libs/mediation and the roles
 * of its controllers), repeated here so the console offers only what the API will accept:
 * - work (first contact, sessions, notes, attachments): the lead mediator or an active
 *   co-mediator — a volunteer lawyer co-mediating a collective dispute works it like the lead;
 * - hold (closing): the lead only, who answers for the outcome;
 * - ledger (payments): the lead or a co-mediator, or a supervisor or admin — payments come in
 *   after the close, often at the union office. The API also checks that the case lies in the
 *   supervisor's subtree; a case a supervisor can open is in it.
 * - co-mediator (libs/assignment `CoMediationService`), while the case is offered or in
 *   mediation: a supervisor or admin appoints one, or ends the current one's co-mediation; the
 *   co-mediator (a volunteer lawyer: the API takes it from the `volunteer` role only) withdraws.
 */
export function caseAbilities(
  detail: Pick<CaseDetail, 'status' | 'mediatorId' | 'coMediators'>,
  viewer: CaseViewer | null,
): CaseAbilities {
  const has = (roles: readonly Role[]) =>
    !!viewer && viewer.user.roles.some((r) => roles.includes(r));
  const me = has(MEDIATING) ? viewer!.mediatorId : null;
  const lead = me !== null && detail.mediatorId === me;
  const co = me !== null && detail.coMediators.some((m) => m.mediatorId === me);
  const works = lead || co;
  const inMediation = detail.status === 'in_mediation';
  const coMediated = CO_MEDIATED.includes(detail.status);
  const oversees = has(UNIT_OVERSEERS);
  return {
    recordSessions: works && inMediation,
    readCaseFiles: has(CASE_FILE_READERS),
    writeCaseFiles: works && (inMediation || detail.status === 'closed'),
    close: lead && inMediation,
    recordPayments: works || oversees,
    appointCoMediator: oversees && coMediated,
    endCoMediation: oversees && coMediated && detail.coMediators.length > 0,
    leaveCoMediation: co && has(['volunteer']) && coMediated,
  };
}
