import { describe, expect, it } from 'vitest';
import { checkHotlineOrder } from './hotline-order.input.js';

const valid = {
  orderNo: 'JS12345-20261122-000123',
  content: '来电人反映其与10余名工友被拖欠工资3万余元',
  dispatchedAt: '2026-11-22T09:30:00+08:00',
};

describe('checkHotlineOrder', () => {
  it('accepts the three required fields alone, and normalises a numeric amount', async () => {
    expect(await checkHotlineOrder(valid)).toMatchObject({ ok: true, order: valid });
    const checked = await checkHotlineOrder({
      ...valid,
      amountClaimed: 30000.5,
      employerCreditCode: ' 91321012gtw2y65y1q ',
      callerIdNumber: '32010219900101123x',
      urgency: null,
    });
    expect(checked).toMatchObject({
      ok: true,
      order: {
        amountClaimed: '30000.5',
        employerCreditCode: '91321012GTW2Y65Y1Q',
        callerIdNumber: '32010219900101123X',
      },
    });
  });

  it.each([
    [{ ...valid, orderNo: 'has space' }, 'orderNo'],
    [{ ...valid, orderNo: '' }, 'orderNo'],
    [{ ...valid, content: '   ' }, 'content'],
    [{ ...valid, dispatchedAt: '2026-11-22' }, 'dispatchedAt'],
    [{ ...valid, dispatchedAt: '2026-11-22T09:30:00' }, 'dispatchedAt'],
    [{ ...valid, dispatchedAt: '1999-12-31T09:30:00Z' }, 'dispatchedAt'],
    [{ ...valid, amountClaimed: 0.1 + 0.2 }, 'amountClaimed'],
    [{ ...valid, amountClaimed: 1e21 }, 'amountClaimed'],
    [{ ...valid, amountClaimed: '-5' }, 'amountClaimed'],
    [{ ...valid, workerCount: 100_001 }, 'workerCount'],
    [{ ...valid, callerIdNumber: '1234' }, 'callerIdNumber'],
    [{ ...valid, callerPhone: '139123' }, 'callerPhone'],
    [{ ...valid, title: 'x'.repeat(201) }, 'title'],
    [{ ...valid, content: 'a\u0000b' }, 'content'],
    [{ ...valid, extra: true }, 'extra'],
  ])('refuses %j, naming %s once', async (order, field) => {
    const checked = await checkHotlineOrder(order);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.problems.map((p) => p.field)).toEqual([field]);
    expect(checked.problems[0]!.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('echoes a plausible order number of a bad order, never a huge one', async () => {
    expect(await checkHotlineOrder({ ...valid, workerCount: 'x' })).toMatchObject({
      ok: false,
      orderNo: valid.orderNo,
    });
    const huge = await checkHotlineOrder({ ...valid, orderNo: 'A'.repeat(10_000) });
    expect(huge).not.toHaveProperty('orderNo');
  });

  it.each([null, 42, 'order', [valid]])('refuses %j as not an order', async (value) => {
    expect(await checkHotlineOrder(value)).toMatchObject({
      ok: false,
      problems: [{ field: '', message: '工单必须是 JSON 对象' }],
    });
  });
});
