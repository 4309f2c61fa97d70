import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '@heqi/core';
import { CaseOutcome, CaseQueriesService } from '@heqi/cases';
import { HotlineError, HotlineErrorCode } from './hotline.errors.js';
import { type HotlineReplyDraft, draftHotlineReply } from './reply-draft.js';

/** What the close form has typed so far, to draft from (all optional). */
export interface ReplyDraftHints {
  reason?: string;
  institution?: string;
  amountAgreed?: string;
  instalments?: number;
}

/** A draft of the 12345 reply for one case and outcome. */
export interface CaseReplyDraft extends HotlineReplyDraft {
  caseId: string;
  orderNo: string;
  outcome: CaseOutcome;
}

/**
 * The console's prefill of a hotline case's close form: {@link draftHotlineReply} from the
 * outcome the mediator picked, the case's unit and employer, and what the form holds so far.
 */
@Injectable()
export class HotlineReplyDrafts {
  constructor(@Inject(CaseQueriesService) private readonly cases: CaseQueriesService) {}

  /**
   * @throws CaseError `CASE_NOT_FOUND` (unknown or outside the caller's reach); HotlineError
   * `HOTLINE_NOT_HOTLINE_CASE` (409) for a case that did not come from the 12345 hotline.
   */
  async draft(
    actor: Actor,
    caseId: string,
    outcome: CaseOutcome,
    hints: ReplyDraftHints = {},
  ): Promise<CaseReplyDraft> {
    const kase = await this.cases.get(actor, caseId);
    if (!kase.hotline) {
      throw new HotlineError(
        HotlineErrorCode.NotHotline,
        '该案件不是 12345 热线工单，无需答复热线平台',
      );
    }
    const draft = draftHotlineReply(outcome, {
      orgUnitName: kase.orgUnitName,
      employerName: kase.employer.name,
      amountAgreed: hints.amountAgreed ?? kase.amountAgreed,
      reason: hints.reason,
      institution: hints.institution,
      instalments: hints.instalments,
      closedAt: new Date(),
    });
    return { caseId: kase.id, orderNo: kase.hotline.orderNo, outcome, ...draft };
  }
}
