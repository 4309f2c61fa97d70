import { DataSource, QueryFailedError } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryPrepared } from '@heqi/core';
import { createTestDatabase, type TestDatabase } from '@heqi/testing';

/**
 * `queryPrepared` stands in for `manager.query` on the case pipeline's hot statements: it must
 * answer and fail exactly as `manager.query` does, inside and outside a transaction, and really
 * prepare the statement on the connection.
 */
describe('queryPrepared', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await new DataSource({ type: 'postgres', url: db.url }).initialize();
    await dataSource.query(`CREATE TABLE prepared_probe (id int PRIMARY KEY, note text)`);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('answers as manager.query does: rows, and [rows, count] for UPDATE and DELETE', async () => {
    const insert = `INSERT INTO prepared_probe (id, note) SELECT n, 'n' || n FROM unnest($1::int[]) n RETURNING id`;
    const update = `UPDATE prepared_probe SET note = $2 WHERE id = ANY($1::int[]) RETURNING id`;
    const remove = `DELETE FROM prepared_probe WHERE id = ANY($1::int[])`;
    for (const [sql, params] of [
      [insert, [[1, 2, 3]]],
      [update, [[1, 2], 'x']],
      [remove, [[3]]],
    ] as const) {
      const expected = await dataSource.manager
        .transaction(async (m) => {
          const answer = await m.query(sql, [...params]);
          throw Object.assign(new Error('rollback'), { answer });
        })
        .catch((err: { answer: unknown }) => err.answer);
      expect(await queryPrepared(dataSource.manager, sql, [...params])).toEqual(expected);
    }
    expect(await dataSource.query(`SELECT id, note FROM prepared_probe ORDER BY id`)).toEqual([
      { id: 1, note: 'x' },
      { id: 2, note: 'x' },
    ]);
  });

  it('runs inside the caller’s transaction, prepared on its connection', async () => {
    const sql = `SELECT note FROM prepared_probe WHERE id = $1`;
    await dataSource
      .transaction(async (m) => {
        await m.query(`UPDATE prepared_probe SET note = 'in tx' WHERE id = 1`);
        expect(await queryPrepared(m, sql, [1])).toEqual([{ note: 'in tx' }]);
        const prepared = (await m.query(
          `SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement = $1`,
          [sql],
        )) as [{ n: number }];
        expect(prepared[0].n).toBe(1);
        throw new Error('rollback');
      })
      .catch(() => undefined);
    expect(await queryPrepared(dataSource.manager, sql, [1])).toEqual([{ note: 'x' }]);
  });

  it('fails with a QueryFailedError carrying the Postgres code', async () => {
    const failure = await queryPrepared(
      dataSource.manager,
      `INSERT INTO prepared_probe (id, note) VALUES ($1, $2)`,
      [1, 'again'],
    ).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(QueryFailedError);
    expect((failure as { code?: string }).code).toBe('23505');
  });
});
