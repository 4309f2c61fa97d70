import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type pg from 'pg';
import type { DataSource } from 'typeorm';
import { ConfigModule, DatabaseModule, DisputeCategory, loadConfig } from '@heqi/core';
import { CaseChannel, CasesModule, CasesService } from '@heqi/cases';
import { quantile } from '../support/http-load.js';

/** How fast the workers turn a backlog of queued cases into offers. */
export interface DrainFigures {
  cases: number;
  seconds: number;
  perSecond: number;
  /** Commit of the backlog → each case's lead offer, ms. */
  p50: number;
  p95: number;
  max: number;
}

/**
 * The assignment stage on its own, without the API competing for the machine: `count` queued
 * cases written through the cases lib in one transaction (as a burst of intake would leave
 * them), then the time until the running workers have offered every one — the engine's
 * counterpart of BullMQ's burst rate.
 */
export async function engineDrain(
  databaseUrl: string,
  sql: pg.Pool,
  count: number,
): Promise<DrainFigures> {
  @Module({
    imports: [
      ConfigModule.forRoot(loadConfig({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' })),
      DatabaseModule,
      CasesModule,
    ],
  })
  class DrainModule {}
  const app = await NestFactory.createApplicationContext(DrainModule, { logger: false });
  try {
    const cases = app.get(CasesService);
    const units = (
      await sql.query<{ id: string; name: string; credit_code: string }>(
        `SELECT id, name, credit_code FROM org_unit WHERE level = 'enterprise' ORDER BY path`,
      )
    ).rows;
    const ids: string[] = [];
    await app.get<DataSource>(getDataSourceToken()).transaction(async (manager) => {
      for (let i = 0; i < count; i++) {
        const unit = units[(i * 7919) % units.length]!;
        const created = await cases.create(
          manager,
          {
            channel: CaseChannel.WalkIn,
            category: DisputeCategory.Wages,
            title: '拖欠工资',
            description: `申请人反映${unit.name}拖欠工资。`,
            claimants: [{ name: '申请人' }],
            employer: { name: unit.name, creditCode: unit.credit_code, unitId: unit.id },
            orgUnitId: unit.id,
            triage: false,
            collective: false,
            urgent: false,
            townLevel: false,
            extractedFields: [],
            receivedAt: new Date(),
            routing: { by: 'bench' },
          },
          { system: 'bench' },
        );
        ids.push(created.id);
      }
    });
    const committed = Date.now();
    for (;;) {
      const { rows } = await sql.query<{ waiting: number }>(
        `SELECT count(*)::int AS waiting FROM mediation_case c
           LEFT JOIN case_assignment ca ON ca.case_id = c.id
          WHERE c.id = ANY ($1::uuid[]) AND c.status = 'queued' AND ca.no_candidate IS NULL`,
        [ids],
      );
      if (rows[0]!.waiting === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const { rows } = await sql.query<{ offered_ms: string }>(
      `SELECT extract(epoch FROM min(f.offered_at)) * 1000 AS offered_ms
         FROM case_offer f WHERE f.case_id = ANY ($1::uuid[]) AND f.role = 'lead'
        GROUP BY f.case_id`,
      [ids],
    );
    const latencies = rows.map((r) => Number(r.offered_ms) - committed);
    const seconds = Math.max(...latencies) / 1000;
    return {
      cases: rows.length,
      seconds,
      perSecond: rows.length / seconds,
      p50: quantile(latencies, 0.5),
      p95: quantile(latencies, 0.95),
      max: quantile(latencies, 1),
    };
  } finally {
    await app.close();
  }
}
