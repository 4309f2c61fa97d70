import { CaseOutcome } from '@heqi/cases';

/** The four fields of a 12345 reply a close form prefills (contract: outbound reply body). */
export interface HotlineReplyDraft {
  /** 已解决: only a settlement resolves the caller's demand. */
  resolved: boolean;
  /** Why not (every outcome but `settled`). */
  unresolvedReason?: string;
  /** 办理情况: what the mediation organisation did, for the platform's record. */
  handlingSummary: string;
  /** 答复内容: what the caller reads, in the polite government-reply register. */
  publicReply: string;
}

/** What the draft is written from; everything optional, the text adapts. */
export interface HotlineReplyFacts {
  /** 调解协议约定金额 (yuan, decimal string or number). */
  amountAgreed?: string | number | null;
  /** Why it failed / was not accepted / was withdrawn, as the mediator put it. */
  reason?: string | null;
  /** Where a referral went: the arbitration committee, the court, the labour inspectorate. */
  institution?: string | null;
  /** The employer named in the order. */
  employerName?: string | null;
  /** The mediation organisation (the case's unit). */
  orgUnitName?: string | null;
  /** When the agreement was signed / the case was closed. */
  closedAt?: Date | string | null;
  /** Number of instalments of the agreement (more than one: paid in instalments). */
  instalments?: number | null;
}

const DEFAULT_INSTITUTION: Partial<Record<CaseOutcome, string>> = {
  [CaseOutcome.ReferredArbitration]: '劳动人事争议仲裁委员会',
  [CaseOutcome.ReferredLitigation]: '人民法院',
  [CaseOutcome.ReferredInspection]: '劳动保障监察机构',
};

const DEFAULT_REASON: Record<Exclude<CaseOutcome, CaseOutcome.Settled>, string> = {
  [CaseOutcome.Failed]: '双方当事人分歧较大，经多次调解未能达成一致',
  [CaseOutcome.Withdrawn]: '申请人主动撤回调解申请',
  [CaseOutcome.Rejected]: '该诉求不属于劳动争议调解组织的受理范围',
  [CaseOutcome.ReferredArbitration]: '经调解未能达成协议，已引导申请人申请劳动争议仲裁',
  [CaseOutcome.ReferredLitigation]: '该争议需通过诉讼途径解决，已引导申请人向人民法院起诉',
  [CaseOutcome.ReferredInspection]: '该诉求涉及劳动保障违法行为，已移交劳动保障监察机构处理',
};

const THANKS = '感谢您对 12345 热线工作的理解与支持！';

/**
 * Prefills the 12345 reply of a case closed with `outcome` (pure: no clock, no I/O). The texts
 * follow the usual shape of a 12345 办结答复: the organisation, what was done, the result, and
 * for an unresolved demand the lawful way on (仲裁、诉讼、监察), ending with thanks. The
 * mediator edits the draft before closing; a close without a public reply sends it as is.
 */
