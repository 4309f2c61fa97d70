import ExcelJS from 'exceljs';
import type { SummaryFigures } from '../reports/figures.js';
import { ReportGroupBy, type SummaryReport } from '../reports/reports.service.js';

/** What a download carries: bytes, media type and the (Chinese) file name. */
export interface ReportFile {
  body: Buffer;
  contentType: string;
  filename: string;
}

const KEY_HEADER: Record<ReportGroupBy, string> = {
  [ReportGroupBy.OrgUnit]: '单位',
  [ReportGroupBy.Mediator]: '调解员',
  [ReportGroupBy.Category]: '争议类别',
  [ReportGroupBy.Month]: '月份',
};

type Kind = 'count' | 'rate' | 'amount' | 'days';

/** The columns after the label, in order: header, field, how it is written. */
export const EXPORT_COLUMNS: { header: string; field: keyof SummaryFigures; kind: Kind }[] = [
  { header: '受理数', field: 'received', kind: 'count' },
  { header: '办结数', field: 'closed', kind: 'count' },
  { header: '调解成功', field: 'settled', kind: 'count' },
  { header: '调解不成功', field: 'failed', kind: 'count' },
  { header: '转仲裁/诉讼/监察', field: 'referred', kind: 'count' },
  { header: '撤回', field: 'withdrawn', kind: 'count' },
  { header: '不予受理', field: 'rejected', kind: 'count' },
  { header: '调处成功率', field: 'settlementRate', kind: 'rate' },
  { header: '按时办结率', field: 'onTimeRate', kind: 'rate' },
  { header: '涉及金额（元）', field: 'amountClaimed', kind: 'amount' },
  { header: '协议金额（元）', field: 'amountAgreed', kind: 'amount' },
  { header: '实际履行金额（元）', field: 'amountPaid', kind: 'amount' },
  { header: '满意率', field: 'satisfactionRate', kind: 'rate' },
  { header: '平均办结天数', field: 'avgDaysToClose', kind: 'days' },
  { header: '重办数', field: 'reopened', kind: 'count' },
  { header: '回访数', field: 'feedback', kind: 'count' },
  { header: '满意及基本满意', field: 'satisfied', kind: 'count' },
  { header: '应按时期限数', field: 'clocksDue', kind: 'count' },
  { header: '按时期限数', field: 'clocksMet', kind: 'count' },
];

export const TOTAL_LABEL = '合计';

/** The file name (without extension) of a summary download. */
export const summaryFileStem = (report: SummaryReport): string =>
  `${report.orgUnitName}调处情况汇总_${KEY_HEADER[report.groupBy]}_${report.from}至${report.to}`;

/** A rate as a percentage with 2 decimals ('66.67%'); empty when there is no denominator. */
export function percent(rate: number | null): string {
  if (rate === null) return '';
  return `${(Math.round(rate * 10_000) / 100).toFixed(2)}%`;
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function csvValue(figures: SummaryFigures, field: keyof SummaryFigures, kind: Kind): string {
  const v = figures[field];
  if (v === null) return '';
  if (kind === 'rate') return percent(v as number);
  if (kind === 'days') return (v as number).toFixed(1);
  return String(v);
}

/**
 * CSV for Excel: UTF-8 with a byte-order mark (so Excel reads the Chinese), CRLF lines, Chinese
 * headers, rates as percentages with 2 decimals, amounts in yuan with 2 decimals, a 合计 row.
 */
export function summaryCsv(report: SummaryReport): ReportFile {
  const lines = [[KEY_HEADER[report.groupBy], ...EXPORT_COLUMNS.map((c) => c.header)]];
  const line = (label: string, f: SummaryFigures) => [
    label,
    ...EXPORT_COLUMNS.map((c) => csvValue(f, c.field, c.kind)),
  ];
  for (const row of report.rows) lines.push(line(row.label, row));
  lines.push(line(TOTAL_LABEL, report.total));
  const text = lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';
  return {
    body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]),
    contentType: 'text/csv; charset=utf-8',
    filename: `${summaryFileStem(report)}.csv`,
  };
}

const NUM_FMT: Record<Kind, string> = {
  count: '0',
  rate: '0.00%',
  amount: '#,##0.00',
  days: '0.0',
};

function xlsxValue(f: SummaryFigures, field: keyof SummaryFigures, kind: Kind): number | null {
  const v = f[field];
  if (v === null) return null;
  return kind === 'amount' ? Number(v) : (v as number);
}

/**
 * The summary as an Excel workbook: one sheet, Chinese headers (bold, frozen), one row per group
 * and a bold 合计 row; counts as integers, rates as percentages, amounts as ¥ with thousands
 * separators (numbers, so they add up in Excel), widths fitted to Chinese text.
 */
export async function summaryXlsx(report: SummaryReport): Promise<ReportFile> {
  const book = new ExcelJS.Workbook();
  book.creator = '和气';
  book.created = new Date();
  const sheet = book.addWorksheet('调处情况汇总', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: KEY_HEADER[report.groupBy], key: 'label', width: 24 },
    ...EXPORT_COLUMNS.map((c) => ({
      header: c.header,
      key: c.field,
      width: Math.max(10, c.header.length * 2 + 2, c.kind === 'amount' ? 16 : 0),
      style: { numFmt: NUM_FMT[c.kind] },
    })),
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  const add = (label: string, f: SummaryFigures) =>
    sheet.addRow({
      label,
      ...Object.fromEntries(EXPORT_COLUMNS.map((c) => [c.field, xlsxValue(f, c.field, c.kind)])),
    });
  for (const row of report.rows) add(row.label, row);
  add(TOTAL_LABEL, report.total).font = { bold: true };
  const body = Buffer.from(await book.xlsx.writeBuffer());
  return {
    body,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    filename: `${summaryFileStem(report)}.xlsx`,
  };
}
