import { toFen } from './money.js';

const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const PLACES = ['', '拾', '佰', '仟'];
const GROUPS = ['', '万', '亿', '万亿'];

/** One group of four digits (1–9999), inner zeros as one 零, trailing zeros left out. */
function group(value: number): string {
  let out = '';
  let zero = false;
  for (let place = 3; place >= 0; place--) {
    const digit = Math.floor(value / 10 ** place) % 10;
    if (digit === 0) {
      if (out) zero = true;
      continue;
    }
    if (zero) out += '零';
    zero = false;
    out += DIGITS[digit]! + PLACES[place]!;
  }
  return out;
}

function integerPart(yuan: number): string {
  const groups: number[] = [];
  for (let rest = yuan; rest > 0; rest = Math.floor(rest / 10_000)) groups.push(rest % 10_000);
  let out = '';
  let gap = false;
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i]!;
    if (g === 0) {
      gap = out !== '';
      continue;
    }
    // A zero between groups: a skipped group, or a group without its thousands.
    if (out && (gap || g < 1000)) out += '零';
    out += group(g) + GROUPS[i]!;
    gap = false;
  }
  return out;
}

/**
 * An amount in Chinese capital numerals (大写金额) as written on 调解协议书 and cheques, after
 * the rules of 《支付结算办法》: 30000 → 叁万元整, 1005.08 → 壹仟零伍元零捌分, 0.05 → 伍分,
 * 0 → 零元整. `yuan` is a decimal string (at most two decimals) or integer fen. No 人民币 prefix.
 */
export function toChineseAmount(yuan: string | { fen: number }): string {
  const fen = typeof yuan === 'string' ? toFen(yuan) : yuan.fen;
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError(`not an amount: ${fen}`);
  const whole = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const cents = fen % 10;
  if (fen === 0) return '零元整';
  let out = whole > 0 ? `${integerPart(whole)}元` : '';
  if (jiao === 0 && cents === 0) return `${out}整`;
  if (jiao > 0) out += `${DIGITS[jiao]}角`;
  else if (whole > 0) out += '零';
  if (cents > 0) out += `${DIGITS[cents]}分`;
  return out;
}