export function draftHotlineReply(
  outcome: CaseOutcome,
  facts: HotlineReplyFacts = {},
): HotlineReplyDraft {
  const org = clean(facts.orgUnitName) ?? '工会劳动争议调解组织';
  const employer = clean(facts.employerName);
  const withEmployer = employer ? `与${employer}` : '与用人单位';
  const reason = clean(facts.reason);
  const date = chineseDate(facts.closedAt);
  const on = date ? `于${date}` : '';

  if (outcome === CaseOutcome.Settled) {
    const amount = money(facts.amountAgreed);
    const pay = amount
      ? `用人单位同意支付人民币${amount.figures}元（大写：${amount.words}）${
          (facts.instalments ?? 0) > 1 ? `，分${facts.instalments}期履行` : ''
        }`
      : '双方就争议事项达成一致';
    return {
      resolved: true,
      handlingSummary:
        `${org}受理后，承办调解员及时联系来电人核实情况，并${withEmployer}沟通协调，` +
        `组织双方调解。经调解，双方自愿${on}签订调解协议书，${pay}。调解员将跟踪协议履行情况。`,
      publicReply:
        `您好！您反映的劳动争议问题，经${org}调解，双方已${on}自愿达成调解协议，${pay}。` +
        `如用人单位未按协议约定履行，您可依法向人民法院申请支付令，或向劳动人事争议仲裁委员会申请仲裁。${THANKS}`,
    };
  }

  const why = reason ?? DEFAULT_REASON[outcome];
  switch (outcome) {
    case CaseOutcome.Failed:
      return {
        resolved: false,
        unresolvedReason: why,
        handlingSummary:
          `${org}受理后，承办调解员联系来电人核实情况，并${withEmployer}沟通，组织双方调解。` +
          `因${stripEnd(why)}，调解未能达成协议，调解程序终结。已告知来电人依法申请劳动争议仲裁的途径及时效。`,
        publicReply:
          `您好！您反映的劳动争议问题，${org}已组织双方进行调解，因${stripEnd(why)}，未能达成调解协议。` +
          `您可自知道或者应当知道权利被侵害之日起一年内，向有管辖权的劳动人事争议仲裁委员会申请仲裁。${THANKS}`,
      };
    case CaseOutcome.Withdrawn:
      return {
        resolved: false,
        unresolvedReason: why,
        handlingSummary: `${org}受理后，承办调解员联系来电人核实情况。${stripEnd(why)}，本案调解程序终结。`,
        publicReply:
          `您好！您反映的劳动争议问题，经与您沟通确认，${stripEnd(why)}，本次调解已终结。` +
          `如您今后仍需调解或帮助，可再次联系我们或拨打 12345 热线。${THANKS}`,
      };
    case CaseOutcome.Rejected:
      return {
        resolved: false,
        unresolvedReason: why,
        handlingSummary: `${org}经审查，${stripEnd(why)}，依法不予受理，并已告知来电人相关救济途径。`,
        publicReply:
          `您好！您反映的问题经审查，${stripEnd(why)}，${org}依法不予受理。` +
          `您可向有关部门反映或通过法律途径维护自身权益。${THANKS}`,
      };
    default: {
      const where = clean(facts.institution) ?? DEFAULT_INSTITUTION[outcome]!;
      const verb =
        outcome === CaseOutcome.ReferredArbitration
          ? `向${where}申请仲裁`
          : outcome === CaseOutcome.ReferredLitigation
            ? `向${where}提起诉讼`
            : `由${where}依法查处`;
      return {
        resolved: false,
        unresolvedReason: why,
        handlingSummary:
          `${org}受理后，承办调解员联系来电人核实情况，并${withEmployer}沟通。` +
          `${stripEnd(why)}。已${on}引导来电人${verb}，并提供相关材料清单和法律指引。`,
        publicReply:
          `您好！您反映的劳动争议问题，经${org}调解未能解决，根据“调裁诉”衔接机制，` +
          `已引导您${verb}。如需帮助，可联系承办调解员或拨打 12345 热线。${THANKS}`,
      };
    }
  }
}

function clean(value: string | null | undefined): string | undefined {
  const v = typeof value === 'string' ? value.trim() : '';
  return v ? v : undefined;
}

/** Drops a trailing full stop so a reason reads inside a sentence. */
function stripEnd(text: string): string {
  return text.replace(/[。.！!；;，,\s]+$/u, '');
}

/** 2026年11月23日 in Beijing time, or undefined. */
function chineseDate(value: Date | string | null | undefined): string | undefined {
  if (!value) return undefined;
  const at = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(at.getTime())) return undefined;
  const beijing = new Date(at.getTime() + 8 * 3600_000);
  return `${beijing.getUTCFullYear()}年${beijing.getUTCMonth() + 1}月${beijing.getUTCDate()}日`;
}

function money(
  value: string | number | null | undefined,
): { figures: string; words: string } | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n) || n <= 0) return undefined;
  const fen = Math.round(n * 100);
  const figures = `${Math.floor(fen / 100).toLocaleString('en-US')}.${String(fen % 100).padStart(2, '0')}`;
  return { figures, words: amountInChinese(fen) };
}

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const SMALL_UNITS = ['', '拾', '佰', '仟'];
const BIG_UNITS = ['', '万', '亿', '万亿'];

/**
 * An amount in fen as the uppercase Chinese numerals of a financial document (大写金额):
 * 3000000 fen → 叁万元整, 1234567 → 壹万贰仟叁佰肆拾伍元陆角柒分.
 */
export function amountInChinese(fen: number): string {
  if (!Number.isInteger(fen) || fen < 0) throw new RangeError(`not an amount in fen: ${fen}`);
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const cents = fen % 10;
  let text = '';
  if (yuan > 0) {
    const groups: number[] = [];
    for (let rest = yuan; rest > 0; rest = Math.floor(rest / 10_000)) groups.push(rest % 10_000);
    let pendingZero = false;
    for (let g = groups.length - 1; g >= 0; g--) {
      const group = groups[g]!;
      if (group === 0) {
        pendingZero = text !== '';
        continue;
      }
      if (text !== '' && (pendingZero || group < 1000)) text += '零';
      pendingZero = false;
      let zero = false;
      let started = false;
      for (let d = 3; d >= 0; d--) {
        const digit = Math.floor(group / 10 ** d) % 10;
        if (digit === 0) {
          zero = started;
          continue;
        }
        if (zero) text += '零';
        zero = false;
        started = true;
        text += DIGITS[digit]! + SMALL_UNITS[d]!;
      }
      text += BIG_UNITS[g]!;
    }
    text += '元';
  }
  if (jiao === 0 && cents === 0) return yuan > 0 ? `${text}整` : '零元整';
  if (jiao > 0) text += `${DIGITS[jiao]}角`;
  else if (yuan > 0) text += '零';
  if (cents > 0) text += `${DIGITS[cents]}分`;
  else text += '整';
  return text;
}
