import { DisputeCategory } from '@heqi/core';
import { describe, expect, it } from 'vitest';

import { categoryFromHotlineLabel, classifyCategory } from './category-classifier.js';

describe('classifyCategory from the text', () => {
  it.each([
    ['公司拖欠其3个月工资', DisputeCategory.Wages],
    ['老板一直不发工钱', DisputeCategory.Wages],
    ['长期加班,公司未支付加班费', DisputeCategory.Wages],
    ['公司未为其缴纳社会保险,诉求补缴', DisputeCategory.SocialInsurance],
    ['公司只给交了养老保险,没交医疗保险', DisputeCategory.SocialInsurance],
    ['其在车间操作时手指被机器轧伤,公司不承担医药费', DisputeCategory.WorkInjury],
    ['申请认定工伤,公司不配合', DisputeCategory.WorkInjury],
    ['公司不承认与其存在劳动关系', DisputeCategory.LaborRelation],
    ['公司无故将其辞退', DisputeCategory.Dismissal],
    ['公司不批准其辞职', DisputeCategory.Dismissal],
    ['公司违法解除劳动合同,要求支付赔偿金', DisputeCategory.Contract],
    ['工作一年未签劳动合同,要求支付二倍工资', DisputeCategory.Contract],
    ['合同到期公司不续签,也不给经济补偿', DisputeCategory.Contract],
    ['公司不让休年假', DisputeCategory.WorkingTime],
    ['每天工作12小时,一个月只休息两天', DisputeCategory.WorkingTime],
    ['公司不发放防暑降温用品,也不组织岗前培训', DisputeCategory.Welfare],
    ['咨询档案转移的问题', DisputeCategory.Other],
    ['', DisputeCategory.Other],
  ])('%s → %s', (text, expected) => {
    expect(classifyCategory(text)).toBe(expected);
  });

  describe('precedence', () => {
    it.each([
      [
        'an injury beats the wages it costs',
        '其上班受伤后,公司停发工资',
        DisputeCategory.WorkInjury,
      ],
      [
        'confirming the relation beats the 二倍工资 that depends on it',
        '未签劳动合同,诉求确认劳动关系并支付二倍工资',
        DisputeCategory.LaborRelation,
      ],
      [
        'compensation for a dismissal is a dismissal',
        '公司无故将其辞退,未支付经济补偿金',
        DisputeCategory.Dismissal,
      ],
      [
        'quitting is only the backdrop of a wage claim',
        '其辞职后公司一直不结清工资',
        DisputeCategory.Wages,
      ],
      [
        'wages beat social insurance mentioned alongside',
        '公司拖欠工资,也没交社保',
        DisputeCategory.Wages,
      ],
      [
        'the claim sentence narrows the body',
        '公司拖欠过工资,后来发了,但一直未缴社保,诉求补缴社会保险',
        DisputeCategory.SocialInsurance,
      ],
      [
        '工伤保险 contributions are social insurance',
        '公司未缴纳工伤保险',
        DisputeCategory.SocialInsurance,
      ],
      ['未休年假工资 is leave, not wages', '公司不支付未休年休假工资', DisputeCategory.WorkingTime],
    ])('%s', (_, text, expected) => {
      expect(classifyCategory(text)).toBe(expected);
    });
  });

  describe('with the hotline label', () => {
    it('settles a tie between categories the text speaks of', () => {
      const text = '公司拖欠工资,也没交社保';
      expect(classifyCategory(text, '劳动保障-社会保险')).toBe(DisputeCategory.SocialInsurance);
      expect(classifyCategory(text, '劳动保障-拖欠工资')).toBe(DisputeCategory.Wages);
    });

    it('decides alone when the text names no category', () => {
      expect(classifyCategory('请相关部门核实处理', '劳动保障-工伤')).toBe(
        DisputeCategory.WorkInjury,
      );
    });

    it('loses to a text that contradicts it', () => {
      const text = '公司无故将其辞退,未支付经济补偿金45000元';
      expect(classifyCategory(text, '劳动保障-解除劳动合同')).toBe(DisputeCategory.Dismissal);
    });
  });

  it('falls back to wages for a bare debt', () => {
    expect(classifyCategory('老板拖欠其5000元不还')).toBe(DisputeCategory.Wages);
  });
});

describe('categoryFromHotlineLabel', () => {
  it.each([
    ['劳动保障-拖欠工资', DisputeCategory.Wages],
    ['劳动保障-社会保险', DisputeCategory.SocialInsurance],
    ['劳动保障-工伤', DisputeCategory.WorkInjury],
    ['劳动保障-劳动关系', DisputeCategory.LaborRelation],
    ['劳动保障-解除劳动合同', DisputeCategory.Contract],
    ['劳动保障-解除劳动关系', DisputeCategory.Contract],
    ['劳动保障-辞退', DisputeCategory.Dismissal],
    ['劳动保障-休息休假', DisputeCategory.WorkingTime],
    ['劳动保障-劳动保护', DisputeCategory.Welfare],
  ])('%s → %s', (label, expected) => {
    expect(categoryFromHotlineLabel(label)).toBe(expected);
  });

  it.each(['劳动保障-其他', '', undefined])('gives undefined for %j', (label) => {
    expect(categoryFromHotlineLabel(label)).toBeUndefined();
  });
});

describe('classifyCategory claim sentence', () => {
  it('reads a claim that opens a sentence', () => {
    expect(classifyCategory('公司拖欠工资已结清。要求补缴社会保险')).toBe(
      DisputeCategory.SocialInsurance,
    );
  });

  it('does not take the employer’s demand for the claim', () => {
    expect(classifyCategory('公司拖欠其工资2万元,还要求其自己缴纳社保')).toBe(
      DisputeCategory.Wages,
    );
  });
});
