import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '@heqi/core';
import { OrgUnitLevel } from './org-unit-level.enum.js';
import { checkUnitFields, parentLevelProblem } from './org-unit-rules.js';

const { District, Town, Village, Enterprise } = OrgUnitLevel;

describe('parentLevelProblem', () => {
  const allowed: [OrgUnitLevel, OrgUnitLevel | null][] = [
    [District, null],
    [Town, District],
    [Village, Town],
    [Enterprise, Town],
    [Enterprise, Village],
  ];
  const levels = [null, District, Town, Village, Enterprise];

  it('allows exactly district → town → village, and enterprises under towns or villages', () => {
    for (const level of Object.values(OrgUnitLevel)) {
      for (const parent of levels) {
        const ok = allowed.some(([l, p]) => l === level && p === parent);
        expect(parentLevelProblem(level, parent) === null, `${level} under ${parent}`).toBe(ok);
      }
    }
  });

  it('explains in Chinese', () => {
    expect(parentLevelProblem(Village, District)).toBe('村/社区只能隶属于镇/街道，不能隶属于区/县');
    expect(parentLevelProblem(Town, null)).toBe('镇/街道必须有上级单位（区/县）');
    expect(parentLevelProblem(District, Town)).toBe('区/县是根单位，不能有上级单位');
  });
});

describe('checkUnitFields', () => {
  const body = '91321012MA1XYW007';
  const code = body + creditCodeCheckChar(body);

  it('trims, blanks to null, and upper-cases credit codes', () => {
    expect(
      checkUnitFields(Enterprise, {
        name: '  扬州某某有限公司 ',
        code: ' ',
        address: ' 某路 1 号 ',
        creditCode: ` ${code.toLowerCase()} `,
      }),
    ).toEqual({
      fields: { name: '扬州某某有限公司', code: null, address: '某路 1 号', creditCode: code },
      problems: [],
    });
  });

  it('checks only the fields given', () => {
    expect(checkUnitFields(Village, {})).toEqual({ fields: {}, problems: [] });
  });

  it('names each bad field', () => {
    const { problems } = checkUnitFields(Village, {
      name: ' ',
      code: 'x'.repeat(51),
      address: 'x'.repeat(501),
      creditCode: code,
    });
    expect(problems.map((p) => p.field)).toEqual(['name', 'code', 'address', 'creditCode']);
  });
});
