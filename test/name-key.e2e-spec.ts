import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmployerLookup1763865500000 } from '../libs/core/src/database/migrations/1763865500000-EmployerLookup.js';
import { createTestDatabase, type TestDatabase } from '@heqi/testing';

/**
 * The network's name rule (`heqi_unit_name_key`), which employer matching, law-firm conflicts
 * and imports all use: migration EmployerLookup rewrote it in PL/pgSQL for speed, and the keys
 * must be exactly those of the original SQL function — before, after, and after a revert.
 */
const CASES: [name: string, key: string][] = [
  ['扬州市新华制造有限公司', '扬州市新华制造'],
  ['扬州市新华制造股份有限公司', '扬州市新华制造'],
  ['扬州市新华制造有限责任公司', '扬州市新华制造'],
  ['扬州 新华（制造） 有限公司', '扬州新华制造'],
  ['【新华】制造公司', '新华制造'],
  ['新华集团有限公司', '新华'],
  ['新华集团', '新华'],
  ['新华公司集团', '新华公司'],
  ['新华制造有限公司江都分公司', '新华制造有限公司江都分公司'],
  ['有限公司', '有限公司'],
  ['abc　Trading Co', 'ABCTRADINGCO'],
];

describe('the network name rule (heqi_unit_name_key)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  const keys = async () =>
    (
      (await dataSource.query(
        `SELECT heqi_unit_name_key(n) AS key FROM unnest($1::text[]) WITH ORDINALITY AS t(n, i)
          ORDER BY i`,
        [CASES.map(([name]) => name)],
      )) as { key: string }[]
    ).map((r) => r.key);

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await new DataSource({ type: 'postgres', url: db.url }).initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('folds brackets, spaces and case, and drops company forms and 集团 (not 分公司)', async () => {
    expect(await keys()).toEqual(CASES.map(([, key]) => key));
    expect(await dataSource.query(`SELECT heqi_unit_name_key(NULL) AS key`)).toEqual([
      { key: null },
    ]);
  });

  it('gives the same keys after the migration is reverted (the SQL original) and run again', async () => {
    const runner = dataSource.createQueryRunner();
    try {
      const migration = new EmployerLookup1763865500000();
      await migration.down(runner);
      const [{ language }] = (await dataSource.query(
        `SELECT l.lanname AS language FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
          WHERE p.proname = 'heqi_unit_name_key'`,
      )) as [{ language: string }];
      expect(language).toBe('sql');
      expect(await keys()).toEqual(CASES.map(([, key]) => key));
      await migration.up(runner);
      expect(await keys()).toEqual(CASES.map(([, key]) => key));
    } finally {
      await runner.release();
    }
  });

  it('has an index for exact names (a look-up must not scan every unit)', async () => {
    // An empty table is scanned whatever the indexes; without scans, the index must exist.
    await dataSource.query(`SET enable_seqscan = off`);
    const plan = JSON.stringify(
      await dataSource.query(
        `EXPLAIN (FORMAT JSON) SELECT id FROM org_unit WHERE name = ANY ($1::text[])`,
        [['扬州市新华制造有限公司']],
      ),
    );
    await dataSource.query(`RESET enable_seqscan`);
    expect(plan).toContain('org_unit_name_idx');
  });
});
