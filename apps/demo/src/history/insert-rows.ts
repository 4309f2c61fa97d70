import type { EntityManager } from 'typeorm';

/** Postgres takes at most 65,535 bind parameters per statement. */
const MAX_PARAMS = 65_000;

/**
 * Multi-row INSERT of `rows` (each in `columns` order), in as few statements as the parameter
 * limit allows. Returns the `returning` column of each row, in order, when asked.
 */
export async function insertRows(
  manager: EntityManager,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  returning?: string,
): Promise<unknown[]> {
  const out: unknown[] = [];
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const params: unknown[] = [];
    const tuples = chunk.map((row) => {
      const marks = row.map((value) => {
        params.push(value);
        return `$${params.length}`;
      });
      return `(${marks.join(', ')})`;
    });
    const result = (await manager.query(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}` +
        (returning ? ` RETURNING ${returning}` : ''),
      params,
    )) as Record<string, unknown>[];
    if (returning) out.push(...result.map((r) => r[returning]));
  }
  return out;
}
