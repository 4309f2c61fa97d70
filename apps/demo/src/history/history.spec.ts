import { describe, expect, it } from 'vitest';
import { isResidentIdNumber } from '@heqi/core';
import { type HistoryNetwork, syntheticHistory } from './synthetic-history.js';
import { DEMO_PROFILES } from '../demo-profiles.js';

const network: HistoryNetwork = {
  towns: ['T1', 'T2', 'T3'].map((ref) => ({
    ref,
    name: `${ref}镇`,
    villages: [1, 2].map((n) => ({ ref: `${ref}V${n}`, name: `${ref}村${n}` })),
    enterprises: [
      {
        ref: `${ref}E1`,
        name: `${ref}一厂有限公司`,
        creditCode: '91321012GTW2Y65Y1Q',
        villageRef: `${ref}V1`,
      },
    ],
  })),
  mediatorsByUnit: Object.fromEntries(
    ['T1', 'T1V1', 'T1V2', 'T2', 'T2V1', 'T2V2', 'T3', 'T3V1', 'T3V2'].map((u) => [u, [`M-${u}`]]),
  ),
  lawyers: ['L1', 'L2'],
};
const NOW = new Date('2026-11-23T02:00:00Z');

describe('synthetic demo history', () => {
  const history = syntheticHistory(network, DEMO_PROFILES, NOW);
  const town = (ref: string) => history.filter((c) => c.townRef === ref);

  it('gives 东港镇 its published shape: 673 hotline cases, 98% settled, ¥8.17M involved', () => {
    const t1 = town('T1');
    expect(t1.filter((c) => c.channel === 'hotline')).toHaveLength(673);
    const counted = t1.filter(
      (c) => c.outcome === 'settled' || c.outcome === 'failed' || c.outcome.startsWith('referred'),
    );
    const settled = t1.filter((c) => c.outcome === 'settled');
    expect(settled.length / counted.length).toBeCloseTo(0.98, 2);
    const claimedFen = t1.reduce((s, c) => s + Math.round(Number(c.amountClaimed) * 100), 0);
    expect(claimedFen).toBe(8_170_000_00);
  });

  it('is the same on every run, and every case closed before now with consistent dates', () => {
    expect(syntheticHistory(network, DEMO_PROFILES, NOW)).toEqual(history);
    for (const c of history) {
      expect(c.receivedAt < c.acceptedAt && c.acceptedAt < c.firstContactAt).toBe(true);
      expect(c.closedAt.getTime()).toBeLessThan(NOW.getTime());
      expect(c.closedAt.getTime()).toBeGreaterThan(c.receivedAt.getTime());
      expect(isResidentIdNumber(c.claimant.idNumber)).toBe(true);
    }
  });

  it('gives every settled case an agreement whose instalments add up, and no one else', () => {
    for (const c of history) {
      expect(c.agreement !== null).toBe(c.outcome === 'settled');
      if (!c.agreement) continue;
      const sum = c.agreement.instalments.reduce(
        (s, i) => s + Math.round(Number(i.amount) * 100),
        0,
      );
      expect(sum).toBe(Math.round(Number(c.agreement.amountAgreed) * 100));
      for (const i of c.agreement.instalments)
        expect(Number(i.paid)).toBeLessThanOrEqual(Number(i.amount));
    }
  });

  it('visits only hotline cases, and a reopened case was visited twice', () => {
    expect(
      history.filter((c) => c.channel === 'walk_in').every((c) => c.feedback.length === 0),
    ).toBe(true);
    const reopened = history.filter((c) => c.reopened);
    expect(reopened.length).toBeGreaterThan(0);
    for (const c of reopened)
      expect(c.feedback.map((f) => f.result)).toEqual(['unsatisfied', 'basically_satisfied']);
  });
});
