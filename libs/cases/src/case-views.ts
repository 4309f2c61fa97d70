import type { DisputeCategory } from '@heqi/core';
import type { MediatorKind } from '@heqi/network';
import type { CaseChannel } from './case-channel.enum.js';
import type { CaseOutcome } from './case-outcome.enum.js';
import type { CaseStatus } from './case-status.enum.js';
import type { HotlineReplyState } from './hotline-reply-state.enum.js';

/** Filters of the case list (contract: `GET /cases`). All optional; they combine with AND. */
export interface CaseFilter {
  status?: CaseStatus;
  outcome?: CaseOutcome;
  /** Cases of this unit's subtree (within the caller's reach; outside it the list is empty). */
  orgUnitId?: string;
  mediatorId?: string;
  category?: DisputeCategory;
  collective?: boolean;
  /** Cases with an open breached clock (true), or without one (false). */
  overdue?: boolean;
  /** Cases with an open clock past its warning and not yet breached (true), or without (false). */
  atRisk?: boolean;
  /** Part of the case number, the employer's name or the title. */
  q?: string;
  /** Received at or after this instant. */
  from?: Date;
  /** Received before this instant. */
  to?: Date;
}

/** What the list and the detail of a case both show. */
export interface CaseHeader {
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
  receivedAt: Date;
  closedAt: Date | null;
}

/** One line of the case list: enough to pick a case, nothing personal. */
export interface CaseSummary extends CaseHeader {
  employerName: string | null;
}

/** A claimant as every response shows it: numbers masked. */
export interface MaskedClaimant {
  name: string;
  phoneMasked: string | null;
  idNumberMasked: string | null;
}

/** A claimant after an audited reveal. */
export interface RevealedClaimant {
  name: string;
  phone: string | null;
  idNumber: string | null;
}

/** A clock of the case (the deadlines context's `case_clock`). */
export interface CaseDeadline {
  kind: string;
  dueAt: Date;
  state: 'running' | 'warned' | 'breached' | 'met' | 'paused';
  /** Computed Monday–Friday over a year whose holiday schedule is not published yet. */
  calendarUnverified?: boolean;
}

/** An open offer to a mediator (filled by the assignment issue; null until then). */
export interface CaseOffer {
  mediatorId: string;
  expiresAt: Date;
}

/**
 * A co-mediator working the case beside the lead (协同调解: a volunteer lawyer on a collective
 * dispute), from their accepted co offer until the co-mediation ends.
 */
export interface CaseCoMediator {
  mediatorId: string;
  name: string;
  kind: MediatorKind;
  since: Date;
}

/** A case as `GET /cases/:id` shows it (the contract's fields plus what helps the reader). */
export interface CaseDetail extends CaseHeader {
  /** The lead mediator's name (null while nobody holds the case). */
  mediatorName: string | null;
  /** The active co-mediators, earliest first; empty for most cases. */
  coMediators: CaseCoMediator[];
  townLevel: boolean;
  description: string;
  districtId: string;
  claimants: MaskedClaimant[];
  employer: { name: string | null; creditCode: string | null; orgUnitId: string | null };
  eventAddress: string | null;
  amountAgreed: string | null;
  amountPaid: string;
  /** When the mediator first reached the claimant (first contact or first session). */
  firstContactAt: Date | null;
  extractedFields: string[];
  clusterId: string | null;
  offer: CaseOffer | null;
  deadlines: CaseDeadline[];
  hotline: CaseHotline | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The 12345 side of a hotline case: its order, the reply's delivery, the latest 回访. */
export interface CaseHotline {
  orderNo: string;
  replyState: HotlineReplyState;
  /** Why the last delivery attempt failed (while `failing`). */
  replyLastError: string | null;
  /** The latest 回访 received, if any. */
  feedback: CaseHotlineFeedback | null;
}

/** A 回访 result as the case shows it. */
export interface CaseHotlineFeedback {
  result: 'satisfied' | 'basically_satisfied' | 'unsatisfied';
  comment: string | null;
  visitedAt: Date;
}

/** One step of the timeline, oldest first. */
export interface CaseTimelineItem {
  at: Date;
  /** Display name of the user, or the machine's name (e.g. `hotline:js12345`). */
  actor: string;
  type: string;
  data: Record<string, unknown>;
}
