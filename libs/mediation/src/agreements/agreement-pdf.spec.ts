import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { chineseDate, renderAgreementPdf } from './agreement-pdf.js';
import type { AgreementView } from './agreements.service.js';

const instalment = (no: number, dueDate: string, amount: string) => ({
  id: `i${no}`,
  no,
  dueDate,
  amount,
  paid: '0.00',
  status: 'pending' as const,
  paidAt: null,
  defaultedAt: null,
});

const view = (over: Partial<AgreementView> = {}): AgreementView => ({
  id: 'a',
  caseId: 'c',
  caseNo: '南湖-2026-000123',
  terms: '被申请人于2026年12月31日前支付申请人工资20000元，于2027年1月31日前支付剩余12500元。',
  amountAgreed: '32500.00',
  amountInWords: '叁万贰仟伍佰元整',
  signedAt: new Date('2026-11-20T02:00:00Z'),
  parties: {
    claimants: [{ name: '张三', idNumberMasked: '3201**********1234' }],
    employer: { name: '扬州鑫源物流有限公司', creditCode: null },
  },
  claims: {
    category: 'wages',
    title: '拖欠工资',
    description: '申请人被拖欠工资3万余元。',
    amountClaimed: '30000.00',
    workerCount: 1,
  },
  organisation: '东港镇',
  amountPaid: '0.00',
  outstanding: '32500.00',
  instalments: [instalment(1, '2026-12-31', '20000.00'), instalment(2, '2027-01-31', '12500.00')],
  createdAt: new Date(),
  ...over,
});

const pagesOf = async (pdf: Buffer) =>
  (await extractText(await getDocumentProxy(new Uint8Array(pdf)))).text.map((t) =>
    t.replace(/\s/g, ''),
  );

describe('renderAgreementPdf', () => {
  it('fits a usual agreement on one A4 page, in Chinese, signatures included', async () => {
    const pages = await pagesOf(await renderAgreementPdf(view()));
    expect(pages).toHaveLength(1);
    for (const text of [
      '调解协议书',
      '编号：南湖-2026-000123',
      '申请人：张三，公民身份号码：3201**********1234',
      '被申请人：扬州鑫源物流有限公司',
      '争议类别：劳动报酬',
      '人民币32,500.00元（大写：人民币叁万贰仟伍佰元整）',
      '第1期2026年12月31日20,000.00人民币贰万元整',
      '签订日期：2026年11月20日',
      '调解组织：东港镇',
      '调解组织（盖章）',
    ]) {
      expect(pages[0]).toContain(text);
    }
  });

  it('keeps the signature block together when the agreement runs long', async () => {
    const instalments = Array.from({ length: 24 }, (_, i) =>
      instalment(i + 1, `2027-${String((i % 12) + 1).padStart(2, '0')}-15`, '1000.00'),
    );
    const pages = await pagesOf(
      await renderAgreementPdf(view({ amountAgreed: '24000.00', instalments })),
    );
    expect(pages.length).toBeGreaterThan(1);
    const last = pages.at(-1)!;
    for (const label of [
      '签订日期',
      '申请人（签字）',
      '被申请人（盖章）',
      '调解员（签字）',
      '调解组织（盖章）',
    ]) {
      expect(last).toContain(label);
    }
    expect(pages.join('')).toContain('第24期');
  });

  it('writes dates the Chinese way', () => {
    expect(chineseDate('2027-01-05')).toBe('2027年1月5日');
  });
});
