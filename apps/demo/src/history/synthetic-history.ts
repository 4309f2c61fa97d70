import type { DisputeCategory } from '@heqi/core';
import { type Random, seededRandom } from './seeded-random.js';

/**
 * A year of closed cases shaped like the published figures (design.md): one town with about
 * 673 hotline cases, about 98% settled and about ¥8.17M involved; the other towns smaller and
 * less successful. Pure: the same network, clock and seed give the same history, so the demo
 * and its test agree on every figure.
 */

export type Outcome =
  | 'settled'
  | 'failed'
  | 'withdrawn'
  | 'rejected'
  | 'referred_arbitration'
  | 'referred_litigation'
  | 'referred_inspection';

export type FeedbackResult = 'satisfied' | 'basically_satisfied' | 'unsatisfied';

/** The part of the loaded network the generator places cases in. */
export interface HistoryNetwork {
  /** Units below the district, with the mediators that sit on them. */
  towns: {
    ref: string;
    name: string;
    villages: { ref: string; name: string }[];
    enterprises: { ref: string; name: string; creditCode: string; villageRef: string }[];
  }[];
  /** Mediator refs by the unit ref they sit on. */
  mediatorsByUnit: Record<string, string[]>;
  /** District-level volunteer lawyers (co-mediators of collective cases). */
  lawyers: string[];
}

/** How one town's year should come out. */
export interface TownProfile {
  townRef: string;
  hotlineCases: number;
  walkInCases: number;
  /** settled / (settled + failed + referred). */
  settlementRate: number;
  /** Sum of amounts claimed over the town's cases, yuan. */
  amountInvolved: number;
}

export interface HistoricInstalment {
  no: number;
  dueDate: string;
  /** Yuan, 2 decimals. */
  amount: string;
  /** Paid in full on this date, or partly / not at all (a default). */
  paidAt: Date | null;
  paid: string;
}

export interface HistoricCase {
  seq: number;
  channel: 'hotline' | 'walk_in';
  orderNo: string | null;
  category: DisputeCategory;
  title: string;
  description: string;
  townRef: string;
  /** Where it was handled: the village (or the town for collective and unplaced cases). */
  unitRef: string;
  mediatorRef: string;
  coMediatorRef: string | null;
  employer: { name: string; creditCode: string | null; unitRef: string | null };
  claimant: { name: string; phone: string; idNumber: string };
  workerCount: number;
  collective: boolean;
  amountClaimed: string;
  receivedAt: Date;
  acceptedAt: Date;
  firstContactAt: Date;
  sessions: { heldAt: Date; mode: 'in_person' | 'phone' | 'video'; notes: string }[];
  closedAt: Date;
  outcome: Outcome;
  reason: string | null;
  handlingSummary: string;
  agreement: {
    terms: string;
    amountAgreed: string;
    signedAt: Date;
    instalments: HistoricInstalment[];
  } | null;
  /** 回访, hotline cases only; an unsatisfied one reopened the case, which closed again later. */
  feedback: { result: FeedbackResult; visitedAt: Date }[];
  reopened: boolean;
}

const DAY_MS = 24 * 3600 * 1000;

/** Shares of the contract's categories in labour-dispute hotline work (wage arrears dominate). */
const CATEGORY_SHARES: [DisputeCategory, number][] = [
  ['wages' as DisputeCategory, 0.55],
  ['contract' as DisputeCategory, 0.12],
  ['dismissal' as DisputeCategory, 0.08],
  ['social_insurance' as DisputeCategory, 0.08],
  ['work_injury' as DisputeCategory, 0.07],
  ['labor_relation' as DisputeCategory, 0.04],
  ['working_time' as DisputeCategory, 0.03],
  ['welfare' as DisputeCategory, 0.02],
  ['other' as DisputeCategory, 0.01],
];

const CATEGORY_STORY: Record<string, [string, string]> = {
  wages: ['拖欠工资', '该公司拖欠其{m}个月工资共计{a}元，多次讨要未果，诉求协调尽快支付。'],
  contract: ['解除劳动合同经济补偿', '公司单方解除劳动合同未支付经济补偿{a}元，诉求依法支付。'],
  dismissal: ['违法辞退', '其被公司口头辞退，公司拒绝支付赔偿金{a}元，诉求维护合法权益。'],
  social_insurance: ['未缴纳社会保险', '公司入职以来未为其缴纳社会保险，诉求补缴并赔偿损失{a}元。'],
  work_injury: ['工伤待遇', '其在工作中受伤已认定工伤，公司未支付停工留薪期工资及医疗费{a}元。'],
  labor_relation: ['确认劳动关系', '公司否认与其存在劳动关系，拒付工资{a}元，诉求确认劳动关系。'],
  working_time: ['加班费', '公司长期安排加班未支付加班费{a}元，诉求协调支付。'],
  welfare: ['福利待遇', '公司克扣高温津贴等福利待遇{a}元，诉求协调发放。'],
  other: ['劳动纠纷', '与公司发生劳动纠纷，涉及金额{a}元，诉求协调处理。'],
};

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰建国志强春梅海燕';

