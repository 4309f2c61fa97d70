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
}

const MEDIATING: readonly Role[] = ['mediator', 'volunteer'];
const CASE_FILE_READERS: readonly Role[] = ['mediator', 'volunteer', 'supervisor', 'admin'];
const LEDGER_UNIT_ROLES: readonly Role[] = ['supervisor', 'admin'];

/**
 * The API's rule for acting on a case (the needs of `loadCase` in libs/mediation and the roles
 * of its controllers), repeated here so the console offers only what the API will accept:
 * - work (first contact, sessions, notes, attachments): the lead mediator or an active
 *   co-mediator — a volunteer lawyer co-mediating a collective dispute works it like the lead;
 * - hold (closing): the lead only, who answers for the outcome;
 * - ledger (payments): the lead or a co-mediator, or a supervisor or admin — payments come in
 *   after the close, often at the union office. The API also checks that the case lies in the
 *   supervisor's subtree; a case a supervisor can open is in it.
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
  return {
    recordSessions: works && inMediation,
    readCaseFiles: has(CASE_FILE_READERS),
    writeCaseFiles: works && (inMediation || detail.status === 'closed'),
    close: lead && inMediation,
    recordPayments: works || has(LEDGER_UNIT_ROLES),
  };
}
