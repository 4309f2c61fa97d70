import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isUnifiedSocialCreditCode } from './credit-code.js';
import { isMainlandMobile } from './mainland-mobile.js';
import { isResidentIdNumber } from './resident-id-number.js';

/** Builds a property decorator from a pure check; non-strings fail the check itself. */
function checkDecorator(name: string, check: (value: unknown) => boolean, message: string) {
  // `validate` is called with (value, args): pass the value only, so args never reach a check's
  // optional second parameter (isResidentIdNumber's `now`).
  const validator = { validate: (value: unknown) => check(value), defaultMessage: () => message };
  return (options?: ValidationOptions): PropertyDecorator =>
    ValidateBy({ name, validator }, options);
}

/** The property is a resident identity number with a valid GB 11643 check character. */
export const IsResidentIdNumber = checkDecorator(
  'isResidentIdNumber',
  isResidentIdNumber,
  '$property 不是有效的居民身份证号码（GB 11643 校验位不符）',
);

/** The property is a unified social credit code with a valid GB 32100 check character. */
export const IsUnifiedSocialCreditCode = checkDecorator(
  'isUnifiedSocialCreditCode',
  isUnifiedSocialCreditCode,
  '$property 不是有效的统一社会信用代码（GB 32100 校验位不符）',
);

/** The property is a mainland mobile number (+86/0086 prefix, spaces and dashes tolerated). */
export const IsMainlandMobile = checkDecorator(
  'isMainlandMobile',
  isMainlandMobile,
  '$property 不是有效的手机号码',
);
