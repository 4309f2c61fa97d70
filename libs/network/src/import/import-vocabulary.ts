import { DISPUTE_CATEGORY_LABELS, DisputeCategory } from '@heqi/core';
import { MEDIATOR_KIND_LABELS, MediatorKind } from '../mediator-kind.enum.js';
import { ORG_UNIT_LEVEL_LABELS, OrgUnitLevel } from '../org-unit-level.enum.js';

/** The columns an import file may have; each row uses those of its type. */
export enum ImportColumn {
  Type = 'type',
  Name = 'name',
  Level = 'level',
  Parent = 'parent',
  Code = 'code',
  CreditCode = 'creditCode',
  Address = 'address',
  Phone = 'phone',
  Kind = 'kind',
  Unit = 'unit',
  Skills = 'skills',
  Capacity = 'capacity',
  LawFirm = 'lawFirm',
}

/** What a row creates. */
export enum ImportRowType {
  Unit = 'unit',
  Mediator = 'mediator',
}

/** The header each column is documented under (and reported with). */
export const COLUMN_HEADERS: Record<ImportColumn, string> = {
  [ImportColumn.Type]: '类型',
  [ImportColumn.Name]: '名称',
  [ImportColumn.Level]: '层级',
  [ImportColumn.Parent]: '上级',
  [ImportColumn.Code]: '编码',
  [ImportColumn.CreditCode]: '统一社会信用代码',
  [ImportColumn.Address]: '地址',
  [ImportColumn.Phone]: '手机',
  [ImportColumn.Kind]: '类别',
  [ImportColumn.Unit]: '所属单位',
  [ImportColumn.Skills]: '擅长',
  [ImportColumn.Capacity]: '容量',
  [ImportColumn.LawFirm]: '律所',
};

/**
 * Spellings accepted for each header besides the documented one and the English field name:
 * spreadsheets kept by people drift ("手机号码", "律师事务所", "姓名" on a mediator sheet).
 */
const HEADER_ALIASES: Record<ImportColumn, string[]> = {
  [ImportColumn.Type]: ['行类型', '记录类型'],
  [ImportColumn.Name]: ['姓名', '单位名称', '调解员姓名'],
  [ImportColumn.Level]: ['级别', '单位层级'],
  [ImportColumn.Parent]: ['上级单位', '所属上级'],
  [ImportColumn.Code]: ['单位编码', '代码'],
  [ImportColumn.CreditCode]: ['信用代码', '社会信用代码'],
  [ImportColumn.Address]: ['单位地址'],
  [ImportColumn.Phone]: ['手机号', '手机号码', '联系电话', '电话'],
  [ImportColumn.Kind]: ['调解员类别', '调解员类型'],
  [ImportColumn.Unit]: ['所在单位', '所属组织', '调解组织'],
  [ImportColumn.Skills]: ['擅长类别', '擅长领域', '业务类别'],
  [ImportColumn.Capacity]: ['最大案件数', '承办上限'],
  [ImportColumn.LawFirm]: ['律师事务所', '所在律所'],
};

/**
 * Folds what people type differently into one form: full-width letters and brackets (NFKC),
 * spaces, a required-field star, and a hint in brackets ("层级（区/镇/村/企业）").
 */
export function foldLabel(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\(.*?\)|\[.*?\]|【.*?】/g, '')
    .replace(/[\s*＊]/g, '')
    .toLowerCase();
}

function table<T>(entries: [T, string[]][]): Map<string, T> {
  const map = new Map<string, T>();
  for (const [value, words] of entries) {
    for (const word of words) map.set(foldLabel(word), value);
  }
  return map;
}

const HEADERS = table(
  Object.values(ImportColumn).map((c) => [c, [c, COLUMN_HEADERS[c], ...HEADER_ALIASES[c]]]),
);

const ROW_TYPES = table([
  [ImportRowType.Unit, ['unit', 'org_unit', '单位', '组织', '组织单位', '网格单位']],
  [ImportRowType.Mediator, ['mediator', '调解员', '人员']],
]);

