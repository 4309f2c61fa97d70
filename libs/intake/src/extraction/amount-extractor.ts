import { NUMBER_PATTERN, parseChineseNumber } from './chinese-number.js';
import { clauseBefore, normalizeText } from './order-text.js';

/**
 * A figure is money when it carries a currency sign or unit. "3个月", "2026年", "45岁", "273号",
 * "50%", phone, ID and order numbers never do, so they never become amounts.
 * Groups: sign, number, approximate marker (余/多/来), unit.
 */
const MONEY = new RegExp(
  String.raw`([¥￥]|人民币|RMB)?\s*(${NUMBER_PATTERN})([余多来])?\s*(元|块钱|块|圆|RMB)?`,
  'g',
);

/** Chat shorthand for 万 and 千 ("欠薪2.5w", "3k"), read as the characters they stand for. */
const SHORTHAND_UNIT = /(\d(?:\.\d+)?)([wWkK])(?![a-zA-Z])/g;

/** Words that say a figure is the total owed; the strongest signal when several figures appear. */
const TOTAL_CUE = /共计|合计|总计|累计|总共|一共|共|总额|总金额|总数/;

/** Words that say a figure is money owed or claimed (arrears, compensation, unpaid costs). */
const OWED_CUE =
  /拖欠|欠|未付|未支付|未发|没发|未结|没结|克扣|扣发|讨要|追讨|索要|补偿|赔偿|赔付|费|工资|薪|工钱|报酬|提成|奖金|补助|津贴|补贴|违约金|差额|拒绝支付|拒付/;

/** Words that make a bare 万 figure ("约6万") a sum of money rather than a headcount or area. */
const ROUND_SUM_CUE = /约|达|近|逾|超过/;

/** Money already received is history, not the claim ("已支付2000元,尚欠8000元"). */
const PAID_CUE =
  /已支付|已付|已发|已结|已给|已还|已领|已经支付|已经发|预支|借支|支付了|发了|付了|给了/;

/**
 * A wage rate is not a claim ("月工资5000元", "5000元/月", "日薪300元"), nor is a sum per person
 * ("每人2万元": the total is unknown). "5个月工资共计…" is not a rate: 月工资 right after 个 is
 * a number of months.
 */
const RATE_BEFORE =
  /(?<!个)月(?:工资|薪|收入)|每个?月|[日时年周]薪|底薪|每(?:天|日|小时|周|年|人)|人均|工价|单价|工资标准|标准[为是]/;
// "3万元一年多了" is how long the debt has run, not a yearly rate.
const RATE_AFTER = /^\s*(?:\/|每|一个?|1个?)\s*(?:月|天|日|小时|时|周|年|人|名)(?![多了来以])/;
const MONTHLY_RATE = /(?<!个)月(?:工资|薪|收入)|每个?月|^\s*(?:\/|每|一个?|1个?)\s*月/;

/** Months owed, to multiply a monthly wage when no total is given. */
const MONTHS_OWED = [
  new RegExp(String.raw`[×xX*乘]\s*(${NUMBER_PATTERN})个?月`),
  new RegExp(
    String.raw`(?:拖欠|欠|未发放?|未支付|未付|没发|没有发|没给|未结清?)[^,，。；;]{0,6}?(${NUMBER_PATTERN})个月(?![多余])`,
  ),
  new RegExp(
    String.raw`(${NUMBER_PATTERN})个月(?:的)?(?:工资|薪水|工钱)?[^,，。；;]{0,4}?(?:未发|未付|没发|没给|没有发|被拖欠|未结|拖欠)`,
  ),
];

/**
 * Above this a figure is a phone, ID or account number that happens to touch 元, not a claim:
 * even the largest collective wage arrears stay far below a billion yuan.
 */
const MAX_PLAUSIBLE_YUAN = 1e9;

/** Bare 万 figures without 元 ("拖欠工资约6万") count only when followed by no measure word. */
const MEASURE_AFTER = /^[人名个位次件台辆吨亩平米方户份条张套斤公里字]/;

interface MoneyFigure {
  value: number;
  /** 0 paid already, 1 money of unknown role, 2 owed or claimed, 3 marked as the total. */
  priority: number;
  rate?: 'monthly' | 'other';
}

