import { describe, expect, it } from 'vitest';

import { parseChineseNumber } from './chinese-number.js';

describe('parseChineseNumber', () => {
  it.each([
    ['三十五', 35],
    ['十', 10],
    ['十五', 15],
    ['二十', 20],
    ['一百零五', 105],
    ['一百五', 150],
    ['三千五', 3500],
    ['两万三千', 23000],
    ['两万三', 23000],
    ['两万零三', 20003],
    ['一千零五十', 1050],
    ['五十多万', 500000],
    ['十几', 10],
    ['三十多', 30],
    ['3万余', 30000],
    ['1.5万', 15000],
    ['3万5千', 35000],
    ['8千', 8000],
    ['12,000.50', 12000.5],
    ['12000', 12000],
    ['贰万伍仟', 25000],
    ['壹佰', 100],
    ['一亿三千万', 130000000],
    ['二〇二六', 2026],
    ['十万', 100000],
  ])('%s → %d', (input, expected) => {
    expect(parseChineseNumber(input)).toBe(expected);
  });

  it.each([
    ['vague 几十', '几十'],
    ['a bare unit', '万'],
    ['words', '工资'],
    ['empty', ''],
    ['a number followed by words', '35名'],
  ])('gives undefined for %s', (_, input) => {
    expect(parseChineseNumber(input)).toBeUndefined();
  });
});
