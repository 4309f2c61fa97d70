import { extractAmount } from '../extraction/index.js';
import type { HotlineOrderInput } from '../hotline/hotline-order.input.js';
import { IntakeError, IntakeErrorCode } from '../intake.errors.js';

type OrderField = keyof HotlineOrderInput;

/**
 * Headers of 12345 exports, by the order field they fill, most specific first: when a file has
 * two of them (派单时间 and 受理时间), the first non-empty cell wins. Headers are compared
 * without spaces, asterisks (required-column marks) and bracketed notes.
 */
const HEADERS: Record<OrderField, readonly string[]> = {
  orderNo: ['工单编号', '工单号', '工单编码', '编号'],
  title: ['标题', '工单标题', '诉求标题'],
  content: ['诉求内容', '工单内容', '来电内容', '诉求描述', '内容'],
  callerName: ['来电人姓名', '来电人', '诉求人', '反映人', '姓名'],
  callerPhone: ['联系电话', '来电号码', '手机号码', '联系方式', '电话'],
  callerIdNumber: ['身份证号', '身份证号码', '证件号码'],
  eventAddress: ['事发地址', '事发地点', '地址'],
  category: ['诉求类别', '工单类别', '问题类别', '诉求分类', '类别'],
  employerName: ['被反映单位', '被投诉单位', '涉事单位', '用人单位'],
  employerCreditCode: ['统一社会信用代码', '信用代码'],
  workerCount: ['涉及人数', '人数'],
  amountClaimed: ['涉及金额', '诉求金额', '金额'],
  dispatchedAt: ['派单时间', '受理时间', '交办时间'],
  replyDeadline: ['办理时限', '办结时限', '回复时限'],
  urgency: ['紧急程度', '缓急程度'],
  handlingUnitCode: ['承办单位编码'],
};

/** The columns an export must have (contract: 工单编号, 标题, 诉求内容). */
const REQUIRED: readonly OrderField[] = ['orderNo', 'title', 'content'];

/** How a field is named in messages about a row: its main header. */
export const FIELD_LABEL = Object.fromEntries(
  Object.entries(HEADERS).map(([field, names]) => [field, names[0]]),
) as Record<OrderField, string>;

const TIME_FIELDS = new Set<OrderField>(['dispatchedAt', 'replyDeadline']);

/** Which cells fill which field, most specific header first. */
export type ColumnMap = Map<OrderField, number[]>;

const normalizeHeader = (text: string) =>
  text.replace(/[\s*＊]/g, '').replace(/[(（][^)）]*[)）]/g, '');

/** Maps a header row; unknown columns (exports carry many) are ignored. */
export function mapHeader(cells: readonly unknown[]): ColumnMap {
  const at = new Map<string, number>();
  cells.forEach((cell, i) => {
    const name = normalizeHeader(cellText(cell));
    if (name && !at.has(name)) at.set(name, i);
  });
  const columns: ColumnMap = new Map();
  for (const [field, names] of Object.entries(HEADERS) as [OrderField, string[]][]) {
    const found = names.map((n) => at.get(n)).filter((i): i is number => i !== undefined);
    if (found.length) columns.set(field, found);
  }
  const missing = REQUIRED.filter((f) => !columns.has(f));
  if (missing.length) {
    throw new IntakeError(
      IntakeErrorCode.ImportBadHeader,
      `缺少必需的列：${missing.map((f) => FIELD_LABEL[f]).join('、')}`,
      missing.map((f) => ({ field: FIELD_LABEL[f], message: '缺少该列' })),
    );
  }
  return columns;
}

/** Whether a row has nothing in it (skipped, not counted). */
export const isBlankRow = (cells: readonly unknown[]): boolean =>
  cells.every((c) => cellText(c) === '');

/**
 * A data row as a plain order, for the same validation as a pushed one. Cells are read as
 * exports write them: times in Beijing wall-clock (+08:00) unless they carry an offset, amounts
 * as "3万元" or "30,000", head counts as "12人", urgency as 紧急/特急/一般. Without a dispatch
 * time the order counts as dispatched now (`importedAt`).
 */
export function rowToOrder(
  cells: readonly unknown[],
  columns: ColumnMap,
  importedAt: Date,
): Record<string, unknown> {
  const order: Record<string, unknown> = {};
  for (const [field, indexes] of columns) {
    const cell = indexes.map((i) => cells[i]).find((c) => cellText(c) !== '');
    if (cell === undefined) continue;
    order[field] = TIME_FIELDS.has(field) ? timeText(cell) : fieldValue(field, cell);
  }
  order['dispatchedAt'] ??= importedAt.toISOString();
  return order;
}

function fieldValue(field: OrderField, cell: unknown): unknown {
  const text = cellText(cell);
  switch (field) {
    case 'workerCount': {
      if (typeof cell === 'number') return cell;
      const digits = /\d+/.exec(text);
      return digits ? Number(digits[0]) : text;
    }
    case 'amountClaimed': {
      if (typeof cell === 'number') return cell;
      const plain = text.replace(/[,，\s元¥￥]/g, '');
      return /^\d+(?:\.\d+)?$/.test(plain) ? plain : (extractAmount(text) ?? text);
    }
    case 'urgency':
      return /急/.test(text) || text.toLowerCase() === 'urgent' ? 'urgent' : 'normal';
    default:
      return text;
  }
}

/** What a person sees in a cell, whatever the reader made of it. */
export function cellText(cell: unknown): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell.trim();
  if (typeof cell === 'number' || typeof cell === 'boolean') return String(cell);
  if (cell instanceof Date) return timeText(cell);
  if (typeof cell === 'object') {
    const value = cell as { richText?: { text: string }[]; text?: unknown; result?: unknown };
    if (Array.isArray(value.richText))
      return value.richText
        .map((p) => p.text)
        .join('')
        .trim();
    if (typeof value.text === 'string') return value.text.trim();
    if ('result' in value) return cellText(value.result);
  }
  return '';
}

const BEIJING = '+08:00';
/** 1899-12-30, day 0 of Excel's serial dates (with the 1900 leap-year bug folded in). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

const pad = (n: number | string) => String(n).padStart(2, '0');

/**
 * A time cell as ISO 8601 with an offset. Spreadsheets hold wall-clock times without a zone:
 * exceljs gives them as Dates whose UTC fields are the wall clock, Excel serials are days since
 * 1899-12-30 — both read as Beijing time, like typed text without an offset.
 */
function timeText(cell: unknown): string {
  let wall: Date | undefined;
  if (cell instanceof Date) wall = cell;
  else if (typeof cell === 'number' && cell > 0 && cell < 100_000) {
    wall = new Date(EXCEL_EPOCH_MS + Math.round(cell * 86_400_000));
  }
  if (wall && !Number.isNaN(wall.getTime())) {
    const date = `${wall.getUTCFullYear()}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`;
    const time = `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}`;
    return `${date}T${time}${BEIJING}`;
  }
  const text = cellText(cell);
  const m =
    /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[\sT]+(\d{1,2})[:：时](\d{1,2})(?:[:：分](\d{1,2})(?:\.\d+)?秒?)?)?$/.exec(
      text,
    );
  if (!m) return text;
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = m;
  return `${y}-${pad(mo!)}-${pad(d!)}T${pad(h)}:${pad(mi)}:${pad(s)}${BEIJING}`;
}
