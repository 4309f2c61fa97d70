import { describe, expect, it } from 'vitest';
import { IntakeError } from '../intake.errors.js';
import { isBlankRow, mapHeader, rowToOrder } from './order-columns.js';

const importedAt = new Date('2026-11-22T01:00:00Z');

describe('mapHeader', () => {
  it('maps export headers loosely and ignores columns it does not know', () => {
    const columns = mapHeader([
      ' 工单编号* ',
      '标题',
      '诉求内容（必填）',
      '处理状态',
      '来电人姓名',
    ]);
    expect([...columns]).toEqual([
      ['orderNo', [0]],
      ['title', [1]],
      ['content', [2]],
      ['callerName', [4]],
    ]);
  });

  it('names the missing required columns', () => {
    expect(() => mapHeader(['工单编号', '来电人'])).toThrow(IntakeError);
    try {
      mapHeader(['工单编号']);
    } catch (err) {
      expect((err as IntakeError).message).toBe('缺少必需的列：标题、诉求内容');
    }
  });

  it('keeps both of two headers for one field, the more specific first', () => {
    const columns = mapHeader(['受理时间', '工单编号', '标题', '诉求内容', '派单时间']);
    expect(columns.get('dispatchedAt')).toEqual([4, 0]);
  });
});

describe('rowToOrder', () => {
  const columns = mapHeader([
    '工单编号',
    '标题',
    '诉求内容',
    '联系电话',
    '涉及人数',
    '涉及金额',
    '派单时间',
    '受理时间',
    '紧急程度',
  ]);

  it('reads cells as exports write them, in Beijing time', () => {
    expect(
      rowToOrder(
        ['A-1', '欠薪', '拖欠工资', 13912345678, '12人', '3万元', '', '2026/11/2 9:05', '特急'],
        columns,
        importedAt,
      ),
    ).toEqual({
      orderNo: 'A-1',
      title: '欠薪',
      content: '拖欠工资',
      callerPhone: '13912345678',
      workerCount: 12,
      amountClaimed: '30000.00',
      dispatchedAt: '2026-11-02T09:05:00+08:00',
      urgency: 'urgent',
    });
  });

  it('reads spreadsheet dates and serials as wall-clock Beijing time', () => {
    const date = rowToOrder(
      ['A', 't', 'c', '', '', '', new Date(Date.UTC(2026, 10, 6, 14, 30))],
      columns,
      importedAt,
    );
    expect(date.dispatchedAt).toBe('2026-11-06T14:30:00+08:00');
    const serial = rowToOrder(['A', 't', 'c', '', '', '', 46332.5], columns, importedAt);
    expect(serial.dispatchedAt).toBe('2026-11-06T12:00:00+08:00');
  });

  it('defaults the dispatch time to the import time and leaves bad values for validation', () => {
    const order = rowToOrder(
      ['A', 't', 'c', '', 'many', '1,200.5元', '', '', '一般'],
      columns,
      importedAt,
    );
    expect(order).toMatchObject({
      dispatchedAt: importedAt.toISOString(),
      workerCount: 'many',
      amountClaimed: '1200.5',
      urgency: 'normal',
    });
    expect(rowToOrder(['A', 't', 'c', '', '', '', '下周'], columns, importedAt).dispatchedAt).toBe(
      '下周',
    );
  });

  it('tells blank rows', () => {
    expect(isBlankRow(['', null, undefined, '  '])).toBe(true);
    expect(isBlankRow(['', 0])).toBe(false);
  });
});
