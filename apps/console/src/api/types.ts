/** Shapes of the heqi API (see /docs-json); only the fields the console reads. */

export type Role = 'admin' | 'supervisor' | 'intake' | 'mediator' | 'volunteer';
export type CaseStatus = 'triage' | 'queued' | 'offered' | 'in_mediation' | 'closed' | 'returned';
export type CaseOutcome =
  | 'settled'
  | 'failed'
  | 'withdrawn'
  | 'rejected'
  | 'referred_arbitration'
  | 'referred_litigation'
  | 'referred_inspection';
export type DisputeCategory =
  | 'labor_relation'
  | 'contract'
  | 'wages'
  | 'social_insurance'
  | 'work_injury'
  | 'dismissal'
  | 'working_time'
  | 'welfare'
  | 'other';
export type CaseChannel = 'hotline' | 'walk_in' | 'online' | 'union_hotline' | 'court_referral';
export type ClockState = 'running' | 'warned' | 'breached' | 'met' | 'paused';
export type OrgUnitLevel = 'district' | 'town' | 'village' | 'enterprise';
export type MediatorKind =
  'union_staff' | 'village_mediator' | 'enterprise_mediator' | 'volunteer_lawyer';
export type SessionMode = 'in_person' | 'phone' | 'video';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface SessionUser {
  id: string;
  username: string;
  displayName?: string;
  roles: Role[];
  orgUnitId: string | null;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  user: SessionUser;
}

export interface Me {
  user: SessionUser & { mediatorId: string | null };
  scope: { orgUnitId: string | null; deploymentWide: boolean; mediatorId: string | null };
}

export interface CaseSummary {
  id: string;
  caseNo: string;
  channel: CaseChannel;
  status: CaseStatus;
  outcome: CaseOutcome | null;
  category: DisputeCategory;
  collective: boolean;
  urgent: boolean;
  title: string | null;
  orgUnitId: string;
  orgUnitName: string;
  mediatorId: string | null;
  amountClaimed: string | null;
  workerCount: number | null;
  receivedAt: string;
  closedAt: string | null;
  employerName?: string | null;
}

export interface CaseDeadline {
  kind: string;
  dueAt: string;
  state: ClockState;
  calendarUnverified?: boolean;
}

/** A co-mediator working the case beside the lead (协同调解: a volunteer lawyer). */
export interface CaseCoMediator {
  mediatorId: string;
  name: string;
  kind: MediatorKind;
  since: string;
}

export interface CaseDetail extends CaseSummary {
  mediatorName: string | null;
  /** Active co-mediators only. */
  coMediators: CaseCoMediator[];
  description: string;
  claimants: { name: string; phoneMasked: string | null; idNumberMasked: string | null }[];
  employer: { name: string | null; creditCode: string | null; orgUnitId: string | null };
  eventAddress: string | null;
  amountAgreed: string | null;
  amountPaid: string;
  offer: { mediatorId: string; expiresAt: string } | null;
  deadlines: CaseDeadline[];
  hotline: { orderNo: string; replyState: string; replyLastError?: string | null } | null;
  updatedAt: string;
}

export interface TimelineItem {
  at: string;
  actor: string;
  type: string;
  data: Record<string, unknown>;
}

export interface RevealedClaimant {
  name: string;
  phone: string | null;
  idNumber: string | null;
}

export interface Offer {
  caseId: string;
  caseNo: string;
  category: DisputeCategory;
  collective: boolean;
  urgent: boolean;
  orgUnitId: string;
  orgUnitName: string;
  offeredAt: string;
  expiresAt: string;
  role: OfferRole;
}

export interface Clock {
  id: string;
  kind: string;
  ref: string | null;
  state: ClockState;
  startedAt: string;
  dueAt: string;
  extensionDays: number;
  calendarUnverified: boolean;
  metAt: string | null;
  breachedAt: string | null;
}

export interface Extension {
  id: string;
  caseId: string;
  deadline: string;
  days: number;
  reason: string;
  state: 'pending' | 'approved' | 'rejected';
  requestedAt: string;
  decisionReason: string | null;
  dueBefore: string | null;
  dueAfter: string | null;
}

