import { describe, expect, it } from 'vitest';

import { extractAmount } from './amount-extractor.js';

describe('extractAmount', () => {
  it.each([
    ['公司拖欠其工资12000元未付', '12000.00'],
    ['老板欠了1.5万元工资一直不给', '15000.00'],
    ['该厂拖欠3万余元工资', '30000.00'],
    ['共欠工人3万多元', '30000.00'],
    ['要求支付欠薪¥12,000', '12000.00'],
    ['尚欠劳务费12,000.50元', '12000.50'],
    ['工地拖欠农民工工资五十多万元', '500000.00'],
    ['饭店欠其两万三千元工钱', '23000.00'],
    ['超市少发工资8千元', '8000.00'],
    ['共计56000元工资至今未发', '56000.00'],
    ['欠薪人民币贰万伍仟元', '25000.00'],
    ['公司拖欠工资约6万,多次讨要未果', '60000.00'],
    ['拖欠工资１２，０００元', '12000.00'],
    ['未付加班费3块钱', '3.00'],
    ['老板欠我一万二', '12000.00'],
    ['欠薪近两万元', '20000.00'],
    ['欠薪2.5w,老板不接电话', '25000.00'],
    ['合计人民币叁万元整', '30000.00'],
    ['欠款RMB 5000', '5000.00'],
  ])('%s → %s', (text, expected) => {
    expect(extractAmount(text)).toBe(expected);
  });

  describe('with several figures', () => {
    it.each([
      ['prefers the marked total', '其中加班费1万元,公司共计拖欠工资3万元', '30000.00'],
      ['prefers the total over a larger figure', '项目总价50万元,共拖欠其工资2万元', '20000.00'],
      ['skips money already paid', '公司已支付2000元,尚欠8000元', '8000.00'],
      ['skips paid money in the same clause', '已支付2000元尚欠8000元', '8000.00'],
      ['takes the largest owed figure', '拖欠工资2万元,另未支付经济补偿金3万元', '30000.00'],
      [
        'ignores a monthly wage beside a total',
        '月工资5000元,拖欠3个月工资共计15000元',
        '15000.00',
      ],
      ['ignores a daily rate', '日薪300元,公司拖欠工资9000元', '9000.00'],
      ['ignores a sum per person', '每人2万元,共计拖欠工资60万元', '600000.00'],
      ['reads 一年多 as how long, not a rate', '公司拖欠工资3万元一年多了', '30000.00'],
      ['reads 标准 as a standard, not a rate', '公司未按标准支付加班费3000元', '3000.00'],
    ])('%s', (_, text, expected) => {
      expect(extractAmount(text)).toBe(expected);
    });
  });

  describe('wage rates without a total', () => {
    it('multiplies a monthly wage by the months owed', () => {
      expect(extractAmount('工资5000元/月 × 5个月,至今未发')).toBe('25000.00');
      expect(extractAmount('月工资6000元,公司已有3个月工资未发')).toBe('18000.00');
      expect(extractAmount('其月薪八千元,公司拖欠了两个月')).toBe('16000.00');
    });

    it('gives no amount for a bare monthly wage', () => {
      expect(extractAmount('其月工资5000元,公司无故将其辞退')).toBeUndefined();
      expect(extractAmount('每月4500元,公司拖欠3个多月工资')).toBeUndefined();
    });
  });

  describe('figures that are not money', () => {
    it.each([
      ['a mobile number', '来电人电话13912345678,要求公司支付工资'],
      ['an ID number', '身份证号320744199702017641,公司拖欠工资'],
      ['a date', '2026年10月15日起公司停发工资'],
      ['a duration', '公司拖欠其3个月工资'],
      ['an age', '来电人今年45岁,在厂里工作了12年'],
      ['a house number', '工作地点在兴业大道273号,工资未发'],
      ['a percentage', '公司扣发其20%的绩效工资'],
      ['an order number', '工单NP12345-20261102-000001,反映拖欠工资'],
      ['a headcount in 万', '园区有1.5万人,公司拖欠工资'],
      ['a vague sum', '公司拖欠其几万元工资'],
    ])('ignores %s', (_, text) => {
      expect(extractAmount(text)).toBeUndefined();
    });
  });
});