/** Withdrawn and not-accepted shares of all closed cases; the rest are settled/failed/referred. */
const WITHDRAWN_SHARE = 0.03;
const REJECTED_SHARE = 0.01;
const FEEDBACK_SHARE = 0.85;

/**
 * Generates the closed history of the year before `now`, oldest first. Each case closes at
 * least a week before `now`, so nothing generated is still running.
 */
export function syntheticHistory(
  network: HistoryNetwork,
  profiles: readonly TownProfile[],
  now: Date,
  seed = 20261123,
): HistoricCase[] {
  const rnd = seededRandom(seed);
  const cases: Omit<HistoricCase, 'seq'>[] = [];
  for (const profile of profiles) {
    const town = network.towns.find((t) => t.ref === profile.townRef);
    if (!town) throw new Error(`demo profile names an unknown town: ${profile.townRef}`);
    const drafts = [
      ...Array.from({ length: profile.hotlineCases }, () => 'hotline' as const),
      ...Array.from({ length: profile.walkInCases }, () => 'walk_in' as const),
    ].map((channel) => draftCase(rnd, network, town, channel, now));
    scaleAmounts(drafts, profile.amountInvolved);
    assignOutcomes(rnd, drafts, profile.settlementRate);
    for (const draft of drafts) cases.push(finishCase(rnd, draft, now));
  }
  cases.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
  return cases.map((c, i) => ({ ...c, seq: i + 1 }));
}

type Draft = Omit<
  HistoricCase,
  'seq' | 'outcome' | 'reason' | 'handlingSummary' | 'agreement' | 'feedback' | 'reopened'
> & { outcome?: Outcome; amountFen: number };

function draftCase(
  rnd: Random,
  network: HistoryNetwork,
  town: HistoryNetwork['towns'][number],
  channel: 'hotline' | 'walk_in',
  now: Date,
): Draft {
  const category = pickWeighted(rnd, CATEGORY_SHARES);
  const collective = category === 'wages' && rnd() < 0.06;
  const workerCount = collective
    ? 10 + Math.floor(rnd() * 30)
    : rnd() < 0.15
      ? 2 + Math.floor(rnd() * 5)
      : 1;
  const enterprise = town.enterprises.length && rnd() < 0.7 ? pick(rnd, town.enterprises) : null;
  const village = enterprise
    ? (town.villages.find((v) => v.ref === enterprise.villageRef) ?? pick(rnd, town.villages))
    : pick(rnd, town.villages);
  const unitRef = collective || rnd() < 0.35 ? town.ref : village.ref;
  const mediatorRef = pick(
    rnd,
    network.mediatorsByUnit[unitRef] ?? network.mediatorsByUnit[town.ref]!,
  );
  const employerName =
    enterprise?.name ??
    `${town.name}${pick(rnd, ['宏发', '兴盛', '众联', '安达', '利民'])}${pick(rnd, ['餐饮店', '装饰工程部', '物业服务部', '建筑劳务队', '电子厂'])}`;

  // Received in the last year, more in the weeks before Spring Festival (wage arrears peak).
  const ageDays = 8 + Math.floor(peakedAge(rnd) * 357);
  const receivedAt = new Date(now.getTime() - ageDays * DAY_MS - Math.floor(rnd() * 8) * 3600_000);
  const acceptedAt = new Date(receivedAt.getTime() + (1 + rnd() * 5) * 3600_000);
  const firstContactAt = new Date(
    acceptedAt.getTime() + (rnd() < 0.95 ? rnd() * 0.8 : 1.2 + rnd()) * DAY_MS,
  );
  const closeDays = Math.min(ageDays - 7, 2 + Math.floor(rnd() * (rnd() < 0.9 ? 14 : 40)));
  const closedAt = new Date(receivedAt.getTime() + Math.max(1, closeDays) * DAY_MS + 5 * 3600_000);
  const sessionCount = 1 + Math.floor(rnd() * 3);
  const sessions = Array.from({ length: sessionCount }, (_, i) => ({
    heldAt: new Date(
      firstContactAt.getTime() +
        ((closedAt.getTime() - firstContactAt.getTime()) * (i + 1)) / (sessionCount + 1),
    ),
    mode: pick(rnd, ['in_person', 'in_person', 'phone', 'video'] as const),
    notes: i === 0 ? '听取双方陈述，核对工资发放记录与考勤。' : '组织双方面对面协商，释法明理。',
  }));

  const baseFen = collective
    ? 100_000_00 + rnd() * 400_000_00
    : 3_000_00 + rnd() * rnd() * 57_000_00;
  const name = personName(rnd);
  const [label] = CATEGORY_STORY[category]!;
  return {
    channel,
    orderNo: null,
    category,
    title: `关于${employerName}${label}的诉求`,
    description: '',
    townRef: town.ref,
    unitRef,
    mediatorRef,
    coMediatorRef: collective ? pick(rnd, network.lawyers) : null,
    employer: {
      name: employerName,
      creditCode: enterprise?.creditCode ?? null,
      unitRef: enterprise?.ref ?? null,
    },
    claimant: { name, phone: demoMobile(rnd), idNumber: demoIdNumber(rnd) },
    workerCount,
    collective,
    amountClaimed: '0.00',
    amountFen: Math.round(baseFen),
    receivedAt,
    acceptedAt,
    firstContactAt,
    sessions,
    closedAt,
  };
}

