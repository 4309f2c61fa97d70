/** GB 32100-2015 alphabet: digits and capitals without I, O, Z, S, V (easily misread). */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** GB 32100-2015 weights for positions 1–17, i.e. 3^i mod 31. */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

const BODY = /^[0-9A-HJ-NPQRTUWXY]{17}$/;
const CODE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

/**
 * The GB 32100-2015 check character for the first 17 characters of a unified social credit
 * code (统一社会信用代码); handy for generating demo and test data.
 * @throws RangeError when `first17` is not 17 characters of the code alphabet.
 */
export function creditCodeCheckChar(first17: string): string {
  if (!BODY.test(first17)) {
    throw new RangeError(`not the first 17 characters of a credit code: ${first17}`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CHARSET.indexOf(first17[i]) * WEIGHTS[i];
  return CHARSET[(31 - (sum % 31)) % 31];
}

/**
 * True for an 18-character unified social credit code whose check character is right
 * (GB 32100-2015). Upper case only, as the standard prints it.
 */
export function isUnifiedSocialCreditCode(value: unknown): boolean {
  return (
    typeof value === 'string' &&
    CODE.test(value) &&
    creditCodeCheckChar(value.slice(0, 17)) === value[17]
  );
}
