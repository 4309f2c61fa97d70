import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 回访 feedback is recorded once: the 12345 platform may deliver the same feedback (same order,
 * same visit, same result) again, or several times at once. The database decides which delivery
 * is the first — the second finds the row and answers "duplicate", and reopens nothing.
 */
export class FeedbackOnce1763860500000 implements MigrationInterface {
  name = 'FeedbackOnce1763860500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE UNIQUE INDEX case_feedback_once ON case_feedback (order_no, visited_at, result)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX case_feedback_once`);
  }
}
