import type { DisputeCategory } from '@heqi/core';
import type { CaseChannel } from './case-channel.enum.js';

export interface ClaimantInput {
  name: string;
  /** Clear mainland mobile or landline; encrypted before it is stored. */
  phone?: string | null;
  /** Clear resident ID number; encrypted before it is stored. */
  idNumber?: string | null;
}

/** Fields that intake filled from the free text rather than from the form. */
export type ExtractableField = 'category' | 'amountClaimed' | 'workerCount' | 'employerName';

/**
 * A case ready to be created: intake has already extracted missing facts and decided the
 * jurisdiction. `CasesService.create` takes it as it is, inside the caller's transaction.
 */
export interface CaseDraft {
  /** Pre-assigned id (the hotline path claims the order number with it before the case exists). */
  id?: string;
  channel: CaseChannel;
  category: DisputeCategory;
  title?: string | null;
  description: string;
  claimants: ClaimantInput[];
  employer: { name?: string | null; creditCode?: string | null; unitId?: string | null };
  eventAddress?: string | null;
  /** Decimal yuan string with 2 decimals, e.g. '30000.00'. */
  amountClaimed?: string | null;
  workerCount?: number | null;
  /** Where the case is handled; a district id together with `triage: true` for the triage queue. */
  orgUnitId: string;
  triage: boolean;
  collective: boolean;
  urgent: boolean;
  /** Collective disputes are handled at town level (design, step 2). */
  townLevel: boolean;
  extractedFields: ExtractableField[];
  clusterId?: string | null;
  receivedAt: Date;
  /**
   * A 12345 order's reply deadline (null: the platform gave none), when the caller claims the
   * order in the same transaction; left out, the clocks read it from `hotline_order`.
   */
  replyDeadline?: Date | null;
  /** How the jurisdiction was decided, for the timeline (e.g. { by: 'credit_code' }). */
  routing: Record<string, unknown>;
}

/** What creating a case returns. */
export interface CreatedCase {
  id: string;
  caseNo: string;
  status: string;
}
