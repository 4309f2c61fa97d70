import type { FieldProblem } from '@heqi/core';
import { CaseOutcome } from '@heqi/cases';
import { fromFen, toFen } from '../money.js';

/** An instalment of the agreement as given. `dueDate` is a calendar date, `YYYY-MM-DD`. */
export interface InstalmentInput {
  dueDate: string;
  amount: string;
}

export interface AgreementInput {
  terms: string;
  amountAgreed: string;
  signedAt: Date;
  instalments: InstalmentInput[];
}

/** Where a referred case went (the 调、裁、诉 chain). */
export interface ReferralInput {
  institution: string;
  referredAt: Date;
  note?: string | null;
}

/** `POST /cases/:id/close` (contract "Cases"). */
export interface CloseInput {
  outcome: CaseOutcome;
  reason?: string | null;
  handlingSummary: string;
  publicReply?: string | null;
  agreement?: AgreementInput | null;
  referral?: ReferralInput | null;
}

/** An instalment as it will be stored: numbered 1… in due-date order, amount in fen. */
export interface PlannedInstalment {
  no: number;
  dueDate: string;
  fen: number;
}

export const REFERRED_OUTCOMES: readonly CaseOutcome[] = [
  CaseOutcome.ReferredArbitration,
  CaseOutcome.ReferredLitigation,
  CaseOutcome.ReferredInspection,
];

/** Outcomes whose reason is required: the hotline reply says why the matter was not resolved. */
const REASON_REQUIRED: readonly CaseOutcome[] = [CaseOutcome.Failed, CaseOutcome.Rejected];

const SKEW_MS = 5 * 60 * 1000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The calendar date of an instant in China (Asia/Shanghai, UTC+8 all year). */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * The rules of a close that the DTO cannot express: `settled` requires the agreement and only
 * it carries one; the instalments add up to the amount agreed and fall due on or after signing;
 * referred outcomes require the referral and only they carry one; `failed` and `rejected` say
 * why. Returns the problems (empty when the close is valid) and the planned instalments.
 */
export function checkClose(
  input: CloseInput,
  now = new Date(),
): { problems: FieldProblem[]; instalments: PlannedInstalment[] } {
  const problems: FieldProblem[] = [];
  const settled = input.outcome === CaseOutcome.Settled;
  const referred = REFERRED_OUTCOMES.includes(input.outcome);
  let instalments: PlannedInstalment[] = [];

  if (settled && !input.agreement) {
    problems.push({ field: 'agreement', message: '调解成功（settled）必须填写调解协议' });
  }
  if (!settled && input.agreement) {
    problems.push({ field: 'agreement', message: '只有调解成功（settled）才填写调解协议' });
  }
  if (referred && !input.referral) {
    problems.push({ field: 'referral', message: '转仲裁、诉讼或劳动监察须填写转往机构和时间' });
  }
  if (!referred && input.referral) {
    problems.push({ field: 'referral', message: '只有转仲裁、诉讼或劳动监察才填写转办信息' });
  }
  if (REASON_REQUIRED.includes(input.outcome) && !input.reason?.trim()) {
    problems.push({
      field: 'reason',
      message: input.outcome === CaseOutcome.Failed ? '调解不成须说明原因' : '不予受理须说明原因',
    });
  }
  if (input.referral && input.referral.referredAt.getTime() > now.getTime() + SKEW_MS) {
    problems.push({ field: 'referral.referredAt', message: '转办时间不能晚于当前时间' });
  }

  const agreement = settled ? input.agreement : null;
  if (agreement) {
    const signed = shanghaiDate(agreement.signedAt);
    if (agreement.signedAt.getTime() > now.getTime() + SKEW_MS) {
      problems.push({ field: 'agreement.signedAt', message: '签订时间不能晚于当前时间' });
    }
    const indexed = agreement.instalments.map((item, index) => ({ item, index }));
    for (const { item, index } of indexed) {
      if (!DATE.test(item.dueDate) || Number.isNaN(Date.parse(`${item.dueDate}T00:00:00Z`))) {
        problems.push({
          field: `agreement.instalments.${index}.dueDate`,
          message: '必须是日期，如 2026-12-31',
        });
      } else if (item.dueDate < signed) {
        problems.push({
          field: `agreement.instalments.${index}.dueDate`,
          message: `履行期限不能早于协议签订日期（${signed}）`,
        });
      }
      if (toFen(item.amount) === 0) {
        problems.push({
          field: `agreement.instalments.${index}.amount`,
          message: '每期金额必须大于 0',
        });
      }
    }
    const total = indexed.reduce((sum, { item }) => sum + toFen(item.amount), 0);
    const agreed = toFen(agreement.amountAgreed);
    if (total !== agreed) {
      problems.push({
        field: 'agreement.instalments',
        message: `各期金额合计 ${fromFen(total)} 元，与协议金额 ${fromFen(agreed)} 元不一致`,
      });
    }
    instalments = [...indexed]
      .sort((a, b) => a.item.dueDate.localeCompare(b.item.dueDate) || a.index - b.index)
      .map(({ item }, i) => ({ no: i + 1, dueDate: item.dueDate, fen: toFen(item.amount) }));
  }
  return { problems, instalments };
}

/** The instant an instalment's due date ends in China: `2026-12-31` → 2026-12-31T23:59:59.999+08:00. */
export function endOfDueDate(dueDate: string): Date {
  return new Date(Date.parse(`${dueDate}T00:00:00+08:00`) + 86_400_000 - 1);
}
