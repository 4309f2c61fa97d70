/**
 * Numbers as 12345 operators type them: Arabic (`12,000.50`), Chinese (`三十五`, `两万三千`),
 * financial capitals (`贰万`) and mixtures (`1.5万`, `3万5千`, `五十多万`).
 */

const DIGIT_VALUES: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  壹: 1,
  二: 2,
  贰: 2,
  两: 2,
  三: 3,
  叁: 3,
  四: 4,
  肆: 4,
  五: 5,
  伍: 5,
  六: 6,
  陆: 6,
  七: 7,
  柒: 7,
  八: 8,
  捌: 8,
  九: 9,
  玖: 9,
};

/** Units that multiply the digit just before them (十/百/千) within a 万 section. */
const SMALL_UNITS: Readonly<Record<string, number>> = {
  十: 10,
  拾: 10,
  百: 100,
  佰: 100,
  千: 1000,
  仟: 1000,
};

/** Units that close a section and scale everything before it (万, 亿). */
const LARGE_UNITS: Readonly<Record<string, number>> = { 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8 };

const CN_DIGITS = '零〇一二两三四五六七八九壹贰叁肆伍陆柒捌玖';
const CN_UNITS = '十拾百佰千仟万萬亿億';
/** Words that make a figure a lower bound ("3万余元", "三十多名"): the figure itself is kept. */
const APPROXIMATE = '余多来几';

const ARABIC = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;

/**
 * Regex source for one number, for embedding in the extractors' patterns. It refuses to start
 * inside another number or after 几/数 ("几十个人" is vague, not ten), and it does not swallow a
 * trailing 余/多/来 (callers match that themselves to know the figure is approximate).
 * The thousands group needs exactly three digits, so "5000,3个月" reads as 5000.
 */
export const NUMBER_PATTERN =
  String.raw`(?<![\d.,${CN_DIGITS}${CN_UNITS}几数第])` +
  `(?:${ARABIC}|[${CN_DIGITS}十拾])` +
  `(?:${ARABIC}|[${CN_DIGITS}]|[${APPROXIMATE}]?[${CN_UNITS}])*`;

type Token =
  | { kind: 'number'; value: number; singleDigit: boolean }
  | { kind: 'small'; value: number }
  | { kind: 'large'; value: number }
  | { kind: 'zero' }
  | { kind: 'approx' };

function tokenize(input: string): Token[] | undefined {
  const tokens: Token[] = [];
  const pattern = new RegExp(
    `(${ARABIC})|([${CN_DIGITS}])|([${CN_UNITS}])|([${APPROXIMATE}])`,
    'y',
  );
  const rest = input.replace(/\s+/g, '');
  let position = 0;
  while (position < rest.length) {
    pattern.lastIndex = position;
    const match = pattern.exec(rest);
    if (!match) return undefined;
    const [text, arabic, digit, unit] = match;
    if (arabic !== undefined) {
      const value = Number(arabic.replace(/,/g, ''));
      tokens.push({ kind: 'number', value, singleDigit: /^\d$/.test(arabic) });
    } else if (digit !== undefined) {
      const value = DIGIT_VALUES[digit] ?? 0;
      tokens.push(value === 0 ? { kind: 'zero' } : { kind: 'number', value, singleDigit: true });
    } else if (unit !== undefined) {
      const small = SMALL_UNITS[unit];
      tokens.push(
        small !== undefined
          ? { kind: 'small', value: small }
          : { kind: 'large', value: LARGE_UNITS[unit] ?? 1 },
      );
    } else {
      tokens.push({ kind: 'approx' });
    }
    position += text.length;
  }
  return tokens;
}

/**
 * Reads a number written in Chinese, Arabic or a mix: `三十五` → 35, `两万三千` → 23000,
 * `两万三` → 23000 (the colloquial trailing digit counts in the next lower unit), `1.5万` →
 * 15000, `五十多万` → 500000, `二〇二六` → 2026. An approximate 余/多/来/几 after a figure keeps
 * the figure (a lower bound); a figure that starts with 几 ("几十") is vague and gives undefined,
 * as does anything that is not a number.
 */
export function parseChineseNumber(input: string): number | undefined {
  const tokens = tokenize(input);
  if (!tokens || tokens.length === 0 || tokens[0]?.kind === 'approx') return undefined;
  if (!tokens.some((token) => token.kind === 'number' || token.kind === 'small')) return undefined;

  let yi = 0; // closed by 亿
  let wan = 0; // closed by 万, below 亿
  let section = 0; // below 万
  let pending: number | undefined; // digits waiting for their unit
  let lastUnit = 0; // the unit just seen, for "两万三" / "三千五"
  let afterZero = false; // "一百零五": a digit after 零 is literal, not colloquial

  for (const [index, token] of tokens.entries()) {
    const previous = tokens[index - 1];
    const positional =
      pending !== undefined && (previous?.kind === 'number' || previous?.kind === 'zero');
    switch (token.kind) {
      case 'number': {
        // Digit strings without units ("二〇二六") are positional.
        pending = positional ? (pending ?? 0) * 10 + token.value : token.value;
        const isLast = index === tokens.length - 1 || tokens[index + 1]?.kind === 'approx';
        const followsUnit = previous?.kind === 'small' || previous?.kind === 'large';
        if (isLast && followsUnit && token.singleDigit && !afterZero && lastUnit >= 10) {
          pending = token.value * (lastUnit / 10);
        }
        break;
      }
      case 'zero':
        if (positional) pending = (pending ?? 0) * 10;
        else afterZero = true;
        break;
      case 'small':
        section += (pending ?? 1) * token.value;
        pending = undefined;
        lastUnit = token.value;
        afterZero = false;
        break;
      case 'large':
        if (token.value === LARGE_UNITS['亿']) {
          yi = (yi + wan + section + (pending ?? 0)) * token.value;
          wan = 0;
        } else {
          wan += (section + (pending ?? 0)) * token.value;
        }
        section = 0;
        pending = undefined;
        lastUnit = token.value;
        afterZero = false;
        break;
      case 'approx':
        break;
    }
  }
  const total = yi + wan + section + (pending ?? 0);
  return Number.isFinite(total) ? total : undefined;
}
