import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { extractFacts, type ExtractedFacts } from './fact-extractor.js';

/**
 * Accuracy against test/fixtures/hotline-orders.jsonl, reading each order as if it were sparse:
 * only title, free text and hotline label, never the structured fields the platform sometimes
 * fills in (employerName, workerCount, amountClaimed...).
 *
 * How the fixtures say "none": JSON has no undefined and the file uses no nulls. category,
 * workerCount and employerName are on every line; amountClaimed is left out exactly on the
 * orders whose text states no sum (social insurance arrears, confirming the relation). So for
 * amountClaimed an absent key means "a careful reader finds no amount" and we must return
 * undefined too; for the other fields an absent key would mean "not judged" and that order is
 * skipped for that field. null always means "none".
 */

interface FixtureLine {
  order: { title?: string; content: string; category?: string } & Record<string, unknown>;
  expect: {
    category: string;
    amountClaimed?: number | null;
    workerCount?: number | null;
    employerName?: string | null;
  } & Record<string, unknown>;
}

type Field = 'category' | 'amountClaimed' | 'workerCount' | 'employerName';
const FIELDS: readonly Field[] = ['category', 'amountClaimed', 'workerCount', 'employerName'];
const ABSENT_MEANS_NONE: Readonly<Record<Field, boolean>> = {
  category: false,
  amountClaimed: true,
  workerCount: false,
  employerName: false,
};
const REQUIRED_ACCURACY = 0.95;

/** The fixtures' README: for "其与N余名工友" N+1 is the count, N is also acceptable. */
const CALLER_WITH_OTHERS = /其(?:与|和|及)/;

const fixtures: FixtureLine[] = readFileSync(
  new URL('../../../../test/fixtures/hotline-orders.jsonl', import.meta.url),
  'utf8',
)
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as FixtureLine);

function isCorrect(field: Field, line: FixtureLine, facts: ExtractedFacts): boolean {
  const expected = line.expect[field] ?? undefined;
  const actual = facts[field];
  if (expected === undefined) return actual === undefined;
  switch (field) {
    case 'amountClaimed':
      return (
        typeof actual === 'string' &&
        /^\d+\.\d{2}$/.test(actual) &&
        Math.abs(Number(actual) - Number(expected)) < 0.005
      );
    case 'workerCount':
      return (
        actual === expected ||
        (CALLER_WITH_OTHERS.test(line.order.content) && actual === Number(expected) - 1)
      );
    default:
      return actual === expected;
  }
}

interface FieldScore {
  scored: number;
  correct: number;
  skipped: number;
  misses: string[];
}

function score(): Record<Field, FieldScore> {
  const scores = Object.fromEntries(
    FIELDS.map((field) => [field, { scored: 0, correct: 0, skipped: 0, misses: [] }]),
  ) as unknown as Record<Field, FieldScore>;
  for (const line of fixtures) {
    const { title, content, category } = line.order;
    const facts = extractFacts({ title, content, hotlineCategory: category });
    for (const field of FIELDS) {
      const entry = scores[field];
      if (!(field in line.expect) && !ABSENT_MEANS_NONE[field]) {
        entry.skipped += 1;
        continue;
      }
      entry.scored += 1;
      if (isCorrect(field, line, facts)) entry.correct += 1;
      else {
        const orderNo = String(line.order['orderNo']);
        const expected = JSON.stringify(line.expect[field] ?? null);
        entry.misses.push(`${orderNo}: expected ${expected}, got ${JSON.stringify(facts[field])}`);
      }
    }
  }
  return scores;
}

describe('extractFacts on the hotline fixtures (title + content + label only)', () => {
  const scores = score();

  it('prints the per-field accuracy', () => {
    const rows = FIELDS.map((field) => {
      const { scored, correct, skipped } = scores[field];
      const accuracy = scored === 0 ? 1 : correct / scored;
      return `${field.padEnd(14)} ${String(correct).padStart(3)}/${String(scored).padEnd(3)} ${(
        accuracy * 100
      )
        .toFixed(1)
        .padStart(6)}%  skipped ${skipped}`;
    });
    const misses = FIELDS.flatMap((field) => scores[field].misses.map((m) => `  ${field} ${m}`));
    console.log(
      [
        `hotline fixtures: ${fixtures.length} orders`,
        ...rows,
        ...(misses.length ? ['misses:', ...misses] : []),
      ].join('\n'),
    );
    expect(fixtures.length).toBeGreaterThan(0);
  });

  it.each(FIELDS)('%s is at least 95% accurate', (field) => {
    const { scored, correct, misses } = scores[field];
    expect(scored).toBeGreaterThan(0);
    expect(correct / scored, misses.join('\n')).toBeGreaterThanOrEqual(REQUIRED_ACCURACY);
  });
});