/** Scales one town's claims so their sum is `total` yuan (to the hundred), keeping the shape. */
function scaleAmounts(drafts: Draft[], total: number): void {
  const sum = drafts.reduce((s, d) => s + d.amountFen, 0);
  for (const d of drafts)
    d.amountFen = Math.max(100_00, Math.round((d.amountFen * total) / sum / 100) * 100_00);
  // Put the rounding remainder on the largest claim so the total is exact.
  const rest = total * 100 - drafts.reduce((s, d) => s + d.amountFen, 0);
  const largest = drafts.reduce((a, b) => (b.amountFen > a.amountFen ? b : a));
  largest.amountFen += rest;
  for (const d of drafts) d.amountClaimed = fenText(d.amountFen);
}

/** Deals outcomes so the town's settlement rate comes out at `rate` (to one case). */
function assignOutcomes(rnd: Random, drafts: Draft[], rate: number): void {
  const order = shuffle(rnd, drafts.slice());
  const withdrawn = Math.round(order.length * WITHDRAWN_SHARE);
  const rejected = Math.round(order.length * REJECTED_SHARE);
  const counted = order.length - withdrawn - rejected;
  const settled = Math.round(counted * rate);
  const failed = Math.round((counted - settled) / 2);
  order.forEach((d, i) => {
    if (i < withdrawn) d.outcome = 'withdrawn';
    else if (i < withdrawn + rejected) d.outcome = 'rejected';
    else if (i < withdrawn + rejected + settled) d.outcome = 'settled';
    else if (i < withdrawn + rejected + settled + failed) d.outcome = 'failed';
    else
      d.outcome = pick(rnd, [
        'referred_arbitration',
        'referred_arbitration',
        'referred_litigation',
        'referred_inspection',
      ] as const);
  });
}

function finishCase(rnd: Random, draft: Draft, now: Date): Omit<HistoricCase, 'seq'> {
  const { amountFen, outcome = 'settled', ...rest } = draft;
  const months = 1 + Math.floor(rnd() * 6);
  const [, story] = CATEGORY_STORY[draft.category]!;
  const who = draft.collective ? `其与${draft.workerCount - 1}余名工友` : '来电人';
  const description = `${who}反映在${draft.employer.name}工作，${story
    .replace('{m}', String(months))
    .replace('{a}', fenText(amountFen).replace(/\.00$/, ''))}`;

  let agreement: HistoricCase['agreement'] = null;
  if (outcome === 'settled') {
    const agreedFen = Math.round((amountFen * (0.7 + rnd() * 0.3)) / 100) * 100;
    const parts = rnd() < 0.7 ? 1 : 2 + Math.floor(rnd() * 2);
    const each = Math.floor(agreedFen / parts / 100) * 100;
    const instalments: HistoricInstalment[] = Array.from({ length: parts }, (_, i) => {
      const fen = i === parts - 1 ? agreedFen - each * (parts - 1) : each;
      const due = new Date(draft.closedAt.getTime() + (7 + 30 * i) * DAY_MS);
      const isDue = due.getTime() < now.getTime();
      // About 4% of due instalments go unpaid or half paid: the 支付令 path in the demo.
      const defaulted = isDue && rnd() < 0.04;
      const paidFen = !isDue
        ? 0
        : defaulted
          ? rnd() < 0.5
            ? 0
            : Math.round(fen / 200) * 100
          : fen;
      return {
        no: i + 1,
        dueDate: shanghaiDate(due),
        amount: fenText(fen),
        paidAt: paidFen > 0 ? new Date(due.getTime() - Math.floor(rnd() * 6) * DAY_MS) : null,
        paid: fenText(paidFen),
      };
    });
    agreement = {
      terms: `被申请人${draft.employer.name}同意支付申请人${draft.claimant.name}${fenText(agreedFen)}元，${parts > 1 ? `分${parts}期` : '一次性'}付清；双方就本争议再无其他纠纷。`,
      amountAgreed: fenText(agreedFen),
      signedAt: draft.closedAt,
      instalments,
    };
  }

  const hotline = draft.channel === 'hotline';
  const feedback: HistoricCase['feedback'] = [];
  let reopened = false;
  if (hotline && rnd() < FEEDBACK_SHARE) {
    const roll = rnd();
    const result: FeedbackResult =
      outcome === 'settled'
        ? roll < 0.85
          ? 'satisfied'
          : roll < 0.98
            ? 'basically_satisfied'
            : 'unsatisfied'
        : roll < 0.4
          ? 'satisfied'
          : roll < 0.8
            ? 'basically_satisfied'
            : 'unsatisfied';
    feedback.push({ result, visitedAt: new Date(draft.closedAt.getTime() + 2 * DAY_MS) });
    // 重办: reopened, handled again, closed again and visited again — satisfied this time.
    if (result === 'unsatisfied' && draft.closedAt.getTime() + 10 * DAY_MS < now.getTime()) {
      reopened = true;
      feedback.push({
        result: 'basically_satisfied',
        visitedAt: new Date(draft.closedAt.getTime() + 9 * DAY_MS),
      });
    }
  }

  return {
    ...rest,
    orderNo: null,
    description,
    outcome,
    reason: REASONS[outcome] ?? null,
    handlingSummary: SUMMARIES[outcome],
    agreement,
    feedback,
    reopened,
    closedAt: reopened ? new Date(draft.closedAt.getTime() + 7 * DAY_MS) : draft.closedAt,
  };
}

