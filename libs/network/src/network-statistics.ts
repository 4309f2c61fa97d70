import type { DataSource } from 'typeorm';

/**
 * Refreshes the planner's statistics of the network tables after a bulk load. Autovacuum
 * analyses a table only after enough changes and up to a minute later, so right after a network
 * is loaded the statistics may describe a half-loaded table — one that had no enterprises yet.
 * Intake's employer lookup then planned a scan evaluating the name rule on every enterprise
 * (8 ms a lookup instead of under 1 ms, bench/assignment 2026-11-23) until autovacuum caught
 * up. A few thousand rows take milliseconds to analyse.
 */
export async function analyzeNetwork(dataSource: DataSource): Promise<void> {
  await dataSource.query(`ANALYZE org_unit, mediator, law_firm_engagement`);
}
