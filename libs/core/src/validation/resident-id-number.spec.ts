import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isResidentIdNumber, residentIdCheckChar } from './resident-id-number.js';

/** A made-up number for region, birth date and sequence, completed with its check character. */
function makeId(region: string, birth: string, sequence = '123'): string {
  const first17 = region + birth + sequence;
  return first17 + residentIdCheckChar(first17);
}

/** A number with the given check character in place of the right one. */
function withCheck(id: string, check: string): string {
  return id.slice(0, 17) + check;
}

const NOW = new Date('2026-11-22T12:00:00Z');
const valid = (value: unknown) => isResidentIdNumber(value, NOW);

describe('residentIdCheckChar', () => {
  it('matches the examples of GB 11643-1999', () => {
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
    expect(residentIdCheckChar('44052418800101001')).toBe('4');
  });

  it('rejects anything but 17 digits', () => {
    expect(() => residentIdCheckChar('1101051949123100')).toThrow(RangeError);
    expect(() => residentIdCheckChar('1101051949123100X')).toThrow(RangeError);
  });
});

describe('isResidentIdNumber', () => {
  it('accepts generated numbers across provinces and check characters', () => {
    const ids = ['11', '32', '44', '65', '71', '81', '82', '83', '91'].flatMap((province) =>
      ['000', '001', '002', '003', '004', '005', '006', '007', '008', '009', '010'].map((seq) =>
        makeId(`${province}0102`, '19900101', seq),
      ),
    );
    expect(new Set(ids.map((id) => id[17])).size).toBe(11);
    expect(ids.filter((id) => !valid(id))).toEqual([]);
  });

  it('accepts the caller numbers of the hotline fixture', () => {
    const numbers = readFileSync(
      new URL('../../../../test/fixtures/hotline-orders.jsonl', import.meta.url),
      'utf8',
    ).match(/(?<="callerIdNumber":")[^"]+/g);
    expect(numbers?.length).toBeGreaterThan(0);
    expect(numbers?.filter((id) => !valid(id))).toEqual([]);
  });

  it('accepts the check character X in upper or lower case', () => {
    expect(valid('11010519491231002X')).toBe(true);
    expect(valid('11010519491231002x')).toBe(true);
  });

  it('rejects a wrong check character', () => {
    const id = makeId('320102', '19900101');
    for (const check of '0123456789X'.replace(id[17], '')) {
      expect(valid(withCheck(id, check))).toBe(false);
    }
  });

  it('rejects two swapped digits', () => {
    const id = makeId('320102', '19900101', '125');
    expect(valid(id.slice(0, 14) + id[15] + id[14] + id.slice(16))).toBe(false);
  });

  it.each([
    ['Feb 30', '19900230'],
    ['Feb 29 of a non-leap year', '19000229'],
    ['month 13', '19901301'],
    ['day 00', '19900100'],
    ['before 1900', '18991231'],
    ['tomorrow in Beijing', '20261123'],
    ['a future year', '20300101'],
  ])('rejects a birth date on %s', (_, birth) => {
    expect(valid(makeId('320102', birth))).toBe(false);
  });

  it('accepts Feb 29 of a leap year and today in Beijing', () => {
    expect(valid(makeId('320102', '20000229'))).toBe(true);
    expect(valid(makeId('320102', '20261122'))).toBe(true);
    // 2026-11-22T17:00Z is already the 23rd in Beijing (UTC+8).
    expect(isResidentIdNumber(makeId('320102', '20261123'), new Date('2026-11-22T17:00Z'))).toBe(
      true,
    );
  });

  it('rejects the 1880 example of GB 11643-1999 for its birth year, not its check', () => {
    expect(residentIdCheckChar('44052418800101001')).toBe('4');
    expect(valid('440524188001010014')).toBe(false);
  });

  it.each(['00', '10', '16', '24', '39', '47', '55', '66', '72', '84', '90', '99'])(
    'rejects province code %s',
    (province) => {
      expect(valid(makeId(`${province}0102`, '19900101'))).toBe(false);
    },
  );

  it.each([
    ['17 characters', '32010219900101123'],
    ['19 characters', `${makeId('320102', '19900101')}0`],
    ['X inside', '3201021990X1011234'],
    ['surrounding spaces', ` ${makeId('320102', '19900101')}`],
    ['empty', ''],
  ])('rejects %s', (_, value) => {
    expect(valid(value)).toBe(false);
  });

  it.each([null, undefined, 320102900101123, {}])('rejects the non-string %j', (value) => {
    expect(valid(value)).toBe(false);
  });

  describe('legacy 15-digit numbers', () => {
    it('accepts a valid province and 19YYMMDD birth date', () => {
      expect(valid('320102900101123')).toBe(true);
      expect(valid('110105960229123')).toBe(true);
    });

    it.each([
      ['Feb 30', '320102900230123'],
      ['Feb 29 of 1900', '320102000229123'],
      ['an unknown province', '990102900101123'],
      ['a letter', '32010290010112X'],
    ])('rejects %s', (_, value) => {
      expect(valid(value)).toBe(false);
    });
  });
});
