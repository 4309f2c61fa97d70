import { DisputeCategory } from '@heqi/core';

import { normalizeText } from './order-text.js';

interface CategoryRule {
  category: DisputeCategory;
  pattern: RegExp;
}

/**
 * Keywords of the free text, in precedence order: when a text speaks of several things, the
 * first category listed is what the dispute is about.
 * - An injury makes every other claim (wages during leave, medical costs) a 工伤 matter.
 * - Confirming the employment relation comes before anything that depends on it (二倍工资).
 * - A dismissal (除名/辞退/辞职, per the contract's categories) outranks the wages and
 *   compensation that follow from it; "辞职后工资未结" is only the backdrop of a wage claim.
 * - Wages outrank social insurance and contract matters mentioned alongside, since unpaid pay
 *   is what most mixed complaints are about.
 * 工伤保险 contributions are social insurance, not an injury; 二倍工资 (no written contract) is
 * a contract claim and 年休假工资 a leave claim, not wages.
 */
const TEXT_RULES: readonly CategoryRule[] = [
  {
    category: DisputeCategory.WorkInjury,
    pattern:
      /工伤(?!保险)|工伤保险待遇|受伤|摔伤|砸伤|烫伤|烧伤|压伤|割伤|轧伤|夹伤|扭伤|碾伤|骨折|工亡|因工死亡|伤残|致残|职业病/,
  },
  {
    category: DisputeCategory.LaborRelation,
    pattern:
      /(?:确认|认定|存在|事实)劳动关系|劳动关系(?:的)?(?:确认|认定)|(?:不承认|否认|不认)[^,，。；;]{0,8}劳动关系/,
  },
  {
    category: DisputeCategory.Dismissal,
    pattern: /辞退|开除|除名|解雇|劝退|裁员|被裁|炒鱿鱼|被迫离职|辞职(?![后时以])/,
  },
  {
    category: DisputeCategory.Wages,
    pattern:
      /(?<![二双两]倍|年假|年休假|休假)工资|薪资|薪水|薪酬|欠薪|讨薪|工钱|劳动报酬|加班费|劳务费|人工费|提成|绩效|奖金|年终奖/,
  },
  {
    category: DisputeCategory.SocialInsurance,
    pattern:
      /社保|社会保险|养老保险|医疗保险|失业保险|生育保险|工伤保险(?!待遇)|五险|参保|补缴|断缴|保险费/,
  },
  {
    category: DisputeCategory.Contract,
    pattern:
      /劳动合同|合同|经济补偿|补偿金|赔偿金|违法解除|解除劳动关系|终止劳动关系|[二双两]倍工资|续签|违约金|试用期|竞业/,
  },
  {
    category: DisputeCategory.WorkingTime,
    pattern:
      /休假|年假|调休|休息日|休息休假|工时|工作时间|超时|强制加班|被迫加班|长期加班|不让休息|不给休息|没有休息|(?:只|仅)休息|婚假|产假|陪产假|病假|丧假|探亲假|单休|工作\d+个?多?小时/,
  },
  {
    category: DisputeCategory.Welfare,
    pattern: /福利|培训|劳动保护|防护用品|劳保|防暑降温|高温补贴|高温津贴|职业危害|安全防护|体检/,
  },
];

/** With nothing more specific, an unpaid debt in a labour complaint is unpaid pay. */
const ARREARS_FALLBACK = /拖欠|欠款|欠钱|讨要/;

/**
 * The 12345 platform's own labels ("劳动保障-拖欠工资") are a short taxonomy of their own, so
 * they get their own table. 解除/终止 come before 劳动关系: "解除劳动关系" is a contract matter.
 */
const LABEL_RULES: readonly CategoryRule[] = [
  { category: DisputeCategory.WorkInjury, pattern: /工伤(?!保险)|职业病/ },
  { category: DisputeCategory.Dismissal, pattern: /辞退|开除|除名|辞职|解雇/ },
  { category: DisputeCategory.Contract, pattern: /解除|终止|经济补偿|劳动合同|合同/ },
  { category: DisputeCategory.LaborRelation, pattern: /劳动关系/ },
  { category: DisputeCategory.SocialInsurance, pattern: /社保|社会保险|保险|养老|医保/ },
  { category: DisputeCategory.Wages, pattern: /工资|薪|劳动报酬|加班费|欠薪|讨薪/ },
  { category: DisputeCategory.WorkingTime, pattern: /休假|休息|工时|工作时间/ },
  { category: DisputeCategory.Welfare, pattern: /福利|培训|劳动保护|劳保/ },
];

/**
 * The claim, usually the last sentence ("诉求确认劳动关系并支付二倍工资"). When it names a
 * category, it narrows the text's: the body often mentions things the caller does not ask
 * about. 诉求人 is the caller, not a claim; 要求/希望 open a claim only at the start of a clause
 * ("公司每天要求工作12小时" is the employer's demand).
 */
const CLAIM_MARKER =
  /诉求(?!人)|(?<=(?:^|[,，。；;:：])\s*)(?:来电人|来电者|诉求人|市民|本人|其|我|我们)?(?:要求|请求|希望|申请)/g;

function categoriesIn(text: string, rules: readonly CategoryRule[]): DisputeCategory[] {
  return rules.filter((rule) => rule.pattern.test(text)).map((rule) => rule.category);
}

function claimSentence(content: string): string | undefined {
  let last: number | undefined;
  for (const match of content.matchAll(CLAIM_MARKER)) last = match.index;
  if (last === undefined) return undefined;
  return content.slice(last).split(/[。！!？?\n]/)[0];
}

/** Maps a 12345 label such as `劳动保障-拖欠工资` to a category, or undefined for 其他 / none. */
export function categoryFromHotlineLabel(label: string | undefined): DisputeCategory | undefined {
  if (!label) return undefined;
  return categoriesIn(normalizeText(label), LABEL_RULES)[0];
}

/**
 * The dispute category of a work order, never undefined (Other when unclear).
 *
 * The free text decides, read by keyword in the precedence of TEXT_RULES, narrowed to the claim
 * sentence when that names a category. The hotline label settles ties: when it is one of the
 * categories the text speaks of, it wins; it is used alone when the text names none. The text
 * beats a label it contradicts, because operators pick labels from a coarse menu in a hurry
 * ("解除劳动合同" for a worker who was 辞退). Compensation claimed for a dismissal (经济补偿 after
 * 辞退) belongs to the dismissal, not to the contract category.
 */
export function classifyCategory(text: string, hotlineCategory?: string): DisputeCategory {
  const normalized = normalizeText(text);
  const claim = claimSentence(normalized);
  const inClaim = claim === undefined ? [] : categoriesIn(claim, TEXT_RULES);
  let candidates = inClaim.length > 0 ? inClaim : categoriesIn(normalized, TEXT_RULES);

  const dismissed = categoriesIn(normalized, TEXT_RULES).includes(DisputeCategory.Dismissal);
  if (dismissed && candidates.includes(DisputeCategory.Contract)) {
    candidates = candidates.map((category) =>
      category === DisputeCategory.Contract ? DisputeCategory.Dismissal : category,
    );
  }

  const fromLabel = categoryFromHotlineLabel(hotlineCategory);
  if (fromLabel !== undefined && candidates.includes(fromLabel)) return fromLabel;
  const fromText = TEXT_RULES.find((rule) => candidates.includes(rule.category))?.category;
  if (fromText !== undefined) return fromText;
  if (fromLabel !== undefined) return fromLabel;
  return ARREARS_FALLBACK.test(normalized) ? DisputeCategory.Wages : DisputeCategory.Other;
}
