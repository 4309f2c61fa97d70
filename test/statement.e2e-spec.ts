import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withWrites } from '@heqi/core';
import { createTestDatabase, type TestDatabase } from '@heqi/testing';

/**
 * `withWrites` runs independent writes in the statement of another (intake's one round trip
 * for a case with its claimants, timeline and outbox rows): against a real Postgres, the rows
 * all land, a row may reference one inserted beside it, and a bad reference still fails.
 */
describe('withWrites (several writes, one statement)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await new DataSource({ type: 'postgres', url: db.url }).initialize();
    await dataSource.query(`CREATE TABLE t_parent (id int PRIMARY KEY, name text NOT NULL)`);
    await dataSource.query(
      `CREATE TABLE t_child (parent_id int NOT NULL REFERENCES t_parent (id), note text)`,
    );
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  const child = (parentId: number, note: string) => ({
    sql: `INSERT INTO t_child (parent_id, note) SELECT $1::int, $2::text || $2::text`,
    params: [parentId, note],
  });

  it('writes every part, children beside their parent, with placeholders renumbered', async () => {
    const main = {
      sql: `WITH p AS (INSERT INTO t_parent (id, name) VALUES ($1, $2) RETURNING id)
            SELECT id FROM p`,
      params: [1, 'one'],
    };
    const combined = withWrites(main, [child(1, 'a'), child(1, 'b')]);
    expect(combined.params).toEqual([1, 'one', 1, 'a', 1, 'b']);
    expect(combined.sql).toContain('SELECT $5::int, $6::text || $6::text');

    expect(await dataSource.query(combined.sql, combined.params)).toEqual([{ id: 1 }]);
    expect(await dataSource.query(`SELECT parent_id, note FROM t_child ORDER BY note`)).toEqual([
      { parent_id: 1, note: 'aa' },
      { parent_id: 1, note: 'bb' },
    ]);
  });

  it('prefixes a main statement without WITH, and passes one with no writes through', async () => {
    const main = { sql: `INSERT INTO t_parent (id, name) VALUES ($1, $2)`, params: [2, 'two'] };
    expect(withWrites(main, [])).toBe(main);
    const combined = withWrites(main, [child(2, 'c')]);
    await dataSource.query(combined.sql, combined.params);
    expect(await dataSource.query(`SELECT note FROM t_child WHERE parent_id = 2`)).toEqual([
      { note: 'cc' },
    ]);
  });

  it('still refuses a reference to a row that nobody inserted, and writes none of it', async () => {
    const main = { sql: `INSERT INTO t_parent (id, name) VALUES ($1, $2)`, params: [3, 'three'] };
    const combined = withWrites(main, [child(4, 'orphan')]);
    await expect(dataSource.query(combined.sql, combined.params)).rejects.toMatchObject({
      code: '23503',
    });
    expect(await dataSource.query(`SELECT id FROM t_parent WHERE id = 3`)).toEqual([]);
  });

  it('refuses a placeholder its write has no parameter for, and a recursive main', () => {
    const main = { sql: `SELECT 1`, params: [] };
    expect(() => withWrites(main, [{ sql: `SELECT $2`, params: [1] }])).toThrow(RangeError);
    expect(() =>
      withWrites({ sql: `WITH RECURSIVE r AS (SELECT 1) SELECT * FROM r`, params: [] }, [
        child(1, 'x'),
      ]),
    ).toThrow(RangeError);
  });
});
