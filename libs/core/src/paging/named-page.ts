import type { EntityManager } from 'typeorm';
import { namedQuery } from '../database/named-query.js';
import { type Page, type PageRequest, pageOffset } from './page.js';

/** One list query: its columns, its `FROM … WHERE …` (named parameters) and its order. */
export interface NamedListQuery {
  select: string;
  from: string;
  orderBy: string;
  params: Record<string, unknown>;
}

/**
 * A page of raw rows and the total behind it: the rows of `page` and `count(*)` over the same
 * `FROM … WHERE …`, run side by side (outside a transaction each takes its own connection).
 * Callers map the rows to their views.
 */
export async function namedPage<R>(
  manager: EntityManager,
  query: NamedListQuery,
  page: PageRequest,
): Promise<Page<R>> {
  const [items, [counted]] = await Promise.all([
    namedQuery<R>(
      manager,
      `SELECT ${query.select} ${query.from} ORDER BY ${query.orderBy} LIMIT :limit OFFSET :offset`,
      { ...query.params, limit: page.pageSize, offset: pageOffset(page) },
    ),
    namedQuery<{ total: number }>(
      manager,
      `SELECT count(*)::int AS total ${query.from}`,
      query.params,
    ),
  ]);
  return { items, total: counted!.total, page: page.page, pageSize: page.pageSize };
}
