import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import type { INestApplicationContext } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testConfig, type TestDatabase } from '@heqi/testing';
import { DemoModule } from '../apps/demo/src/demo.module.js';
import { DemoSeeder, type DemoSeedResult } from '../apps/demo/src/demo-seeder.service.js';
import { DEMO_PASSWORD } from '../apps/demo/src/demo-logins.js';
import { startApi, type TestApi } from './support/test-apps.js';

/** `npm run demo`'s loader against a fresh database, then read back through the real API. */
describe('demo data', () => {
  let db: TestDatabase;
  let api: TestApi;
  let demo: INestApplicationContext;
  let first: DemoSeedResult;

  beforeAll(async () => {
    db = await createTestDatabase();
    const config = testConfig(db.url);
    api = await startApi(config);
    demo = await NestFactory.createApplicationContext(DemoModule.forRoot(config), {
      logger: false,
    });
    first = await demo.get(DemoSeeder).seed();
  }, 180_000);

  afterAll(async () => {
    await demo?.close();
    await api?.close();
    await db?.drop();
  });

  const sql = (query: string): Promise<any[]> => api.app.get(DataSource).query(query);

  async function login(username: string): Promise<string> {
    const res = await api.http
      .post('/api/v1/auth/login')
      .send({ username, password: DEMO_PASSWORD })
      .expect(200);
    return res.body.accessToken as string;
  }

  it('loads once: a second run finds the demo and writes nothing', async () => {
    expect(first.seeded).toBe(true);
    const before = (await sql(`SELECT count(*)::int AS n FROM mediation_case`))[0].n;
    const again = await demo.get(DemoSeeder).seed();
    expect(again.seeded).toBe(false);
    expect((await sql(`SELECT count(*)::int AS n FROM mediation_case`))[0].n).toBe(before);
    expect(again.logins.map((l) => l.username)).toEqual(first.logins.map((l) => l.username));
  });

  it('gives 东港镇 its year: 673 hotline cases, 98% settled, ¥8.17M claimed', async () => {
    const [t1] = await sql(`
      SELECT count(*) FILTER (WHERE c.channel = 'hotline')::int AS hotline,
             count(*) FILTER (WHERE c.outcome = 'settled')::int AS settled,
             count(*) FILTER (WHERE c.outcome IN ('settled', 'failed') OR c.outcome LIKE 'referred%')::int AS counted,
             sum(c.amount_claimed)::text AS claimed
        FROM mediation_case c JOIN org_unit u ON u.id = c.org_unit_id
        JOIN org_unit town ON u.path LIKE town.path || '%'
       WHERE town.name = '东港镇' AND c.status = 'closed'`);
    expect(t1.hotline).toBe(673);
    expect(t1.settled / t1.counted).toBeCloseTo(0.98, 2);
    expect(t1.claimed).toBe('8170000.00');
  });

  it('keeps personal numbers encrypted and the case numbers in sequence', async () => {
    const clear = await sql(
      `SELECT count(*)::int AS n FROM claimant WHERE phone_enc LIKE '1990000%' OR id_number_enc LIKE '321012%'`,
    );
    expect(clear[0].n).toBe(0);
    const [numbers] = await sql(
      `SELECT count(*)::int AS n, count(DISTINCT case_no)::int AS distinct_n FROM mediation_case`,
    );
    expect(numbers.distinct_n).toBe(numbers.n);
  });

  it('lets every printed login in, and a mediator sees their own closed cases', async () => {
    for (const l of first.logins.filter((x) => x.username !== 'admin')) await login(l.username);
    const token = await login('m-t1a');
    const res = await api.http
      .get('/api/v1/cases?status=closed&pageSize=5')
      .set('authorization', `Bearer ${token}`)
      .expect(200);
    expect(res.body.total).toBeGreaterThan(0);
    expect(res.body.items[0]).toMatchObject({ status: 'closed' });
  });

  it("brings today's 12345 orders in through the real intake, waiting to be offered", async () => {
    const [live] = await sql(
      `SELECT count(*)::int AS n FROM mediation_case WHERE status IN ('queued', 'triage')`,
    );
    expect(live.n).toBe(16);
  });

  it("shows the district supervisor 东港镇's year in the reports, and its agreements as PDFs", async () => {
    const token = await login('nanhu.supervisor');
    const year = new Date().getFullYear();
    const from = `${year - 1}-01-01`;
    const to = `${year}-12-31`;
    const res = await api.http
      .get(`/api/v1/reports/summary?groupBy=org_unit&from=${from}&to=${to}`)
      .set('authorization', `Bearer ${token}`)
      .expect(200);
    const t1 = res.body.rows.find((r: { label: string }) => r.label === '东港镇');
    expect(t1.settlementRate).toBeGreaterThan(0.975);
    expect(t1.settlementRate).toBeLessThan(0.985);
    expect(t1.amountClaimed).toBe('8170000.00');
    expect(t1.satisfactionRate).toBeGreaterThan(0.8);
    const others = res.body.rows.filter((r: { label: string }) => r.label !== '东港镇');
    for (const other of others) expect(other.settlementRate).toBeLessThan(t1.settlementRate);

    const [settled] = await sql(
      `SELECT c.id FROM mediation_case c JOIN case_agreement a ON a.case_id = c.id
        WHERE c.outcome = 'settled' ORDER BY c.received_at DESC LIMIT 1`,
    );
    const pdf = await api.http
      .get(`/api/v1/cases/${settled.id}/agreement.pdf`)
      .set('authorization', `Bearer ${token}`)
      .expect(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    const ledger = await api.http
      .get(`/api/v1/cases/${settled.id}/payments`)
      .set('authorization', `Bearer ${token}`)
      .expect(200);
    expect(Number(ledger.body.amountAgreed)).toBeGreaterThan(0);
  });
});
