import type { ClockKind } from '../clocks/clock-kind.enum.js';
import type { Budget } from '../clocks/clock-math.js';

/** An active clock policy as the clocks use it. */
export interface ClockPolicyRule {
  id: string;
  kind: ClockKind;
  /** Null: any channel. */
  channel: string | null;
  /** Null: any category. */
  category: string | null;
  /** Null: collective or not. */
  collective: boolean | null;
  /** Null: each clock's due instant is given by its caller (agreement instalments). */
  budget: Budget | null;
  warnShare: number;
  maxExtensionDays: number;
}

/** What a case contributes to choosing its policy. */
export interface CaseTraits {
  channel: string;
  category: string;
  collective: boolean;
}

/**
 * The most specific active policy of `kind` that matches the case, or null when none does (the
 * clock is then not started: a kind with no policy for a channel does not apply to it). A
 * channel match outranks a category match, which outranks the collective flag, so
 * channel + category beats channel alone beats the default.
 */
export function pickPolicy(
  policies: readonly ClockPolicyRule[],
  kind: ClockKind,
  traits: CaseTraits,
): ClockPolicyRule | null {
  let best: ClockPolicyRule | null = null;
  let bestScore = -1;
  for (const p of policies) {
    if (p.kind !== kind) continue;
    if (p.channel !== null && p.channel !== traits.channel) continue;
    if (p.category !== null && p.category !== traits.category) continue;
    if (p.collective !== null && p.collective !== traits.collective) continue;
    const score =
      (p.channel === null ? 0 : 4) +
      (p.category === null ? 0 : 2) +
      (p.collective === null ? 0 : 1);
    if (score > bestScore) [best, bestScore] = [p, score];
  }
  return best;
}
