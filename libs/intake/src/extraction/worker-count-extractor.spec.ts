import { describe, expect, it } from 'vitest';

import { extractWorkerCount } from './worker-count-extractor.js';

describe('extractWorkerCount', () => {
  it.each([
    ['10余名工友被拖欠工资', 10],
    ['三十多名工人至今未拿到工钱', 30],
    ['公司拖欠12名员工工资', 12],
    ['全厂80余人工资未发', 80],
    ['两名保洁员工资未结', 2],
    ['十几名农民工讨薪', 10],
    ['工地拖欠同事5人工资', 5],
    ['张某等8人反映公司欠薪', 8],
    ['5个人一起来讨薪', 5],
  ])('%s → %d', (text, expected) => {
    expect(extractWorkerCount(text)).toBe(expected);
  });

  describe('the caller and others', () => {
    it.each([
      ['其与5名同事被拖欠工资', 6],
      ['来电人反映其与31余名工友在公司务工', 32],
      ['来电人和两名工友被辞退', 3],
      ['她及另外3名员工未拿到加班费', 4],
      ['其带领十余名工人讨薪', 11],
    ])('%s → %d', (text, expected) => {
      expect(extractWorkerCount(text)).toBe(expected);
    });

    it('does not add the caller to a total that already includes them', () => {
      expect(extractWorkerCount('其与工友共6人被拖欠工资')).toBe(6);
      expect(extractWorkerCount('包括其在内共6名工人被拖欠工资')).toBe(6);
    });
  });

  it('prefers the claim group over the size of the employer', () => {
    expect(extractWorkerCount('公司共有员工200人,其中30名工人被拖欠工资')).toBe(30);
  });

  it('counts 1 when the text speaks only of the caller', () => {
    expect(extractWorkerCount('来电人反映公司拖欠其工资5000元')).toBe(1);
    expect(extractWorkerCount('其2026年3月入职,公司未缴社保')).toBe(1);
  });

  it.each([
    ['我们几十个人的工资都没发', '几十个人'],
    ['多名工人反映公司欠薪', '多名'],
    ['部分员工工资被克扣', '部分员工'],
    ['工友们多次讨要未果', '工友们'],
    ['数十名农民工聚集讨薪', '数十名'],
  ])('leaves a vague group undefined: %s', (text) => {
    expect(extractWorkerCount(text)).toBeUndefined();
  });

  describe('figures that are not people', () => {
    it.each([
      ['a year', '2026年公司拖欠其工资'],
      ['a duration', '公司拖欠其3个月工资'],
      ['an amount in 人民币', '公司欠其5000人民币'],
      ['a mobile number', '联系电话13912345678,公司拖欠工资'],
      ['an ID number', '身份证320744199702017641,公司未缴社保'],
      ['an age', '来电人今年45岁,工作了12年'],
      ['a rank', '其在比赛中获得第3名,公司未发奖金'],
      ['person-times', '公司安全培训共计30人次,未发补贴'],
      ['a quota', '公司有5名额的转正机会未兑现'],
      ['working days', '公司拖欠其5个工作日的工资'],
    ])('ignores %s', (_, text) => {
      expect(extractWorkerCount(text)).toBe(1);
    });
  });
});
