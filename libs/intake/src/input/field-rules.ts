import {
  IsDefined,
  IsInt,
  IsNotEmpty,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  isISO8601,
  type ValidationError,
} from 'class-validator';
import { type FieldProblem, isMainlandMobile } from '@heqi/core';

/**
 * Validation rules shared by every way a case comes in (hotline push, batch, import, walk-in
 * form). Messages are Chinese here, because lib-side validation (batch orders, import rows)
 * does not pass through the API's translation of class-validator's English defaults.
 */

type Rule = PropertyDecorator;
const apply =
  (...rules: Rule[]): Rule =>
  (target, key) => {
    for (const rule of rules) rule(target, key);
  };

/** Postgres text cannot hold NUL: refused here as bad input rather than failing in SQL. */
const NoNul = ValidateBy({
  name: 'noNul',
  validator: {
    validate: (value: unknown) => typeof value !== 'string' || !value.includes('\u0000'),
    defaultMessage: () => '不能包含空字符（\\u0000）',
  },
});

const NotBlank = ValidateBy({
  name: 'notBlank',
  validator: {
    validate: (value: unknown) => typeof value !== 'string' || value.trim().length > 0,
    defaultMessage: () => '不能为空',
  },
});

/** A string of at most `max` characters; `required` also refuses blank. */
export const Text = (max: number, options: { required?: boolean } = {}): Rule =>
  apply(
    IsString({ message: '必须是字符串' }),
    MaxLength(max, { message: `不能超过 ${max} 个字符` }),
    NoNul,
    ...(options.required
      ? [IsDefined({ message: '必填' }), IsNotEmpty({ message: '不能为空' }), NotBlank]
      : []),
  );

/** An offset is required: an instant without one means a different time to every reader. */
const WITH_OFFSET = /T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/;

/** ISO 8601 date-time with an offset, between 2000 and 2100 (what Postgres and people accept). */
export const isIsoInstant = (value: unknown): boolean => {
  if (typeof value !== 'string' || value.length > 40) return false;
  if (!WITH_OFFSET.test(value) || !isISO8601(value, { strict: true, strictSeparator: true })) {
    return false;
  }
  const year = new Date(value).getUTCFullYear();
  return year >= 2000 && year <= 2100;
};

export const IsoInstant = (): Rule =>
  ValidateBy({
    name: 'isoInstant',
    validator: {
      validate: isIsoInstant,
      defaultMessage: () => '必须是带时区的 ISO 8601 时间，如 2026-11-22T09:30:00+08:00',
    },
  });

/** Yuan with at most two decimals, as a string or a JSON number; at most 12 integer digits. */
const MONEY = /^\d{1,12}(?:\.\d{1,2})?$/;

export const Money = (): Rule =>
  ValidateBy({
    name: 'money',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && MONEY.test(value),
      defaultMessage: () => '必须是金额（元，非负，最多两位小数），如 "30000.00"',
    },
  });

/**
 * Before validation: a JSON number becomes its decimal text (so 30000.5 is checked like
 * "30000.5"; 1e21 or 0.1 + 0.2 fail the two-decimal rule instead of being rounded).
 */
export const moneyText = ({ value }: { value: unknown }): unknown =>
  typeof value === 'number' && Number.isFinite(value) ? String(value) : value;

/** "30000" → "30000.00": the form `numeric(14,2)` prints, for extracted and given amounts alike. */
export function toMoney(text: string): string {
  const [whole, fraction = ''] = text.split('.');
  return `${BigInt(whole!).toString()}.${fraction.padEnd(2, '0')}`;
}

export const WorkerCount = (): Rule =>
  apply(
    IsInt({ message: '必须是整数' }),
    Min(1, { message: '不能小于 1' }),
    Max(100_000, { message: '不能大于 100000' }),
  );

/** Landlines with area code and optional extension: 0514-87654321, 051487654321-8001. */
const LANDLINE = /^0\d{2,3}-?\d{7,8}(?:-\d{1,6})?$/;

export const isPhoneNumber = (value: unknown): boolean =>
  typeof value === 'string' &&
  value.length <= 30 &&
  (isMainlandMobile(value) || LANDLINE.test(value.replace(/\s/g, '')));

/** A string passing `check`, with one message for every way it fails. */
const checkedString = (name: string, check: (value: string) => boolean, message: string): Rule =>
  apply(
    IsString({ message: '必须是字符串' }),
    ValidateBy({
      name,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && check(value),
        defaultMessage: () => message,
      },
    }),
  );

/** A mainland mobile or a landline with its area code. */
export const PhoneNumber = (): Rule =>
  checkedString('phoneNumber', isPhoneNumber, '不是有效的电话号码（手机号，或带区号的固定电话）');

/**
 * The shape of a resident ID number (15 digits, or 17 and a check character) without its check
 * digit: a 12345 order is an official dispatch, and a typo in an optional number must not keep
 * it out of the system. Forms filled in by staff use the full check (`IsResidentIdNumber`).
 */
export const IdNumberShape = (): Rule =>
  checkedString(
    'idNumberShape',
    (v) => /^(?:\d{15}|\d{17}[\dXx])$/.test(v),
    '身份证号应为 18 位（或旧版 15 位）',
  );

/** The shape of a unified social credit code (GB 32100 alphabet), check character not checked. */
export const CreditCodeShape = (): Rule =>
  checkedString(
    'creditCodeShape',
    (v) => /^[0-9A-HJ-NPQRTUWXY]{18}$/.test(v),
    '统一社会信用代码应为 18 位数字或大写字母',
  );

/** Trims strings and upper-cases them (credit codes, ID numbers' X); other types pass through. */
export const upperTrimmed = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.replace(/\s/g, '').toUpperCase() : value;

/**
 * Field problems of a flat input (hotline orders have no nested objects). An unknown field
 * reports class-validator's whitelist rule, in Chinese like the rest.
 */
export function fieldProblems(errors: readonly ValidationError[]): FieldProblem[] {
  return errors.flatMap((error) =>
    Object.entries(error.constraints ?? {}).map(([rule, message]) => ({
      field: error.property,
      message: rule === 'whitelistValidation' ? '不允许的字段' : message,
    })),
  );
}
