import { describe, expect, it } from 'vitest';
import { CaseOutcome } from '@heqi/cases';
import { type CloseInput, checkClose, endOfDueDate, shanghaiDate } from './close-rules.js';

const now = new Date('2026-11-22T02:00:00Z');
const agreement = {
  terms: '被申请人分两期支付工资',
  amountAgreed: '32500.00',
  signedAt: new Date('2026-11-20T09:00:00+08:00'),
  instalments: [
    { dueDate: '2026-12-31', amount: '12500' },
    { dueDate: '2026-11-30', amount: '20000.00' },
  ],
};
const close = (over: Partial<CloseInput>): CloseInput => ({
  outcome: CaseOutcome.Settled,
  handlingSummary: '经调解双方达成协议',
  agreement,
  ...over,
});
const fields = (input: CloseInput) => checkClose(input, now).problems.map((p) => p.field);

describe('checkClose', () => {
  it('accepts a settled close and numbers the instalments by due date', () => {
    const { problems, instalments } = checkClose(close({}), now);
    expect(problems).toEqual([]);
    expect(instalments).toEqual([
      { no: 1, dueDate: '2026-11-30', fen: 2_000_000 },
      { no: 2, dueDate: '2026-12-31', fen: 1_250_000 },
    ]);
  });

  it('requires the agreement for settled, and only for settled', () => {
    expect(fields(close({ agreement: null }))).toEqual(['agreement']);
    expect(fields(close({ outcome: CaseOutcome.Withdrawn }))).toEqual(['agreement']);
  });

  it('requires instalments adding up to the amount agreed, each above 0', () => {
    const off = { ...agreement, amountAgreed: '32500.01' };
    expect(checkClose(close({ agreement: off }), now).problems).toEqual([
      {
        field: 'agreement.instalments',
        message: '各期金额合计 32500.00 元，与协议金额 32500.01 元不一致',
      },
    ]);
    const zero = { ...agreement, amountAgreed: '0', instalments: [] };
    expect(fields(close({ agreement: zero }))).toEqual([]);
    const nothing = {
      ...agreement,
      amountAgreed: '10',
      instalments: [
        { dueDate: '2026-12-01', amount: '10' },
        { dueDate: '2026-12-02', amount: '0.00' },
      ],
    };
    expect(fields(close({ agreement: nothing }))).toEqual(['agreement.instalments.1.amount']);
  });

  it('refuses due dates before signing, bad dates and a signature in the future', () => {
    const early = {
      ...agreement,
      instalments: [
        { dueDate: '2026-11-19', amount: '20000' },
        { dueDate: '2026-02-30', amount: '12500' },
      ],
    };
    expect(fields(close({ agreement: early }))).toEqual([
      'agreement.instalments.0.dueDate',
      'agreement.instalments.1.dueDate',
    ]);
    const later = { ...agreement, signedAt: new Date('2026-11-23T00:00:00Z') };
    expect(fields(close({ agreement: later }))).toContain('agreement.signedAt');
  });

  it('requires the referral for referred outcomes, and only for them', () => {
    const referral = { institution: '南湖区劳动人事争议仲裁委员会', referredAt: now };
    for (const outcome of [
      CaseOutcome.ReferredArbitration,
      CaseOutcome.ReferredLitigation,
      CaseOutcome.ReferredInspection,
    ]) {
      expect(fields({ outcome, handlingSummary: 'x' })).toEqual(['referral']);
      expect(fields({ outcome, handlingSummary: 'x', referral })).toEqual([]);
    }
    expect(fields({ outcome: CaseOutcome.Withdrawn, handlingSummary: 'x', referral })).toEqual([
      'referral',
    ]);
  });

  it('requires a reason for failed and rejected', () => {
    expect(fields({ outcome: CaseOutcome.Failed, handlingSummary: 'x' })).toEqual(['reason']);
    expect(fields({ outcome: CaseOutcome.Failed, handlingSummary: 'x', reason: '  ' })).toEqual([
      'reason',
    ]);
    expect(
      fields({ outcome: CaseOutcome.Rejected, handlingSummary: 'x', reason: '超时效' }),
    ).toEqual([]);
    expect(fields({ outcome: CaseOutcome.Withdrawn, handlingSummary: 'x' })).toEqual([]);
  });
});

describe('dates in China', () => {
  it('reads the Shanghai calendar date and the end of a due date', () => {
    expect(shanghaiDate(new Date('2026-11-20T16:30:00Z'))).toBe('2026-11-21');
    expect(endOfDueDate('2026-12-31').toISOString()).toBe('2026-12-31T15:59:59.999Z');
  });
});
