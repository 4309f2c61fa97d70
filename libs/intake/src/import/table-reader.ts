import { Readable, pipeline } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { IntakeError } from '../intake.errors.js';

/** One row of a spreadsheet as the file holds it: its number (header = 1) and its cells. */
export interface TableRow {
  row: number;
  /** 0-based cells: strings from CSV; strings, numbers, dates, booleans from XLSX. */
  cells: unknown[];
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** OLE2 compound file: the old binary .xls, which no streaming reader here understands. */
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);
/** How much of a CSV file is looked at to tell UTF-8 from GB18030. */
const SNIFF_BYTES = 64 * 1024;

/**
 * Reads a CSV or XLSX upload row by row without holding the file in memory: the bytes stream
 * through a CSV parser (csv-parse) or exceljs' streaming workbook reader, and the caller's
 * pace (it awaits each row) pauses the upload. XLSX: the first worksheet only.
 *
 * CSV text is UTF-8 (with or without BOM) when the first 64 KB are valid UTF-8, otherwise
 * GB18030 — what Excel on a Chinese Windows writes by default ("CSV (逗号分隔)"); a UTF-16 BOM
 * is honoured too. Tab- and semicolon-separated files are recognised from the header line.
 */
export async function* readTable(source: Readable): AsyncGenerator<TableRow> {
  const chunks = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const head: Buffer[] = [];
  let headBytes = 0;
  let done = false;
  while (!done && headBytes < SNIFF_BYTES) {
    const next = await chunks.next();
    if (next.done) done = true;
    else {
      head.push(Buffer.from(next.value));
      headBytes += next.value.length;
    }
  }
  const start = Buffer.concat(head);
  if (start.length === 0) throw IntakeError.unreadable('文件为空');
  if (start.subarray(0, 4).equals(OLE_MAGIC)) {
    throw IntakeError.unreadable('不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 或 CSV');
  }
  async function* bytes(): AsyncGenerator<Buffer> {
    yield start;
    if (done) return;
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) {
      yield Buffer.from(next.value);
    }
  }
  if (start.subarray(0, 4).equals(ZIP_MAGIC)) yield* xlsxRows(bytes(), source);
  else yield* csvRows(bytes(), start);
}

async function* csvRows(bytes: AsyncGenerator<Buffer>, start: Buffer): AsyncGenerator<TableRow> {
  const encoding = detectEncoding(start);
  const decoder = new TextDecoder(encoding);
  async function* text(): AsyncGenerator<string> {
    for await (const chunk of bytes) {
      const decoded = decoder.decode(chunk, { stream: true });
      if (decoded.includes('\u0000')) throw IntakeError.unreadable('文件不是 CSV 或 XLSX');
      if (decoded) yield decoded;
    }
    const rest = decoder.decode();
    if (rest) yield rest;
  }
  const firstLine = new TextDecoder(encoding).decode(start).split(/\r?\n/, 1)[0] ?? '';
  const delimiter =
    ['\t', ';'].find((d) => firstLine.split(d).length > firstLine.split(',').length) ?? ',';
  const parser = parse({
    delimiter,
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    max_record_size: 1024 * 1024,
  });
  // pipeline, not pipe: a failing source (upload too large, cut off) must fail the parser too.
  pipeline(Readable.from(text()), parser, () => undefined);
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      yield { row: ++row, cells: record };
    }
  } catch (err) {
    if (err instanceof IntakeError) throw err;
    throw IntakeError.unreadable(`CSV 第 ${row + 1} 行附近无法解析（请检查引号是否成对）`);
  }
}

function detectEncoding(start: Buffer): string {
  if (start[0] === 0xef && start[1] === 0xbb && start[2] === 0xbf) return 'utf-8';
  if (start[0] === 0xff && start[1] === 0xfe) return 'utf-16le';
  if (start[0] === 0xfe && start[1] === 0xff) return 'utf-16be';
  try {
    // `stream: true` forgives a character cut in half at the end of the sample.
    new TextDecoder('utf-8', { fatal: true }).decode(start, { stream: true });
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

async function* xlsxRows(
  bytes: AsyncGenerator<Buffer>,
  source: Readable,
): AsyncGenerator<TableRow> {
  const input = Readable.from(bytes);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    // Styles tell a date cell from a number.
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  // exceljs pipes its input into the unzipper, which would wait for ever on a failed upload:
  // every step races the source's error.
  const failed = new Promise<never>((_, reject) => {
    source.once('error', reject);
    input.once('error', reject);
  });
  failed.catch(() => undefined);
  try {
    const sheets = reader[Symbol.asyncIterator]();
    const first = await Promise.race([sheets.next(), failed]);
    if (first.done) return;
    const rows = first.value[Symbol.asyncIterator]();
    for (let next = await Promise.race([rows.next(), failed]); !next.done;) {
      const values = next.value.values;
      yield { row: next.value.number, cells: Array.isArray(values) ? values.slice(1) : [] };
      next = await Promise.race([rows.next(), failed]);
    }
  } catch (err) {
    if (err instanceof IntakeError) throw err;
    throw IntakeError.unreadable('无法读取该 XLSX 文件');
  } finally {
    input.destroy();
  }
}
