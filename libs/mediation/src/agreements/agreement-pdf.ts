import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { DISPUTE_CATEGORY_LABELS, type DisputeCategory } from '@heqi/core';
import { toChineseAmount } from '../chinese-amount.js';
import { shanghaiDate } from '../closing/close-rules.js';
import type { AgreementView } from './agreements.service.js';

/**
 * Noto Sans SC from the @expo-google-fonts package (a project dependency), resolved through
 * Node's module resolution rather than a path: the document must render its Chinese text on any
 * machine the app is installed on. pdfkit embeds only the glyphs used, so a PDF stays small
 * although the font file is 10 MB.
 */
const FONT_MODULE = '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf';
let font: Promise<Buffer> | null = null;

function loadFont(): Promise<Buffer> {
  font ??= readFile(createRequire(import.meta.url).resolve(FONT_MODULE)).catch((err: unknown) => {
    font = null;
    throw err;
  });
  return font;
}

/** 2026-11-20 → 2026年11月20日 */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

/** 32500.00 → 32,500.00 */
function figures(amount: string): string {
  const [whole, fraction] = amount.split('.');
  return `${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction ?? '00'}`;
}

const MARGIN = 64;
/** Height of the date, organisation and two rows of signature lines. */
const SIGNATURE_BLOCK = 125;

/**
 * Renders the 调解协议书: title, number, parties (claimants with masked ID numbers, the
 * employer), what was in dispute, the terms, the amount in figures and in capitals, the
 * instalment table, the effect clause, signing date, the mediation organisation and the
 * signature lines.
 */
export async function renderAgreementPdf(view: AgreementView): Promise<Buffer> {
  const fontData = await loadFont();
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: { Title: `调解协议书 ${view.caseNo}`, Author: view.organisation, Subject: '调解协议书' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', fontData);
  doc.font('cjk');
  const width = doc.page.width - 2 * MARGIN;

  const heading = (text: string) => {
    doc.moveDown(0.6).fontSize(13).text(text).moveDown(0.2).fontSize(11);
  };
  const para = (text: string) => doc.fontSize(11).text(text, { lineGap: 2, align: 'justify' });

  doc.fontSize(22).text('调解协议书', { align: 'center', characterSpacing: 4 });
  doc.moveDown(0.3).fontSize(10).text(`编号：${view.caseNo}`, { align: 'right' });

  heading('一、当事人');
  view.parties.claimants.forEach((c, i) => {
    const label = view.parties.claimants.length > 1 ? `申请人${i + 1}` : '申请人';
    para(`${label}：${c.name}${c.idNumberMasked ? `，公民身份号码：${c.idNumberMasked}` : ''}`);
  });
  const employer = view.parties.employer;
  para(
    `被申请人：${employer.name ?? '（未登记）'}${
      employer.creditCode ? `，统一社会信用代码：${employer.creditCode}` : ''
    }`,
  );

  heading('二、争议事项');
  const claims = view.claims;
  para(
    `争议类别：${DISPUTE_CATEGORY_LABELS[claims.category as DisputeCategory] ?? claims.category}` +
      (claims.workerCount && claims.workerCount > 1
        ? `（涉及劳动者 ${claims.workerCount} 人）`
        : ''),
  );
  if (claims.title) para(`事由：${claims.title}`);
  para(`申请人请求：${claims.description}`);
  if (claims.amountClaimed) {
    para(`请求金额：人民币 ${figures(claims.amountClaimed)} 元`);
  }

  heading('三、协议内容');
  para(`经${view.organisation}主持调解，双方当事人自愿达成如下协议：`);
  para(view.terms);
  para(
    `协议金额：人民币 ${figures(view.amountAgreed)} 元（大写：人民币${toChineseAmount(view.amountAgreed)}）。`,
  );

  if (view.instalments.length) {
    heading('四、履行期限');
    drawInstalments(doc, view, width);
  }

  heading(view.instalments.length ? '五、协议效力' : '四、协议效力');
  para(
    '本协议自双方当事人签字（盖章）、调解员签字并加盖调解组织印章后生效，对双方具有约束力，当事人应当履行。' +
      '双方可自协议生效之日起三十日内共同向人民法院申请司法确认。',
  );
  para(
    '因支付拖欠劳动报酬、工伤医疗费、经济补偿或者赔偿金事项达成调解协议，用人单位在协议约定期限内不履行的，' +
      '劳动者可以持本调解协议书依法向人民法院申请支付令（《中华人民共和国劳动争议调解仲裁法》第十六条）。',
  );
  para('本协议一式三份，双方当事人各执一份，调解组织留存一份。');

  // Date, organisation and signatures stay together on one page.
  if (doc.y + SIGNATURE_BLOCK > doc.page.height - MARGIN) doc.addPage();
  doc.moveDown(0.6);
  para(`签订日期：${chineseDate(shanghaiDate(view.signedAt))}`);
  para(`调解组织：${view.organisation}`);
  doc.moveDown(0.8);
  const sign = (left: string, right: string) => {
    const y = doc.y;
    doc.fontSize(11).text(`${left}：____________________`, MARGIN, y, {
      width: width / 2,
      lineBreak: false,
    });
    doc.text(`${right}：____________________`, MARGIN + width / 2, y, {
      width: width / 2,
      lineBreak: false,
    });
    doc.x = MARGIN;
    doc.moveDown(1.2);
  };
  sign('申请人（签字）', '被申请人（盖章）');
  sign('调解员（签字）', '调解组织（盖章）');

  doc.end();
  return done;
}

function drawInstalments(doc: PDFKit.PDFDocument, view: AgreementView, width: number): void {
  const columns = [
    { title: '期次', share: 0.1 },
    { title: '履行期限', share: 0.22 },
    { title: '金额（元）', share: 0.2 },
    { title: '大写金额', share: 0.48 },
  ];
  const rows = view.instalments.map((i) => [
    `第${i.no}期`,
    chineseDate(i.dueDate),
    figures(i.amount),
    `人民币${toChineseAmount(i.amount)}`,
  ]);
  const rowHeight = 22;
  const drawRow = (cells: string[]) => {
    if (doc.y + rowHeight > doc.page.height - MARGIN) doc.addPage();
    const y = doc.y;
    let x = MARGIN;
    cells.forEach((cell, c) => {
      const w = width * columns[c]!.share;
      doc.rect(x, y, w, rowHeight).stroke();
      doc.fontSize(10).text(cell, x + 4, y + 6, { width: w - 8, lineBreak: false, ellipsis: true });
      x += w;
    });
    doc.x = MARGIN;
    doc.y = y + rowHeight;
  };
  drawRow(columns.map((c) => c.title));
  for (const row of rows) drawRow(row);
  doc.moveDown(0.5);
}
