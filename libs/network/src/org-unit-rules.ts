import { isUnifiedSocialCreditCode, type FieldProblem } from '@heqi/core';
import { ORG_UNIT_LEVEL_LABELS, OrgUnitLevel } from './org-unit-level.enum.js';

/**
 * Which levels a unit may hang under (design.md): district → town → village, and an enterprise
 * under the town or village it sits in. A district is a root.
 */
const ALLOWED_PARENTS: Record<OrgUnitLevel, readonly OrgUnitLevel[]> = {
  [OrgUnitLevel.District]: [],
  [OrgUnitLevel.Town]: [OrgUnitLevel.District],
  [OrgUnitLevel.Village]: [OrgUnitLevel.Town],
  [OrgUnitLevel.Enterprise]: [OrgUnitLevel.Town, OrgUnitLevel.Village],
};

export const UNIT_NAME_MAX = 200;
export const UNIT_CODE_MAX = 50;
export const UNIT_ADDRESS_MAX = 500;

export const isOrgUnitLevel = (value: unknown): value is OrgUnitLevel =>
  Object.values(OrgUnitLevel).includes(value as OrgUnitLevel);

/** Why a unit of `level` cannot sit under a parent of `parentLevel` (null: no parent), if not. */
export function parentLevelProblem(
  level: OrgUnitLevel,
  parentLevel: OrgUnitLevel | null,
): string | null {
  const allowed = ALLOWED_PARENTS[level];
  if (parentLevel === null) {
    return allowed.length === 0
      ? null
      : `${ORG_UNIT_LEVEL_LABELS[level]}必须有上级单位（${labels(allowed)}）`;
  }
  if (allowed.length === 0) return `${ORG_UNIT_LEVEL_LABELS[level]}是根单位，不能有上级单位`;
  return allowed.includes(parentLevel)
    ? null
    : `${ORG_UNIT_LEVEL_LABELS[level]}只能隶属于${labels(allowed)}，不能隶属于${ORG_UNIT_LEVEL_LABELS[parentLevel]}`;
}

const labels = (levels: readonly OrgUnitLevel[]) =>
  levels.map((l) => ORG_UNIT_LEVEL_LABELS[l]).join('或');

/** Trims a text; blank becomes null. */
export const cleanText = (value: string | null | undefined): string | null => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
};

/** Credit codes are printed upper case; people paste them in any case and with spaces. */
export const cleanCreditCode = (value: string | null | undefined): string | null =>
  cleanText(value?.replace(/\s/g, '').toUpperCase());

/** The descriptive fields of a unit after cleaning; undefined leaves a field unchanged. */
export interface UnitFields {
  name?: string;
  code?: string | null;
  creditCode?: string | null;
  address?: string | null;
}

/**
 * Cleans and checks a unit's descriptive fields for a unit of `level`. Only the fields present
 * in `input` are checked (an update sends a few), so `name` is required by the caller when new.
 */
export function checkUnitFields(
  level: OrgUnitLevel,
  input: UnitFields,
): { fields: UnitFields; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const fields: UnitFields = {};
  if (input.name !== undefined) {
    const name = cleanText(input.name);
    if (!name) problems.push({ field: 'name', message: '名称不能为空' });
    else if (name.length > UNIT_NAME_MAX)
      problems.push({ field: 'name', message: `不能超过 ${UNIT_NAME_MAX} 个字符` });
    else fields.name = name;
  }
  if (input.code !== undefined) {
    fields.code = cleanText(input.code);
    if (fields.code && fields.code.length > UNIT_CODE_MAX)
      problems.push({ field: 'code', message: `不能超过 ${UNIT_CODE_MAX} 个字符` });
  }
  if (input.address !== undefined) {
    fields.address = cleanText(input.address);
    if (fields.address && fields.address.length > UNIT_ADDRESS_MAX)
      problems.push({ field: 'address', message: `不能超过 ${UNIT_ADDRESS_MAX} 个字符` });
  }
  if (input.creditCode !== undefined) {
    fields.creditCode = cleanCreditCode(input.creditCode);
    if (fields.creditCode !== null && level !== OrgUnitLevel.Enterprise) {
      problems.push({ field: 'creditCode', message: '只有企业可以填写统一社会信用代码' });
    } else if (fields.creditCode !== null && !isUnifiedSocialCreditCode(fields.creditCode)) {
      problems.push({
        field: 'creditCode',
        message: '不是有效的统一社会信用代码（应为 18 位，GB 32100 校验位须相符）',
      });
    }
  }
  return { fields, problems };
}
