import { describe, expect, it } from 'vitest';
import { LabelOrder } from './label-order.js';

describe('label order', () => {
  const collator = new Intl.Collator('zh-Hans-CN');
  const item = (label: string, key = label) => ({ label, key });

  it('sorts as the Chinese collator does, then by key, as new names arrive', () => {
    const order = new LabelOrder();
    const first = ['西塘镇调解员乙', '东港村调解员', '北桥社区调解员', '东港镇调解员甲'];
    expect(order.sort(first.map((l) => item(l))).map((i) => i.label)).toEqual(
      [...first].sort(collator.compare),
    );
    const more = [...first, '阿里调解员', '张三', '李四', '东港村调解员'];
    const sorted = order.sort(more.map((l, i) => item(l, `k${9 - i}`)));
    expect(sorted.map((i) => i.label)).toEqual([...more].sort(collator.compare));
    // The two 东港村调解员 by key.
    const twins = sorted.filter((i) => i.label === '东港村调解员').map((i) => i.key);
    expect(twins).toEqual([...twins].sort());
  });
});