const LEVELS = table<OrgUnitLevel>([
  [OrgUnitLevel.District, ['区', '县', '区县', '区/县', '市辖区', '县级市']],
  [OrgUnitLevel.Town, ['镇', '街道', '乡', '镇街', '乡镇', '镇/街道', '乡镇街道']],
  [OrgUnitLevel.Village, ['村', '社区', '村居', '村/社区', '村社区', '居委会', '村委会']],
  [OrgUnitLevel.Enterprise, ['企业', '公司', '单位企业']],
  ...Object.values(OrgUnitLevel).map((l): [OrgUnitLevel, string[]] => [
    l,
    [l, ORG_UNIT_LEVEL_LABELS[l]],
  ]),
]);

const KINDS = table<MediatorKind>([
  [MediatorKind.UnionStaff, ['工会专职', '工会专职调解员', '专职调解员', '工会调解员', '专职']],
  [
    MediatorKind.VillageMediator,
    ['村调解员', '社区调解员', '村居调解员', '村(社区)调解员', '村级调解员'],
  ],
  [MediatorKind.EnterpriseMediator, ['企业调解员', '企业调解委员会', '企业调委会调解员']],
  [MediatorKind.VolunteerLawyer, ['志愿律师', '律师', '律师调解员', '法律援助志愿者']],
  ...Object.values(MediatorKind).map((k): [MediatorKind, string[]] => [
    k,
    [k, MEDIATOR_KIND_LABELS[k]],
  ]),
]);

/** The contract's category list with its own words ("Dispute categories") and common ones. */
const CATEGORIES = table<DisputeCategory>([
  [DisputeCategory.LaborRelation, ['确认劳动关系', '劳动关系']],
  [DisputeCategory.Contract, ['劳动合同', '合同', '经济补偿', '解除合同', '终止合同']],
  [DisputeCategory.Wages, ['劳动报酬', '欠薪', '工资', '拖欠工资', '加班费']],
  [DisputeCategory.SocialInsurance, ['社保', '社会保险']],
  [DisputeCategory.WorkInjury, ['工伤']],
  [DisputeCategory.Dismissal, ['除名', '辞退', '辞职', '除名辞退辞职', '开除']],
  [DisputeCategory.WorkingTime, ['工时', '休假', '工作时间', '休息休假', '工作时间与休息休假']],
  [DisputeCategory.Welfare, ['福利', '培训', '劳动保护', '福利培训劳动保护']],
  [DisputeCategory.Other, ['其他', '其它']],
  ...Object.values(DisputeCategory).map((c): [DisputeCategory, string[]] => [
    c,
    [c, DISPUTE_CATEGORY_LABELS[c]],
  ]),
]);

/** Words meaning "every category". */
const ALL_CATEGORIES = new Set(['全部', '所有', '全部类别', 'all'].map(foldLabel));

export const columnOfHeader = (header: string): ImportColumn | undefined =>
  HEADERS.get(foldLabel(header));

export const rowTypeOf = (text: string): ImportRowType | undefined =>
  ROW_TYPES.get(foldLabel(text));

export const levelOf = (text: string): OrgUnitLevel | undefined => LEVELS.get(foldLabel(text));

export const kindOf = (text: string): MediatorKind | undefined => KINDS.get(foldLabel(text));

/**
 * The categories of a 擅长 cell: labels or codes separated by commas (either width), 、, ; or
 * spaces; 全部 means all. Unknown words are returned apart so the row can say which.
 */
export function categoriesOf(text: string): { categories: DisputeCategory[]; unknown: string[] } {
  const words = text
    .split(/[,，、;；/\s]+/)
    .map((w) => w.trim())
    .filter(Boolean);
  if (words.length === 1 && ALL_CATEGORIES.has(foldLabel(words[0]!))) {
    return { categories: Object.values(DisputeCategory), unknown: [] };
  }
  const categories = new Set<DisputeCategory>();
  const unknown: string[] = [];
  for (const word of words) {
    const category = CATEGORIES.get(foldLabel(word));
    if (category) categories.add(category);
    else unknown.push(word);
  }
  return { categories: [...categories], unknown };
}
