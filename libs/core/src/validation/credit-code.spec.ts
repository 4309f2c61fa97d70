import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar, isUnifiedSocialCreditCode } from './credit-code.js';

/** Enterprise credit codes of the demo network, as registered. */
const network = JSON.parse(
  readFileSync(new URL('../../../../test/fixtures/network.json', import.meta.url), 'utf8'),
) as { units: { creditCode?: string }[] };
const fixtureCodes = network.units.flatMap((unit) => unit.creditCode ?? []);

describe('creditCodeCheckChar', () => {
  it('computes the GB 32100 check character', () => {
    // The code usually quoted as the GB 32100 example: weighted sum 1640 = 52 * 31 + 28, 31 - 28 = 3.
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    expect(creditCodeCheckChar('00000000000000000')).toBe('0');
  });

  it.each(['9135010', '91350100M000100Y43', '91350100m000100Y4', '91350100I000100Y4'])(
    'rejects %j',
    (first17) => {
      expect(() => creditCodeCheckChar(first17)).toThrow(RangeError);
    },
  );
});

describe('isUnifiedSocialCreditCode', () => {
  it('accepts every enterprise code in the network fixture', () => {
    expect(fixtureCodes.length).toBeGreaterThan(0);
    expect(fixtureCodes.filter((code) => !isUnifiedSocialCreditCode(code))).toEqual([]);
  });

  it('accepts a generated code', () => {
    const body = '52321012MJ1234567';
    expect(isUnifiedSocialCreditCode(body + creditCodeCheckChar(body))).toBe(true);
  });

  it('rejects a wrong check character', () => {
    const code = fixtureCodes[0];
    const wrong = code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
    expect(isUnifiedSocialCreditCode(wrong)).toBe(false);
  });

  it('rejects two swapped characters', () => {
    expect(isUnifiedSocialCreditCode('91321012GTW2Y65Y1Q')).toBe(true);
    expect(isUnifiedSocialCreditCode('91321012TGW2Y65Y1Q')).toBe(false);
  });

  it.each(['I', 'O', 'Z', 'S', 'V'])('rejects the excluded letter %s', (letter) => {
    // Whatever check character we pick, the excluded letter alone must fail the code.
    const body = `9132101${letter}GTW2Y65Y1`;
    for (const check of '0123456789ABCDEFGHJKLMNPQRTUWXY') {
      expect(isUnifiedSocialCreditCode(body + check)).toBe(false);
    }
  });

  it.each([
    ['lower case', '91321012gtw2y65y1q'],
    ['17 characters', '91321012GTW2Y65Y1'],
    ['19 characters', '91321012GTW2Y65Y1Q0'],
    ['surrounding spaces', ' 91321012GTW2Y65Y1Q'],
    ['empty', ''],
  ])('rejects %s', (_, code) => {
    expect(isUnifiedSocialCreditCode(code)).toBe(false);
  });

  it.each([null, undefined, 913210124, {}])('rejects the non-string %j', (value) => {
    expect(isUnifiedSocialCreditCode(value)).toBe(false);
  });
});
