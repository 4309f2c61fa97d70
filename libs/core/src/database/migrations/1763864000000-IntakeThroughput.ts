import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Intake throughput (bench/intake): the foreign keys from a new case's claimants, timeline
 * events and clocks to `mediation_case` become DEFERRABLE (still INITIALLY IMMEDIATE: every
 * other writer keeps its checks at the statement).
 *
 * `CasesService.createMany` defers them (`SET CONSTRAINTS … DEFERRED`) so it can write those
 * rows first and the case rows, with their gap-free numbers from `case_number_counter`, in the
 * very last statement before commit: the district's counter row is then locked for one
 * statement and the commit, not for the whole creation. The checks themselves are unchanged;
 * they run at commit.
 */
export class IntakeThroughput1763864000000 implements MigrationInterface {
  name = 'IntakeThroughput1763864000000';

  async up(q: QueryRunner): Promise<void> {
    for (const [table, constraint] of CONSTRAINTS) {
      await q.query(
        `ALTER TABLE ${table} ALTER CONSTRAINT ${constraint} DEFERRABLE INITIALLY IMMEDIATE`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table, constraint] of CONSTRAINTS) {
      await q.query(`ALTER TABLE ${table} ALTER CONSTRAINT ${constraint} NOT DEFERRABLE`);
    }
  }
}

const CONSTRAINTS = [
  ['claimant', 'claimant_case_id_fkey'],
  ['case_event', 'case_event_case_id_fkey'],
  ['case_clock', 'case_clock_case_id_fkey'],
] as const;