export interface MediationSession {
  id?: string;
  heldAt: string;
  mode: SessionMode;
  notes: string;
}

/** An internal note: seen inside the mediation network only, never by the parties. */
export interface CaseNote {
  id: string;
  body: string;
  authorName: string | null;
  createdAt: string;
}

export interface CaseAttachment {
  id: string;
  fileName: string;
  /** Told by the API from the file's content, not from its name. */
  contentType: string;
  sizeBytes: number;
  uploadedByName: string | null;
  createdAt: string;
}

export interface Instalment {
  no?: number;
  dueDate: string;
  amount: string | number;
  paid?: string;
  status?: 'pending' | 'paid' | 'overdue' | 'defaulted';
}

export interface Payments {
  amountAgreed: string | null;
  amountPaid: string;
  outstanding: string | null;
  instalments: Instalment[];
  payments: { id?: string; amount: string; paidAt: string }[];
}

export interface ReplyDraft {
  resolved: boolean;
  unresolvedReason?: string;
  handlingSummary: string;
  publicReply: string;
}

export interface OrgUnit {
  id: string;
  name: string;
  level: OrgUnitLevel;
  parentId: string | null;
  path: string;
  depth: number;
  code: string | null;
  creditCode: string | null;
  address: string | null;
  active: boolean;
}

export interface Mediator {
  id: string;
  name: string;
  phoneMasked: string | null;
  kind: MediatorKind;
  orgUnitId: string;
  orgUnitName: string;
  skills: DisputeCategory[];
  capacity: number;
  lawFirm: string | null;
  active: boolean;
  unavailableUntil: string | null;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  orgUnitId: string | null;
  mediatorId: string | null;
  active: boolean;
  createdAt: string;
}

export interface HotlineKey {
  keyId: string;
  description: string | null;
  source: 'environment' | 'database';
  createdAt: string | null;
  revokedAt: string | null;
  secret?: string;
}

export interface CalendarYear {
  year: number;
  published: boolean;
  source: 'official' | 'admin';
  publishedAt: string | null;
}

export interface CalendarDay {
  date: string;
  kind: 'holiday' | 'workday';
  name: string | null;
  source: 'official' | 'admin';
}

export interface ClockPolicy {
  id: string;
  kind: string;
  channel: string | null;
  category: string | null;
  collective: boolean | null;
  budgetValue: number | null;
  budgetUnit: string | null;
  warnShare: number;
  maxExtensionDays: number;
  basis: string | null;
  active: boolean;
}

export interface UnassignedCase {
  caseId: string;
  caseNo: string;
  category: DisputeCategory;
  collective: boolean;
  urgent: boolean;
  orgUnitName: string;
  receivedAt: string;
  waitingSeconds: number;
  attempts: number;
  noCandidate: { reasons: Record<string, number>; excludedCount: number } | null;
}

export interface MediatorLoad {
  mediatorId: string;
  name: string;
  kind: MediatorKind;
  orgUnitId: string;
  orgUnitName: string;
  capacity: number;
  openOffers: number;
  held: number;
  load: number;
  loadRatio: number | null;
  active: boolean;
  unavailableUntil: string | null;
}

/** Why the routing policy passes a mediator over (libs/assignment `ExclusionReason`). */
export type ExclusionReason =
  | 'out_of_coverage'
  | 'below_town_level'
  | 'not_volunteer_lawyer'
  | 'is_lead'
  | 'inactive'
  | 'unavailable'
  | 'no_skill'
  | 'law_firm_conflict'
  | 'declined_before'
  | 'expired_before'
  | 'released_before'
  | 'at_capacity'
  | 'employed_by_respondent';

/** The part a mediator is named for: the case's lead, or its co-mediating volunteer lawyer. */
export type OfferRole = 'lead' | 'co';

/** A mediator who fits, with the figures the engine ranked them by. */
export interface RankedCandidate {
  mediatorId: string;
  name: string;
  kind: MediatorKind;
  orgUnitId: string;
  level: OrgUnitLevel;
  /** Levels between the case's unit and the mediator's home unit (0: the case's own unit). */
  distance: number;
  /** Open offers + held + co-mediated cases. */
  load: number;
  capacity: number;
  loadRatio: number;
  lastAssignedAt: string | null;
  /** 1: the engine's first choice. */
  rank: number;
  /** The respondent-enterprise conflict, let go because nobody else fits. */
  waived?: 'employed_by_respondent';
}

