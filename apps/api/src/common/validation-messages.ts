import type { ValidationError } from 'class-validator';
import type { FieldProblem } from '@heqi/core';

const HAS_CJK = /[\u4e00-\u9fff]/;

/**
 * Chinese texts for class-validator's built-in constraints. A decorator that already carries a
 * Chinese message keeps it; numbers in the English default (lengths, sizes) are carried over.
 */
const ZH: Record<string, (n: string[], english: string) => string> = {
  whitelistValidation: () => '不允许的字段',
  isDefined: () => '必填',
  isNotEmpty: () => '不能为空',
  isString: () => '必须是字符串',
  isInt: () => '必须是整数',
  isNumber: () => '必须是数字',
  isNumberString: () => '必须是数字字符串',
  isDecimal: () => '必须是金额（最多两位小数）',
  isBoolean: () => '必须是布尔值',
  isArray: () => '必须是数组',
  isObject: () => '必须是对象',
  nestedValidation: () => '必须是对象或对象数组',
  isUuid: () => '必须是 UUID',
  isUUID: () => '必须是 UUID',
  isDateString: () => '必须是带时区的 ISO 8601 时间',
  isIso8601: () => '必须是带时区的 ISO 8601 时间',
  isISO8601: () => '必须是带时区的 ISO 8601 时间',
  isDate: () => '必须是日期',
  isUrl: () => '必须是 URL',
  isEnum: (_n, english) => `取值无效，可选：${english.split(':').slice(1).join(':').trim()}`,
  isIn: (_n, english) => `取值无效，可选：${english.split(':').slice(1).join(':').trim()}`,
  maxLength: (n) => `不能超过 ${n[0]} 个字符`,
  minLength: (n) => `不能少于 ${n[0]} 个字符`,
  // class-validator reports only the bound that failed: "longer than or equal to N" or "shorter…".
  isLength: (n, english) =>
    english.includes('longer') ? `不能少于 ${n[0]} 个字符` : `不能超过 ${n[0]} 个字符`,
  arrayMaxSize: (n) => `最多 ${n[0]} 项`,
  arrayMinSize: (n) => `至少 ${n[0]} 项`,
  arrayNotEmpty: () => '不能为空数组',
  arrayUnique: () => '不能有重复项',
  min: (n) => `不能小于 ${n[0]}`,
  max: (n) => `不能大于 ${n[0]}`,
  isPositive: () => '必须大于 0',
  matches: () => '格式不正确',
  isEmail: () => '必须是有效的电子邮箱',
};

function translate(constraint: string, english: string, property: string): string {
  if (HAS_CJK.test(english)) return english;
  const zh = ZH[constraint];
  if (!zh) return english;
  // The English text starts with the property name, which may itself hold digits ("line2").
  const rest = english.startsWith(property) ? english.slice(property.length) : english;
  return zh(rest.match(/\d+(\.\d+)?/g) ?? [], rest);
}

/** Flattens nested validation errors into `{ field: 'claimants.0.phone', message }` entries. */
export function toFieldProblems(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, english]) => ({
      field,
      message: translate(constraint, english, error.property),
    }));
    return [...own, ...toFieldProblems(error.children ?? [], field)];
  });
}
