import { CaseChannel } from '@heqi/cases';
import { toMoney } from '../input/field-rules.js';
import type { IncomingCase } from '../pipeline/incoming-case.js';
import type { HotlineOrderInput } from './hotline-order.input.js';

/** How an order reached heqi. */
export type HotlineSource = 'push' | 'import';

const clean = (text: string | null | undefined): string | null => text?.trim() || null;

/**
 * A validated 12345 order as an incoming case. The caller is the claimant (named 来电人 by the
 * cases context when the order leaves the name out). The case is received when the platform
 * dispatched the order: the statutory clocks count from then, not from when heqi saw it.
 */
export function incomingFromOrder(
  order: HotlineOrderInput,
  source: HotlineSource,
  keyId: string | null,
): IncomingCase {
  const dispatchedAt = new Date(order.dispatchedAt);
  const urgency = order.urgency ?? 'normal';
  const hotlineCategory = clean(order.category);
  const handlingUnitCode = clean(order.handlingUnitCode);
  return {
    channel: CaseChannel.Hotline,
    title: clean(order.title),
    description: order.content.trim(),
    category: null,
    hotlineCategory,
    claimants: [
      {
        name: clean(order.callerName) ?? '',
        phone: clean(order.callerPhone),
        idNumber: clean(order.callerIdNumber),
      },
    ],
    employer: {
      name: clean(order.employerName),
      creditCode: clean(order.employerCreditCode),
      unitId: null,
    },
    eventAddress: clean(order.eventAddress),
    amountClaimed: order.amountClaimed ? toMoney(order.amountClaimed) : null,
    workerCount: order.workerCount ?? null,
    urgent: urgency === 'urgent',
    receivedAt: dispatchedAt,
    handlingUnitCode,
    callerDistrictId: null,
    hotline: {
      orderNo: order.orderNo,
      source,
      keyId,
      hotlineCategory,
      urgency,
      dispatchedAt,
      replyDeadline: order.replyDeadline ? new Date(order.replyDeadline) : null,
      handlingUnitCode,
    },
  };
}
