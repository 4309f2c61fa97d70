import { NUMBER_PATTERN, parseChineseNumber } from './chinese-number.js';
import { clauseBefore, normalizeText } from './order-text.js';

/** Nouns for workers; longer words first so 人员 is not read as 人. */
const WORKER_NOUNS = '农民工|务工人员|劳动者|工友|工人|员工|民工|同事|职工|人员|师傅';
/** Workers or plain 人, but not 人民币 / 人民 ("好又多人民超市"). */
const PEOPLE = `${WORKER_NOUNS}|人(?!民)`;

/**
 * "12名员工", "10余名工友", "三十多名工人", "全厂80余人", "5个人". 个 needs a noun after it
 * ("3个月" is a duration); 人民币 and 人次 are not people; "名额"/"名下" are not a headcount.
 * Groups: number, approximate marker.
 */
const NUMBER_THEN_PEOPLE = new RegExp(
  String.raw`(${NUMBER_PATTERN})([余多来几])?` +
    String.raw`(?:(?:名|位)(?:${PEOPLE}|(?![下义字称额单牌次数]))|个(?:${PEOPLE})|(?:${PEOPLE}))` +
    String.raw`(?!次)`,
  'g',
);

/** "同事5人", "工友共12名". Groups: number, approximate marker. */
const PEOPLE_THEN_NUMBER = new RegExp(
  String.raw`(?:${WORKER_NOUNS})(?:共|约|等|有)?` +
    String.raw`(${NUMBER_PATTERN})([余多来几])?(?:名|人(?!民)|位)(?!次)`,
  'g',
);

/** The caller joined by others: "其与5名工友" is six people, the caller and five. */
const CALLER_WITH_OTHERS =
  /(?:其|来电人|来电者|诉求人|反映人|本人|我|他|她)(?:和|与|及|同|跟|连同|带领|带着|以及)/;

/** A count that already includes the caller: "包括其在内共6人", "其与工友共6人". */
const INCLUSIVE_TOTAL = /共|合计|总共|在内|包括|含/;

/** "公司有员工200人" is the size of the employer, not the number of claimants. */
const HEADCOUNT = /(?:有|拥有|规模|总数|现有)[^,，。；;]{0,4}$/;

/**
 * A group of unknown size: "几十个人", "十几名工友" is explicit enough (10), but "多名工人",
 * "部分员工", "工友们" are not, and then no count beats a wrong one.
 */
const VAGUE_GROUP = new RegExp(
  String.raw`(?:几|数|若干|好几|好多|很多|许多|多|一些|部分|一批|众多|大批)(?:十|百|千)?(?:余|多)?(?:名|个|位)?(?:${PEOPLE})` +
    '|(?:工友|工人|员工|同事|职工|农民工)们|大家|等人|群体|集体(?:讨薪|上访|维权|停工|讨要)',
);

/** Counts above this are not people in one dispute (a year, an amount, an address). */
const MAX_PLAUSIBLE_WORKERS = 100_000;

interface Headcount {
  value: number;
  index: number;
  callerAdded: boolean;
  employerSize: boolean;
}

function readCount(text: string, match: RegExpExecArray): Headcount | undefined {
  const [whole, number] = match;
  const value = number === undefined ? undefined : parseChineseNumber(number);
  if (value === undefined || !Number.isInteger(value) || value < 1) return undefined;
  if (value >= MAX_PLAUSIBLE_WORKERS) return undefined;

  const context = clauseBefore(text, match.index, 24);
  const callerAdded =
    CALLER_WITH_OTHERS.test(context) &&
    !INCLUSIVE_TOTAL.test(context) &&
    !INCLUSIVE_TOTAL.test(whole);
  return {
    value: callerAdded ? value + 1 : value,
    index: match.index,
    callerAdded,
    employerSize: HEADCOUNT.test(context),
  };
}

/**
 * How many people bring the claim, the caller included: "其与5名同事" → 6, "12名员工" → 12,
 * "10余名工友" → 10 (a lower bound gives the stated figure). A group of unknown size ("几十个人",
 * "多名工人") gives undefined; a text that speaks only of the caller gives 1.
 *
 * When several counts appear, a count that joins the caller with others wins (it is the claim
 * group by construction), then the first count that is not the employer's size.
 */
export function extractWorkerCount(text: string): number | undefined {
  const normalized = normalizeText(text);
  const counts: Headcount[] = [];
  for (const pattern of [NUMBER_THEN_PEOPLE, PEOPLE_THEN_NUMBER]) {
    for (const match of normalized.matchAll(pattern)) {
      const count = readCount(normalized, match);
      if (count) counts.push(count);
    }
  }
  counts.sort((a, b) => a.index - b.index);

  const chosen =
    counts.find((count) => count.callerAdded) ??
    counts.find((count) => !count.employerSize) ??
    counts[0];
  if (chosen) return chosen.value;
  return VAGUE_GROUP.test(normalized) ? undefined : 1;
}
