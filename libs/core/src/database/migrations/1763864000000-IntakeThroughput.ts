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
 *
 * The claimant look-up indexes gain the case id (`(phone_hash, case_id)`,
 * `(id_number_hash, case_id)`), so counting a caller's earlier cases reads at most as many
 * index entries as the count's limit, however many cases the number has.
 */
export class IntakeThroughput1763864000000 implements MigrationInterface {
  name = 'IntakeThroughput1763864000000';

  async up(q: QueryRunner): Promise<void> {
    for (const [table, constraint] of CONSTRAINTS) {
      await q.query(
        `ALTER TABLE ${table} ALTER CONSTRAINT ${constraint} DEFERRABLE INITIALLY IMMEDIATE`,
      );
    }
    await q.query(
      `CREATE INDEX claimant_phone_case_idx ON claimant (phone_hash, case_id) WHERE phone_hash IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX claimant_id_number_case_idx ON claimant (id_number_hash, case_id) WHERE id_number_hash IS NOT NULL`,
    );
    await q.query(`DROP INDEX claimant_phone_hash_idx`);
    await q.query(`DROP INDEX claimant_id_number_hash_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX claimant_phone_hash_idx ON claimant (phone_hash) WHERE phone_hash IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX claimant_id_number_hash_idx ON claimant (id_number_hash) WHERE id_number_hash IS NOT NULL`,
    );
    await q.query(`DROP INDEX claimant_id_number_case_idx`);
    await q.query(`DROP INDEX claimant_phone_case_idx`);
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
