import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { FieldProblem } from '@heqi/core';
import { NetworkError, NetworkErrorCode } from '../network.errors.js';
import {
  COLUMN_HEADERS,
  ImportColumn,
  ImportRowType,
  columnOfHeader,
  rowTypeOf,
} from './import-vocabulary.js';

/** More rows than this in one file are refused: each row is its own transaction. */
export const MAX_IMPORT_ROWS = 10_000;

/** One data row: its number as the spreadsheet shows it, and its non-empty cells by column. */
export interface ImportRow {
  /** Worksheet name; set for XLSX files only. */
  sheet?: string;
  row: number;
  /** From the 类型 column, or from the sheet's name (单位 / 调解员); undefined when neither. */
  type: ImportRowType | undefined;
  /** The 类型 cell as written, for the message when it is not understood. */
  typeText: string;
  cells: Map<ImportColumn, string>;
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** OLE2 compound file: the old binary .xls, which exceljs does not read. */
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

/**
 * Reads a CSV or XLSX import file into rows, in file order (sheet by sheet for XLSX; sheets named
 * 说明/填写… are instructions and skipped). Headers are matched loosely (see `columnOfHeader`),
 * and an unknown header rejects the whole file, since a misspelt column would otherwise be dropped
 * silently on every row.
 */
export async function readImportTable(buffer: Buffer): Promise<ImportRow[]> {
  const workbook = new ExcelJS.Workbook();
  const isXlsx = buffer.subarray(0, 4).equals(ZIP_MAGIC);
  if (buffer.subarray(0, 4).equals(OLE_MAGIC)) {
    throw unreadable('不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 或 CSV（UTF-8）');
  }
  try {
    if (isXlsx) await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    else await readCsv(workbook, decodeText(buffer));
  } catch (err) {
    if (err instanceof NetworkError) throw err;
    throw unreadable(isXlsx ? '无法读取该 XLSX 文件' : '无法解析该 CSV 文件（请检查引号是否成对）');
  }

  const rows: ImportRow[] = [];
  const problems: FieldProblem[] = [];
  for (const sheet of workbook.worksheets) {
    rows.push(...sheetRows(sheet, isXlsx ? sheet.name : undefined, problems));
    if (rows.length > MAX_IMPORT_ROWS) {
      throw new NetworkError(
        NetworkErrorCode.ImportBadSize,
        `一次最多导入 ${MAX_IMPORT_ROWS} 行，请拆分文件`,
      );
    }
  }
  if (problems.length) {
    throw new NetworkError(NetworkErrorCode.ImportBadHeader, '表头有误', problems);
  }
  if (!rows.length) {
    throw new NetworkError(NetworkErrorCode.ImportBadSize, '文件中没有数据行');
  }
  return rows;
}

/** Worksheets with these words in their name hold instructions for people, not rows. */
const NOTES_SHEET = /说明|填写|readme|instructions/i;

function sheetRows(
  sheet: ExcelJS.Worksheet,
  sheetName: string | undefined,
  problems: FieldProblem[],
): ImportRow[] {
  if (sheetName && NOTES_SHEET.test(sheetName)) return [];
  const where = (row: number) => (sheetName ? `${sheetName}!第${row}行` : `第${row}行`);
  let columns: (ImportColumn | undefined)[] | undefined;
  let firstRow: number | undefined;
  const rows: ImportRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    const texts = rowTexts(row);
    if (texts.every((t) => !t)) return;
    if (!columns) {
      firstRow ??= number;
      // Kept spreadsheets often start with a title row ("南湖区调解网络"): the header is the
      // first row that names at least two known columns, and what stands above it is skipped.
      if (texts.filter((t) => t && columnOfHeader(t)).length < 2) return;
      columns = headerColumns(texts, where(number), problems);
      if (!columns.includes(ImportColumn.Type) && !rowTypeOf(sheetName ?? '')) {
        problems.push({
          field: where(number),
          message: '缺少「类型」列（或把工作表命名为「单位」「调解员」）',
        });
      }
      return;
    }
    const cells = new Map<ImportColumn, string>();
    texts.forEach((text, i) => {
      const column = columns![i];
      if (column && text) cells.set(column, text);
    });
    const typeText = cells.get(ImportColumn.Type) ?? '';
    rows.push({
      ...(sheetName ? { sheet: sheetName } : {}),
      row: number,
      type: typeText ? rowTypeOf(typeText) : rowTypeOf(sheetName ?? ''),
      typeText,
      cells,
    });
  });
  if (!columns && firstRow !== undefined) {
    problems.push({
      field: where(firstRow),
      message: `找不到表头：表头行至少要有两个可用的列名（${Object.values(COLUMN_HEADERS).join('、')}）`,
    });
  }
  return rows;
}

/** Maps each header cell to its column; unknown and repeated headers are problems. */
function headerColumns(
  texts: string[],
  where: string,
  problems: FieldProblem[],
): (ImportColumn | undefined)[] {
  const seen = new Set<ImportColumn>();
  return texts.map((text) => {
    if (!text) return undefined;
    const column = columnOfHeader(text);
    if (!column) {
      problems.push({
        field: where,
        message: `未知的列「${text}」，可用的列：${Object.values(COLUMN_HEADERS).join('、')}`,
      });
    } else if (seen.has(column)) {
      problems.push({ field: where, message: `列「${text}」重复` });
    } else {
      seen.add(column);
      return column;
    }
    return undefined;
  });
}

/** A row's cells as trimmed text, 0-based. */
function rowTexts(row: ExcelJS.Row): string[] {
  const values = Array.isArray(row.values) ? row.values.slice(1) : [];
  return Array.from(values, (value) => cellText(value).trim());
}

/** The text a person sees in a cell, whatever exceljs made of it. */
function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('text' in value && typeof value.text === 'string') return value.text;
  if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
  return '';
}

/**
 * CSV bytes as text: UTF-8 (with or without BOM) when they are valid UTF-8, otherwise GB18030,
 * which is what Excel on a Chinese Windows writes by default ("CSV (逗号分隔)").
 */
function decodeText(buffer: Buffer): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    text = new TextDecoder('gb18030').decode(buffer);
  }
  if (text.includes('\u0000')) throw unreadable('文件不是 CSV 或 XLSX');
  return text;
}

/** Reads CSV text into a worksheet, every cell kept as text (no number or date guessing). */
async function readCsv(workbook: ExcelJS.Workbook, text: string): Promise<void> {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  // Excel writes tabs for "Unicode text" and semicolons in some locales.
  const delimiter = ['\t', ';'].find(
    (d) => firstLine.split(d).length > firstLine.split(',').length,
  );
  await workbook.csv.read(Readable.from([text]), {
    // Phone numbers and codes must stay text: the default map turns them into numbers/dates.
    map: (value: string) => value,
    parserOptions: { delimiter: delimiter ?? ',' },
  });
}

function unreadable(message: string): NetworkError {
  return new NetworkError(NetworkErrorCode.ImportUnreadable, message);
}
