import type { EntityManager } from 'typeorm';

/**
 * Runs `sql` with TypeORM-style named parameters (`:name`), so conditions built elsewhere
 * (`subtreeCondition`, {@link caseReachCondition}) compose with hand-written SQL.
 */
export function namedQuery<T>(
  manager: EntityManager,
  sql: string,
  params: Record<string, unknown>,
): Promise<T[]> {
  const [query, values] = manager.connection.driver.escapeQueryWithParameters(sql, params);
  return manager.query(query, values);
}
