import { describe, expect, it } from 'vitest';
import { toChineseAmount } from './chinese-amount.js';
import { fromFen, toFen } from './money.js';

describe('toChineseAmount', () => {
  it.each([
    ['0', '零元整'],
    ['0.00', '零元整'],
    ['0.05', '伍分'],
    ['0.5', '伍角'],
    ['0.55', '伍角伍分'],
    ['1', '壹元整'],
    ['10', '壹拾元整'],
    ['11', '壹拾壹元整'],
    ['100', '壹佰元整'],
    ['101', '壹佰零壹元整'],
    ['110', '壹佰壹拾元整'],
    ['1005.08', '壹仟零伍元零捌分'],
    ['1010', '壹仟零壹拾元整'],
    ['10.30', '壹拾元叁角'],
    ['30000', '叁万元整'],
    ['30000.00', '叁万元整'],
    ['32500', '叁万贰仟伍佰元整'],
    ['100000', '壹拾万元整'],
    ['100010', '壹拾万零壹拾元整'],
    ['105000', '壹拾万伍仟元整'],
    ['1000000.50', '壹佰万元伍角'],
    ['10000001', '壹仟万零壹元整'],
    ['100000000', '壹亿元整'],
    ['100001000', '壹亿零壹仟元整'],
    ['102000000', '壹亿零贰佰万元整'],
    ['120003400', '壹亿贰仟万叁仟肆佰元整'],
    ['999999999999.99', '玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分'],
  ])('%s → %s', (yuan, words) => {
    expect(toChineseAmount(yuan)).toBe(words);
  });

  it('takes integer fen as well', () => {
    expect(toChineseAmount({ fen: 3_250_000 })).toBe('叁万贰仟伍佰元整');
  });

  it('refuses what is not an amount', () => {
    expect(() => toChineseAmount('-1')).toThrow(RangeError);
    expect(() => toChineseAmount('1.234')).toThrow(RangeError);
    expect(() => toChineseAmount('abc')).toThrow(RangeError);
    expect(() => toChineseAmount({ fen: 1.5 })).toThrow(RangeError);
  });
});

describe('money in fen', () => {
  it.each([
    ['0', 0],
    ['0.05', 5],
    ['0.5', 50],
    ['30000.5', 3_000_050],
    ['999999999999.99', 99_999_999_999_999],
  ])('%s ⇄ %i fen', (yuan, fen) => {
    expect(toFen(yuan)).toBe(fen);
    expect(toFen(fromFen(fen))).toBe(fen);
  });

  it('prints two decimals', () => {
    expect(fromFen(3_000_050)).toBe('30000.50');
    expect(fromFen(5)).toBe('0.05');
  });
});
