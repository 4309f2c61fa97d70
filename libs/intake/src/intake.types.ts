import type { DisputeCategory, FieldProblem } from '@heqi/core';
import type { CaseChannel, CaseStatus, ExtractableField } from '@heqi/cases';

/** The 12345 platform as a caller: the key it signed with, and where the request came from. */
export interface HotlineCaller {
  keyId: string;
  ip?: string;
  requestId?: string;
}

/** The contract's answer to a pushed order. */
export interface HotlineReceipt {
  caseId: string;
  caseNo: string;
  status: CaseStatus;
  /** True when the order number was already known: the case is the first push's. */
  duplicate: boolean;
}

/** One line of a batch answer: the receipt, or why this order was not taken. */
export type BatchOrderResult =
  | ({ orderNo: string } & HotlineReceipt)
  | { orderNo?: string; error: { code: string; message: string; details?: FieldProblem[] } };

/** Channels staff register cases for (12345 orders come through the hotline door instead). */
export type StaffChannel =
  CaseChannel.WalkIn | CaseChannel.Online | CaseChannel.UnionHotline | CaseChannel.CourtReferral;

/** A case registered by intake staff (contract: `POST /api/v1/cases`), validated by the API. */
export interface WalkInInput {
  channel: StaffChannel;
  category: DisputeCategory;
  description: string;
  claimants: { name: string; phone: string; idNumber?: string | null }[];
  employer: { name: string; creditCode?: string | null; orgUnitId?: string | null };
  /** Yuan, at most two decimals (checked by the API). */
  amountClaimed?: string | null;
  workerCount?: number | null;
  eventAddress?: string | null;
}

/** The answer to a registration: the case as created, personal numbers masked. */
export interface RegisteredCase {
  id: string;
  caseNo: string;
  status: CaseStatus;
  channel: CaseChannel;
  category: DisputeCategory;
  collective: boolean;
  urgent: boolean;
  townLevel: boolean;
  description: string;
  orgUnitId: string;
  claimants: { name: string; phoneMasked: string | null; idNumberMasked: string | null }[];
  employer: { name: string | null; creditCode: string | null; orgUnitId: string | null };
  eventAddress: string | null;
  amountClaimed: string | null;
  workerCount: number | null;
  extractedFields: ExtractableField[];
  routing: Record<string, unknown>;
  receivedAt: Date;
}
