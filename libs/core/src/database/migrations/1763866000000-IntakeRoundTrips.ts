import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Intake round trips (bench/assignment): a new case's clocks reference it under a foreign key
 * checked at commit by default (INITIALLY DEFERRED), so `CasesService.createMany` no longer
 * spends a round trip on `SET CONSTRAINTS … DEFERRED` before writing them ahead of the case.
 * Its claimants and timeline events now go in the statement that inserts the case, so theirs
 * need no deferring and stay INITIALLY IMMEDIATE (IntakeThroughput made them DEFERRABLE).
 *
 * Every other writer of `case_clock` starts a clock of a case that exists: the check only moves
 * from the statement to the commit, and cannot fail.
 */
export class IntakeRoundTrips1763866000000 implements MigrationInterface {
  name = 'IntakeRoundTrips1763866000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE case_clock ALTER CONSTRAINT case_clock_case_id_fkey DEFERRABLE INITIALLY DEFERRED`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE case_clock ALTER CONSTRAINT case_clock_case_id_fkey DEFERRABLE INITIALLY IMMEDIATE`,
    );
  }
}
