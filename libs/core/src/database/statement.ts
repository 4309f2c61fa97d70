import type { EntityManager } from 'typeorm';

/** One SQL statement and its parameters (`$1`, `$2`, …): to run, or to run beside another. */
export interface SqlStatement {
  sql: string;
  params: unknown[];
}

const LEADING_WITH = /^\s*WITH\s+(?!RECURSIVE\b)/i;
const PLACEHOLDER = /\$(\d+)/g;

/**
 * `main` with `writes` carried out in the same statement, as data-modifying CTEs ahead of its
 * own: one round trip to Postgres instead of `1 + writes.length`. Under load a round trip is
 * the expensive part of a small write (the client's syscall, and on a busy machine a context
 * switch each way), not the write itself.
 *
 * What running them together means (Postgres, "Data-Modifying Statements in WITH"): they all
 * see the snapshot taken when the statement starts, none sees another's rows, and their result
 * is not read; foreign keys are checked at the end of the statement, so a row may reference
 * one inserted beside it. Only for writes whose result nobody needs.
 *
 * Each write's placeholders are renumbered after those before it, so its SQL must hold no `$`
 * but its placeholders (no dollar quoting). `main` may start with its own `WITH`, not `WITH
 * RECURSIVE`.
 */
export function withWrites(main: SqlStatement, writes: readonly SqlStatement[]): SqlStatement {
  if (writes.length === 0) return main;
  const params = [...main.params];
  const ctes = writes.map((write, i) => {
    const offset = params.length;
    params.push(...write.params);
    const sql = write.sql.replace(PLACEHOLDER, (_, n: string) => {
      const index = Number(n);
      if (index < 1 || index > write.params.length) {
        throw new RangeError(`$${n} in a write with ${write.params.length} parameters`);
      }
      return `$${index + offset}`;
    });
    return `heqi_write_${i + 1} AS (${sql})`;
  });
  const head = `WITH ${ctes.join(',\n')}`;
  if (/^\s*WITH\s+RECURSIVE\b/i.test(main.sql)) {
    throw new RangeError('withWrites: the main statement may not be WITH RECURSIVE');
  }
  const sql = LEADING_WITH.test(main.sql)
    ? main.sql.replace(LEADING_WITH, `${head},\n`)
    : `${head}\n${main.sql}`;
  return { sql, params };
}

/**
 * Runs independent writes (nulls skipped) as one statement: the last carries the others
 * (`withWrites`), so they cost one round trip, and nothing is read back.
 */
export async function runTogether(
  manager: EntityManager,
  writes: readonly (SqlStatement | null)[],
): Promise<void> {
  const present = writes.filter((w): w is SqlStatement => w !== null);
  const main = present.pop();
  if (!main) return;
  const { sql, params } = withWrites(main, present);
  await manager.query(sql, params);
}
