import { normalizeText } from './order-text.js';

/**
 * Words that end an employer's name, longest first. Registered entities (公司, 集团) rank above
 * shops, sites and factories because routing matches them against the credit-code register.
 * 厂长/店员/工地上 and the like are people or places, not names, hence the lookaheads.
 */
const SUFFIX =
  /股份有限公司|有限责任公司|有限公司|分公司|公司|集团|项目部|工地(?!上)|分厂|工厂|厂(?![长区房方里内外家矿])|大酒店|酒店|饭店|宾馆|餐厅|餐馆|饭馆|超市|商场|商行|门市部|经营部|分店|门店|店(?![长员里铺面主家内])|馆(?![长员里内])|合作社|工作室|事务所|幼儿园|学校|医院|诊所|养殖场|农场/g;

const REGISTERED = /(?:公司|集团)$/;

/** Suffixes that continue a name already ended ("…集团有限公司", "…有限公司南湖分公司"). */
const CONTINUATION = /^(?:股份有限公司|有限责任公司|有限公司|分公司|公司|分厂|分店|门店)$/;
const BRANCH = /^(?:分公司|分厂|分店|门店)$/;
/** What may stand between a parent and its branch: a short place name, no verbs or markers. */
const BRANCH_GAP = /^[\u4e00-\u9fa5()（）]{1,8}$/;

/**
 * Where a name cannot start inside a clause: the last of these before the suffix ends the
 * lead-in ("来电人反映其在", "关于", "入职", "的"). Single characters that also begin common
 * trade names are guarded: 在线, 于记, 到家, 为民, 向阳, 从事, 系统.
 */
const LEAD_IN =
  /来电人|(?:施工|用工|发包|承包|总包|建设|劳务)方|老板|雇主|业主|来电者|诉求人|反映人|反映|投诉|举报|关于|入职|就职|任职|供职于?|受雇于?|受聘于?|应聘到?|进入|就业于|工作于|派遣至|派遣到|派到|调至|调到|前往|工作单位(?:为|是)?|用人单位(?:为|是)?|单位(?:为|是)?|名称(?:为|是)?|表示|称|系(?!统|列)|在(?!线)|于(?![记氏])|到(?!家)|为(?!民)|向(?!阳)|从(?!事)|被|给|去|由|是|的|了|其|我|他|她/g;

/** Clause breaks for names: punctuation and quotes, but not brackets, which names may hold. */
const NAME_BREAK = /[,，。；;！!？?\n\r、：:“”"‘’'「」《》【】]/;

/** A date or figure left in front of a name: "2025年3月扬州…" → "扬州…". */
const LEADING_DATE = /^(?:\d{2,4}年)?(?:\d{1,2}月)?(?:\d{1,2}[日号])?(?:至今|以来|起|开始)?/;

/** Determiners and stand-ins: "该公司", "一家公司", "这家厂" name nobody. */
const NOT_A_NAME_START = /^(?:该|此|这|那|一家|一个|上述|涉事|对方|所在|贵|其他|别的)/;

/** After a suffix, words that make it talk about a name rather than end one. */
const ABOUT_THE_NAME = /^(?:名|地址|址|门口)/;

/** Redacted or unknown names ("某工厂", "扬州某某科技", "XX公司") cannot be routed on. */
const PLACEHOLDER = /某|[X×＊*]{2,}/i;

/** Industry words alone ("物流公司", "劳务公司") say what kind of employer, not which. */
const GENERIC_BODY =
  /^(?:总|分|子|母|大|小|私人|个体|用人|劳务|劳务派遣|派遣|物流|快递|建筑|建设|工程|装修|装饰|物业|保安|保洁|家政|外卖|中介|科技|网络|贸易|服装|电子|机械|餐饮|食品|加工|五金|纺织|汽车|外包|小吃|快餐|早餐|饭|面|水果|蔬菜|理发|美发|美容|便利|烟酒|蛋糕|面包|奶茶|烧烤|火锅|洗车|修车|汽修|服装加工|私营|个人|镇上|村里|附近)$/;

/** Words of the complaint, not of a name: their presence means the lead-in was not found. */
const COMPLAINT_WORDS =
  /不知|不详|不清楚|具体|拖欠|工资|要求|请求|诉求|协调|处理|反映|投诉|支付|讨要|没有|部门|多次|希望|社保|合同|\d+[年月个元]/;

const MAX_BODY_LENGTH = 40;

/** Cuts the lead-in off the words before a suffix, leaving what can be the name's body. */
function bodyBefore(prefix: string): string | undefined {
  let start = 0;
  for (const match of prefix.matchAll(LEAD_IN)) start = match.index + match[0].length;
  let body = prefix.slice(start).replace(LEADING_DATE, '').trim();
  // An opening bracket with no closing one is the speaker's aside, not part of the name.
  const open = Math.max(body.lastIndexOf('('), body.lastIndexOf('（'));
  if (open >= 0 && !/[)）]/.test(body.slice(open))) body = body.slice(open + 1);
  if (body.length < 2 || body.length > MAX_BODY_LENGTH) return undefined;
  if (
    NOT_A_NAME_START.test(body) ||
    PLACEHOLDER.test(body) ||
    GENERIC_BODY.test(body) ||
    COMPLAINT_WORDS.test(body)
  ) {
    return undefined;
  }
  return body;
}

/** LEAD_IN without the global flag, for a stateless yes/no test. */
const HAS_LEAD_IN = new RegExp(LEAD_IN.source);

function isBranchGap(gap: string): boolean {
  return BRANCH_GAP.test(gap) && !HAS_LEAD_IN.test(gap);
}

/** Names in one clause, in reading order. */
function namesIn(clause: string): string[] {
  const found: { name: string; end: number }[] = [];
  for (const match of clause.matchAll(SUFFIX)) {
    const suffix = match[0];
    const end = match.index + suffix.length;
    // "厂名不详", "公司地址在…": the word is about a name, not one.
    if (ABOUT_THE_NAME.test(clause.slice(end))) continue;
    const previous = found[found.length - 1];
    const gap = previous ? clause.slice(previous.end, match.index) : undefined;
    // "扬州建工集团" + "有限公司" is one name; so is "…有限公司南湖分公司", a branch written
    // right after its parent.
    const continues =
      previous !== undefined &&
      CONTINUATION.test(suffix) &&
      (gap === '' || (BRANCH.test(suffix) && isBranchGap(gap ?? '')));
    if (previous && continues) {
      previous.name += gap + suffix;
      previous.end = end;
      continue;
    }
    const body = bodyBefore(clause.slice(0, match.index));
    if (body !== undefined) found.push({ name: body + suffix, end });
  }
  return found.map((candidate) => candidate.name);
}

/**
 * The employer's name as written ("扬州瑞丰五金制造有限公司", "好又多超市"), or undefined when no
 * clause names one. A name is the words before a suffix such as 有限公司/厂/店/超市/酒店/工地/
 * 项目部, after cutting the lead-in ("来电人反映其在", "关于", "入职"). Registered companies win
 * over shops and sites named in the same text; otherwise the first name in reading order wins.
 */
export function extractEmployerName(text: string): string | undefined {
  const names = normalizeText(text).split(NAME_BREAK).flatMap(namesIn);
  return names.find((name) => REGISTERED.test(name)) ?? names[0];
}
