import { describe, expect, it } from 'vitest';
import { DisputeCategory } from '@heqi/core';
import { MediatorKind } from '../mediator-kind.enum.js';
import { OrgUnitLevel } from '../org-unit-level.enum.js';
import {
  ImportColumn,
  ImportRowType,
  categoriesOf,
  columnOfHeader,
  kindOf,
  levelOf,
  rowTypeOf,
} from './import-vocabulary.js';

describe('import vocabulary', () => {
  it.each([
    ['类型', ImportColumn.Type],
    [' 名称 ', ImportColumn.Name],
    ['姓名', ImportColumn.Name],
    ['*统一社会信用代码', ImportColumn.CreditCode],
    ['层级（区/镇/村/企业）', ImportColumn.Level],
    ['层级(district/town)', ImportColumn.Level],
    ['手机号码', ImportColumn.Phone],
    ['creditCode', ImportColumn.CreditCode],
    ['LAWFIRM', ImportColumn.LawFirm],
  ])('reads the header %j', (header, column) => {
    expect(columnOfHeader(header)).toBe(column);
  });

  it('knows no made-up header', () => {
    expect(columnOfHeader('邮编')).toBeUndefined();
  });

  it.each([
    ['单位', ImportRowType.Unit],
    ['调解员', ImportRowType.Mediator],
    ['Mediator', ImportRowType.Mediator],
  ])('reads the row type %j', (text, type) => {
    expect(rowTypeOf(text)).toBe(type);
  });

  it.each([
    ['区', OrgUnitLevel.District],
    ['县', OrgUnitLevel.District],
    ['镇', OrgUnitLevel.Town],
    ['街道', OrgUnitLevel.Town],
    ['村', OrgUnitLevel.Village],
    ['社区', OrgUnitLevel.Village],
    ['企业', OrgUnitLevel.Enterprise],
    ['enterprise', OrgUnitLevel.Enterprise],
    ['村/社区', OrgUnitLevel.Village],
  ])('reads the level %j', (text, level) => {
    expect(levelOf(text)).toBe(level);
  });

  it.each([
    ['工会专职', MediatorKind.UnionStaff],
    ['村调解员', MediatorKind.VillageMediator],
    ['村（社区）调解员', MediatorKind.VillageMediator],
    ['企业调解员', MediatorKind.EnterpriseMediator],
    ['志愿律师', MediatorKind.VolunteerLawyer],
    ['volunteer_lawyer', MediatorKind.VolunteerLawyer],
  ])('reads the mediator kind %j', (text, kind) => {
    expect(kindOf(text)).toBe(kind);
  });

  it('reads categories in Chinese or as codes, with any separator, without duplicates', () => {
    expect(categoriesOf('欠薪，社保、工伤;wages other')).toEqual({
      categories: [
        DisputeCategory.Wages,
        DisputeCategory.SocialInsurance,
        DisputeCategory.WorkInjury,
        DisputeCategory.Other,
      ],
      unknown: [],
    });
  });

  it('reads 全部 as every category and reports unknown words', () => {
    expect(categoriesOf('全部').categories).toEqual(Object.values(DisputeCategory));
    expect(categoriesOf('工资,赌博,吵架')).toEqual({
      categories: [DisputeCategory.Wages],
      unknown: ['赌博', '吵架'],
    });
    expect(categoriesOf('')).toEqual({ categories: [], unknown: [] });
  });
});
