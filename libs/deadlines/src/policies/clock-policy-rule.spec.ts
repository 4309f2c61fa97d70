import { describe, expect, it } from 'vitest';
import { BudgetUnit } from '../clocks/budget-unit.enum.js';
import { ClockKind } from '../clocks/clock-kind.enum.js';
import { type ClockPolicyRule, pickPolicy } from './clock-policy-rule.js';

const rule = (id: string, more: Partial<ClockPolicyRule>): ClockPolicyRule => ({
  id,
  kind: ClockKind.HotlineSignFor,
  channel: null,
  category: null,
  collective: null,
  budget: { value: 2, unit: BudgetUnit.WorkingHours },
  warnShare: 0.8,
  maxExtensionDays: 0,
  ...more,
});

/** The design's defaults for sign-for, plus a category-only and a default rule to rank. */
const policies = [
  rule('hotline', { channel: 'hotline' }),
  rule('hotline-collective-wages', { channel: 'hotline', category: 'wages', collective: true }),
  rule('wages-anywhere', { category: 'wages' }),
  rule('default', {}),
  rule('first-contact', { kind: ClockKind.FirstContact }),
];

describe('pickPolicy', () => {
  it.each([
    [{ channel: 'hotline', category: 'wages', collective: true }, 'hotline-collective-wages'],
    [{ channel: 'hotline', category: 'wages', collective: false }, 'hotline'],
    [{ channel: 'hotline', category: 'contract', collective: true }, 'hotline'],
    [{ channel: 'walk_in', category: 'wages', collective: true }, 'wages-anywhere'],
    [{ channel: 'walk_in', category: 'contract', collective: false }, 'default'],
  ])('%o → %s (channel + category > channel > category > default)', (traits, id) => {
    expect(pickPolicy(policies, ClockKind.HotlineSignFor, traits)?.id).toBe(id);
  });

  it('answers null when no policy of the kind matches: the clock does not apply', () => {
    const onlyHotline = [rule('hotline', { channel: 'hotline' })];
    const walkIn = { channel: 'walk_in', category: 'wages', collective: false };
    expect(pickPolicy(onlyHotline, ClockKind.HotlineSignFor, walkIn)).toBeNull();
    expect(pickPolicy(policies, ClockKind.Limitation, walkIn)).toBeNull();
  });
});
