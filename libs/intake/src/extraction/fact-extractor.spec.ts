import { DisputeCategory } from '@heqi/core';
import { describe, expect, it } from 'vitest';

import { extractFacts } from './fact-extractor.js';

describe('extractFacts', () => {
  it('reads every fact from a sparse order', () => {
    expect(
      extractFacts({
        title: '关于扬州华泰建材有限公司劳动纠纷的诉求',
        content:
          '来电人反映其与31余名工友在扬州华泰建材有限公司(南湖区北桥街道北桥社区兴业大道273号)务工,公司拖欠工资约6万元,请求相关部门协调处理。',
        hotlineCategory: '劳动保障-拖欠工资',
      }),
    ).toEqual({
      category: DisputeCategory.Wages,
      employerName: '扬州华泰建材有限公司',
      amountClaimed: '60000.00',
      workerCount: 32,
    });
  });

  it('finds the employer in the title when the content only says 公司', () => {
    const facts = extractFacts({
      title: '反映好又多超市拖欠工资',
      content: '来电人反映超市拖欠其两个月工资共计8千元,诉求协调支付。',
    });
    expect(facts).toEqual({
      category: DisputeCategory.Wages,
      employerName: '好又多超市',
      amountClaimed: '8000.00',
      workerCount: 1,
    });
  });

  it('does not let a figure in the title borrow words from the content', () => {
    const facts = extractFacts({ title: '工单2026', content: '元旦前公司拖欠工资3000元' });
    expect(facts.amountClaimed).toBe('3000.00');
  });

  it('uses the hotline label when the text names no category', () => {
    const facts = extractFacts({
      content: '请相关部门核实处理。',
      hotlineCategory: '劳动保障-工伤',
    });
    expect(facts.category).toBe(DisputeCategory.WorkInjury);
  });

  it('leaves out what the text does not state', () => {
    const facts = extractFacts({ content: '我们几十个人在工地干活,老板一直不发工资。' });
    expect(facts).toEqual({ category: DisputeCategory.Wages });
    expect(Object.keys(facts)).toEqual(['category']);
  });

  it('always sets a category', () => {
    expect(extractFacts({ content: '' })).toEqual({
      category: DisputeCategory.Other,
      workerCount: 1,
    });
  });
});
