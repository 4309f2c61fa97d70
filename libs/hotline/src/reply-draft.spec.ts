import { describe, expect, it } from 'vitest';
import { CaseOutcome } from '@heqi/cases';
import { amountInChinese, draftHotlineReply } from './reply-draft.js';

describe('amountInChinese', () => {
  it.each([
    [0, '零元整'],
    [100, '壹元整'],
    [3_000_000, '叁万元整'],
    [2_500_000, '贰万伍仟元整'],
    [1_234_567, '壹万贰仟叁佰肆拾伍元陆角柒分'],
    [10_005_000, '壹拾万零伍拾元整'],
    [10_000_000_100, '壹亿零壹元整'],
    [10_000_100_000, '壹亿零壹仟元整'],
    [300_005, '叁仟元零伍分'],
    [50, '伍角整'],
    [100_100, '壹仟零壹元整'],
  ])('%i fen → %s', (fen, words) => {
    expect(amountInChinese(fen)).toBe(words);
  });

  it('refuses what is not an amount in fen', () => {
    expect(() => amountInChinese(-1)).toThrow(RangeError);
    expect(() => amountInChinese(1.5)).toThrow(RangeError);
  });
});

describe('draftHotlineReply', () => {
  const facts = {
    orgUnitName: '仪征市真州镇劳动争议调解委员会',
    employerName: '扬州某某建设有限公司',
    closedAt: '2026-11-20T02:00:00.000Z',
  };

  it('settled: resolved, with the amount in figures and words, the signing date and the way to enforce', () => {
    const draft = draftHotlineReply(CaseOutcome.Settled, {
      ...facts,
      amountAgreed: '30000.00',
      instalments: 2,
    });
    expect(draft.resolved).toBe(true);
    expect(draft.unresolvedReason).toBeUndefined();
    expect(draft.handlingSummary).toContain('仪征市真州镇劳动争议调解委员会受理后');
    expect(draft.handlingSummary).toContain('与扬州某某建设有限公司沟通协调');
    expect(draft.handlingSummary).toContain('2026年11月20日');
    expect(draft.publicReply).toMatch(/^您好！/);
    expect(draft.publicReply).toContain('人民币30,000.00元（大写：叁万元整），分2期履行');
    expect(draft.publicReply).toContain('支付令');
    expect(draft.publicReply).toMatch(/感谢您对 12345 热线工作的理解与支持！$/);
  });

  it('settled without an amount still reads as a settlement', () => {
    const draft = draftHotlineReply(CaseOutcome.Settled);
    expect(draft.resolved).toBe(true);
    expect(draft.publicReply).toContain('双方就争议事项达成一致');
    expect(draft.publicReply).toContain('工会劳动争议调解组织');
    expect(draft.publicReply).not.toContain('undefined');
  });

  it('failed: unresolved with the given reason (its full stop dropped inside the sentence) and the arbitration route', () => {
    const draft = draftHotlineReply(CaseOutcome.Failed, {
      ...facts,
      reason: '用人单位拒不到场。',
    });
    expect(draft.resolved).toBe(false);
    expect(draft.unresolvedReason).toBe('用人单位拒不到场。');
    expect(draft.publicReply).toContain('因用人单位拒不到场，未能达成调解协议');
    expect(draft.publicReply).toContain('劳动人事争议仲裁委员会申请仲裁');
    expect(draft.publicReply).toContain('一年内');
  });

  it('failed without a reason gives a default one', () => {
    const draft = draftHotlineReply(CaseOutcome.Failed);
    expect(draft.unresolvedReason).toBe('双方当事人分歧较大，经多次调解未能达成一致');
  });

  it('withdrawn and rejected explain themselves', () => {
    const withdrawn = draftHotlineReply(CaseOutcome.Withdrawn, facts);
    expect(withdrawn.resolved).toBe(false);
    expect(withdrawn.unresolvedReason).toBe('申请人主动撤回调解申请');
    expect(withdrawn.publicReply).toContain('申请人主动撤回调解申请，本次调解已终结');

    const rejected = draftHotlineReply(CaseOutcome.Rejected, {
      ...facts,
      reason: '该争议已由劳动人事争议仲裁委员会受理',
    });
    expect(rejected.resolved).toBe(false);
    expect(rejected.publicReply).toContain('该争议已由劳动人事争议仲裁委员会受理');
    expect(rejected.publicReply).toContain('依法不予受理');
  });

  it.each([
    [
      CaseOutcome.ReferredArbitration,
      '仪征市劳动人事争议仲裁委员会',
      '向仪征市劳动人事争议仲裁委员会申请仲裁',
    ],
    [CaseOutcome.ReferredLitigation, '仪征市人民法院', '向仪征市人民法院提起诉讼'],
    [CaseOutcome.ReferredInspection, '仪征市劳动保障监察大队', '由仪征市劳动保障监察大队依法查处'],
  ])('%s names the institution', (outcome, institution, phrase) => {
    const draft = draftHotlineReply(outcome, { ...facts, institution });
    expect(draft.resolved).toBe(false);
    expect(draft.unresolvedReason).toEqual(expect.any(String));
    expect(draft.publicReply).toContain(phrase);
    expect(draft.publicReply).toContain('调裁诉');
    expect(draft.handlingSummary).toContain(phrase);
  });

  it('a referral without a named institution names the kind of institution', () => {
    expect(draftHotlineReply(CaseOutcome.ReferredArbitration).publicReply).toContain(
      '向劳动人事争议仲裁委员会申请仲裁',
    );
  });
});
