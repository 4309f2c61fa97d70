import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outcomes (issues 7 and 8 share it): what the mediation work, the hotline reply loop and the
 * reports all read.
 *
 * - `mediation_case.reopen_count`: times an unsatisfied 回访 reopened the case (重办); reports
 *   count reopened cases from it.
 * - `mediation_case.first_contact_at`: when the mediator first reached the claimant.
 * - `case_feedback`: the caller's 回访 satisfaction pushed by the 12345 platform, one row per
 *   feedback received (a reopened case can be visited again). Append-only by convention.
 */
export class Outcomes1763860000000 implements MigrationInterface {
  name = 'Outcomes1763860000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE mediation_case
        ADD COLUMN reopen_count     int NOT NULL DEFAULT 0 CHECK (reopen_count >= 0),
        ADD COLUMN first_contact_at timestamptz`);
    await q.query(`
      CREATE TABLE case_feedback (
        id          bigserial PRIMARY KEY,
        case_id     uuid NOT NULL REFERENCES mediation_case (id),
        order_no    text NOT NULL REFERENCES hotline_order (order_no),
        result      text NOT NULL CHECK (result IN ('satisfied', 'basically_satisfied', 'unsatisfied')),
        comment     text,
        visited_at  timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX case_feedback_case_idx ON case_feedback (case_id, id)`);
    await q.query(`CREATE INDEX case_feedback_visited_idx ON case_feedback (visited_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE case_feedback`);
    await q.query(
      `ALTER TABLE mediation_case DROP COLUMN first_contact_at, DROP COLUMN reopen_count`,
    );
  }
}