const REASONS: Partial<Record<Outcome, string>> = {
  failed: '双方对补偿金额分歧较大，经多次调解未能达成一致。',
  withdrawn: '申请人与用人单位自行和解，申请撤回。',
  rejected: '不属于劳动争议调解受理范围。',
  referred_arbitration: '调解不成，引导申请人向劳动人事争议仲裁委员会申请仲裁。',
  referred_litigation: '涉及工伤赔偿争议，引导当事人向人民法院起诉。',
  referred_inspection: '用人单位存在拖欠工资违法行为，移送劳动保障监察大队处理。',
};

const SUMMARIES: Record<Outcome, string> = {
  settled: '调解员及时联系双方，核实工资与考勤情况，组织调解，双方自愿达成调解协议。',
  failed: '调解员多次组织双方协商，因分歧较大调解未成功，已告知申请人仲裁途径。',
  withdrawn: '受理后双方自行协商解决，申请人撤回调解申请。',
  rejected: '经审查，该事项不属于劳动争议调解受理范围，已告知当事人处理途径。',
  referred_arbitration: '调解未成功，已出具调解终结书并引导申请人申请劳动仲裁。',
  referred_litigation: '调解未成功，已引导当事人通过诉讼途径解决。',
  referred_inspection: '已将用人单位违法线索移送劳动保障监察部门依法处理。',
};

/** Age in [0, 1) of a year, denser around the weeks before Spring Festival (Feb 2026). */
function peakedAge(rnd: Random): number {
  if (rnd() < 0.25) return Math.min(0.99, Math.max(0, 0.77 + (rnd() - 0.5) * 0.14));
  return rnd();
}

function pickWeighted<T>(rnd: Random, shares: [T, number][]): T {
  let roll = rnd();
  for (const [value, share] of shares) {
    if ((roll -= share) < 0) return value;
  }
  return shares[shares.length - 1]![0];
}

function pick<T>(rnd: Random, items: readonly T[]): T {
  return items[Math.floor(rnd() * items.length)]!;
}

function shuffle<T>(rnd: Random, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

function personName(rnd: Random): string {
  return (
    pick(rnd, [...SURNAMES]) + pick(rnd, [...GIVEN]) + (rnd() < 0.5 ? pick(rnd, [...GIVEN]) : '')
  );
}

/** A mobile in the 199 range with a fixed 0000 middle: obviously not a real subscriber. */
function demoMobile(rnd: Random): string {
  return `1990000${String(Math.floor(rnd() * 10_000)).padStart(4, '0')}`;
}

/** A GB 11643 number with a valid check digit, born 1965–2003, in the 321012 (demo) area. */
export function demoIdNumber(rnd: Random): string {
  const year = 1965 + Math.floor(rnd() * 39);
  const month = 1 + Math.floor(rnd() * 12);
  const day = 1 + Math.floor(rnd() * 28);
  const body = `321012${year}${pad2(month)}${pad2(day)}${String(Math.floor(rnd() * 1000)).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, ch, i) => s + Number(ch) * weights[i]!, 0);
  return body + '10X98765432'[sum % 11]!;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

export function fenText(fen: number): string {
  return (fen / 100).toFixed(2);
}

/** The calendar date in Asia/Shanghai (UTC+8, no DST). */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