/**
 * Reads one figure in its clause. `previousEnd` is where the previous money figure ended: the
 * words before that belong to it ("已支付2000元尚欠8000元": 已支付 is about 2000 only).
 */
function readFigure(
  text: string,
  match: RegExpExecArray,
  previousEnd: number,
): MoneyFigure | undefined {
  const [whole, sign, number, , unit] = match;
  if (number === undefined) return undefined;
  const value = parseChineseNumber(number);
  if (value === undefined || value <= 0 || value >= MAX_PLAUSIBLE_YUAN) return undefined;

  const start = match.index + whole.indexOf(number);
  const end = match.index + whole.length;
  const after = text.slice(end, end + 6);
  const clause = clauseBefore(text, start);
  const context = start - clause.length < previousEnd ? text.slice(previousEnd, start) : clause;
  const inLargeUnits = /[万萬亿億]/.test(number);
  const isMoney =
    sign !== undefined ||
    unit !== undefined ||
    (inLargeUnits &&
      !MEASURE_AFTER.test(after) &&
      (OWED_CUE.test(context) || TOTAL_CUE.test(context) || ROUND_SUM_CUE.test(context)));
  if (!isMoney) return undefined;

  // Only the words after the last total cue decide the role: "共计拖欠工资" is still a total.
  const totalAt = context.search(TOTAL_CUE);
  const tail = totalAt >= 0 ? context.slice(totalAt) : context;
  if (RATE_BEFORE.test(tail) || RATE_AFTER.test(after)) {
    const monthly = MONTHLY_RATE.test(tail) || MONTHLY_RATE.test(after);
    return { value, priority: 0, rate: monthly ? 'monthly' : 'other' };
  }
  if (PAID_CUE.test(tail)) return { value, priority: 0 };
  if (totalAt >= 0) return { value, priority: 3 };
  return { value, priority: OWED_CUE.test(context) ? 2 : 1 };
}

function monthsOwed(text: string): number | undefined {
  for (const pattern of MONTHS_OWED) {
    const number = pattern.exec(text)?.[1];
    const months = number === undefined ? undefined : parseChineseNumber(number);
    if (months !== undefined && Number.isInteger(months) && months > 0) return months;
  }
  return undefined;
}

function formatYuan(value: number): string {
  return (Math.round(value * 100) / 100).toFixed(2);
}

/**
 * The amount claimed, as decimal yuan with two decimals ("30000.00"), or undefined.
 *
 * When several figures appear, the one marked as the total (共计/合计/总计/累计/共) wins, then
 * the largest one about money owed, then the largest other money; money already paid and wage
 * rates are never the claim. A monthly wage with an explicit count of unpaid months and no total
 * ("月工资5000元,拖欠5个月", "5000元/月×5个月") gives the product, because that is the sum the
 * worker is asking for; a bare monthly wage gives undefined, since it says what the job paid,
 * not what is owed. Lower bounds ("3万余元") give the stated figure.
 */
export function extractAmount(text: string): string | undefined {
  const normalized = normalizeText(text).replace(
    SHORTHAND_UNIT,
    (_, figure: string, unit: string) => figure + (/w/i.test(unit) ? '万' : '千'),
  );
  const figures: MoneyFigure[] = [];
  let previousEnd = 0;
  for (const match of normalized.matchAll(MONEY)) {
    const figure = readFigure(normalized, match, previousEnd);
    if (figure) {
      figures.push(figure);
      previousEnd = match.index + match[0].length;
    }
  }

  const claims = figures.filter((figure) => figure.priority > 0);
  if (claims.length > 0) {
    const best = claims.reduce((a, b) =>
      b.priority > a.priority || (b.priority === a.priority && b.value > a.value) ? b : a,
    );
    return formatYuan(best.value);
  }

  const monthlyRates = new Set(
    figures.filter((figure) => figure.rate === 'monthly').map((figure) => figure.value),
  );
  const months = monthsOwed(normalized);
  if (monthlyRates.size === 1 && months !== undefined) {
    const [rate] = monthlyRates;
    return rate === undefined ? undefined : formatYuan(rate * months);
  }
  return undefined;
}