/** A mediator covering the case's unit who does not fit, by the first rule they break. */
export interface CandidateExclusion {
  mediatorId: string;
  name: string;
  reason: ExclusionReason;
  /** E.g. `{ load, capacity }` at capacity, `{ until }` when unavailable. */
  detail?: Record<string, string | number>;
  /** Every rule they break, `reason` first, each with whether a supervisor may set it aside. */
  breaches: { reason: ExclusionReason; overridable: boolean }[];
  /** False: the API refuses to name them for the role (inactive, on leave, 律所回避…). */
  overridable: boolean;
}

/** The engine's candidates for one case and role (`GET /cases/:id/candidates`). */
export interface CaseCandidates {
  caseId: string;
  caseNo: string;
  status: CaseStatus;
  role: OfferRole;
  /** The lead: holding the case (in mediation) or offered it. */
  leadMediatorId: string | null;
  coMediatorId: string | null;
  /** Everyone who fits, best first. */
  ranked: RankedCandidate[];
  /** Everyone else covering the case's unit, with why not. */
  excluded: CandidateExclusion[];
}

/** What appointing a co-mediator did (`POST /cases/:id/co-mediator`). */
export interface CoAppointResult {
  caseId: string;
  caseNo: string;
  mediatorId: string;
  /** The co-mediator replaced, if there was one. */
  previousMediatorId: string | null;
  /** The open co-mediator offer withdrawn, if there was one. */
  withdrawnOfferId: string | null;
  load: number;
  capacity: number;
  /** The supervisor put the lawyer over capacity. */
  overCapacity: boolean;
  /** Soft rules the supervisor overrode (skill, an earlier decline or withdrawal…). */
  warnings: ExclusionReason[];
}

/** What ending a co-mediation did (`POST /cases/:id/co-mediator/end`). */
export interface CoEndResult {
  caseId: string;
  caseNo: string;
  /** Null when only an open co-mediator offer was withdrawn. */
  mediatorId: string | null;
  withdrawnOfferId: string | null;
  /** Whether the engine is looking for another volunteer lawyer (collective disputes). */
  seekingAnother: boolean;
}

export interface SupervisionOrder {
  id: string;
  caseId: string;
  caseNo: string;
  kind: string;
  dueAt: string;
  orgUnitName: string;
  state: 'open' | 'closed';
  createdAt: string;
  closedAt: string | null;
  closeNote: string | null;
}

export interface DeadlineCounts {
  running: number;
  warned: number;
  breached: number;
  paused: number;
  open: number;
}

export interface DeadlineReport {
  rows: (DeadlineCounts & { kind: string })[];
  total: DeadlineCounts;
}

export interface Notification {
  id: string;
  kind: string;
  title: string;
  body: string;
  caseId: string | null;
  createdAt: string;
  readAt: string | null;
}

export type SummaryGroupBy = 'org_unit' | 'mediator' | 'category' | 'month';

export interface SummaryRow {
  key: string;
  label: string;
  received: number;
  closed: number;
  settled: number;
  failed: number;
  referred: number;
  withdrawn: number;
  rejected: number;
  settlementRate: number | null;
  onTimeRate: number | null;
  amountClaimed: string | number;
  amountAgreed: string | number;
  amountPaid: string | number;
  satisfactionRate: number | null;
  avgDaysToClose: number | null;
}

export interface Summary {
  rows: SummaryRow[];
  total: SummaryRow;
}

export interface HotlineImportReport {
  total: number;
  created: number;
  duplicates: number;
  rejected: { row: number; orderNo?: string; reason: string }[];
}

export interface NetworkImportReport {
  rows: number;
  created: { units: number; mediators: number };
  skipped: { sheet?: string; row: number; reason: string }[];
  rejected: { sheet?: string; row: number; reason: string }[];
}

export interface FieldProblem {
  field: string;
  message: string;
}
