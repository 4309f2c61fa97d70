import { describe, expect, it } from 'vitest';
import { shareRounds } from './share-round.js';

describe('shareRounds', () => {
  it('runs a lone query at once, and queries arriving during a round together in the next', async () => {
    const rounds: number[][] = [];
    let release!: () => void;
    const lookup = shareRounds(async (queries: readonly number[]) => {
      rounds.push([...queries]);
      if (rounds.length === 1) await new Promise<void>((r) => (release = r));
      return new Set(queries);
    });
    const first = lookup(1);
    const later = [lookup(2), lookup(3), lookup(4)];
    expect(rounds).toEqual([[1]]);
    release();
    expect([...(await first)]).toEqual([1]);
    const answers = await Promise.all(later);
    expect(rounds).toEqual([[1], [2, 3, 4]]);
    for (const answer of answers) expect([...answer]).toEqual([2, 3, 4]);
  });

  it('fails every caller of a failed round, and the next round still runs', async () => {
    let fail = true;
    const lookup = shareRounds(async (queries: readonly string[]) => {
      if (fail) {
        fail = false;
        throw new Error('connection lost');
      }
      return queries.length;
    });
    const failed = lookup('a');
    const after = lookup('b');
    await expect(failed).rejects.toThrow('connection lost');
    await expect(after).resolves.toBe(1);
  });
});
