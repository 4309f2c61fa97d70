/**
 * Text helpers shared by the extractors: one normal form for the free text of a work order,
 * and the clause a figure sits in (the words that say what the figure is).
 */

/** What the 12345 platform gives us about an order that the extractors read. */
export interface OrderText {
  title?: string;
  /** 诉求内容, the operator's free text. */
  content: string;
  /** The platform's own label, e.g. `劳动保障-拖欠工资`. */
  hotlineCategory?: string;
}

/** Punctuation that ends a clause, ASCII and full-width (operators type either). */
export const CLAUSE_BREAK = /[,，。；;！!？?\n\r、：:]/;

const FULL_WIDTH_DIGITS = /[０-９]/g;

/**
 * Folds what input methods vary on: full-width digits and decimal points, and a full-width
 * comma used as a thousands separator ("１２，０００元"). Everything else is left as typed,
 * so positions and names survive.
 */
export function normalizeText(text: string): string {
  return text
    .replace(FULL_WIDTH_DIGITS, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0))
    .replace(/(\d)．(?=\d)/g, '$1.')
    .replace(/(\d)，(?=\d{3}(?!\d))/g, '$1,')
    .replace(/\u3000/g, ' ');
}

/**
 * The words before `index` in the same clause, at most `maxLength` characters: the context
 * that tells "共计56000元" from "已支付2000元" or "12名员工" from "公司有员工200人".
 */
export function clauseBefore(text: string, index: number, maxLength = 20): string {
  const window = text.slice(Math.max(0, index - maxLength), index);
  const parts = window.split(CLAUSE_BREAK);
  return parts[parts.length - 1] ?? '';
}

/**
 * Title and content as one text for the extractors. The title goes first and ends its own
 * clause, so a figure in the title never borrows words from the content.
 */
export function joinOrderText(order: OrderText): string {
  const title = order.title?.trim();
  return normalizeText(title ? `${title}。${order.content}` : order.content);
}
