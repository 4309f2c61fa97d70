import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Report marks become append-only (issue 5's benchmark found the old shape stalling case writes).
 *
 * Before, `report_dirty` held one row per case (`INSERT … ON CONFLICT DO NOTHING`) and the drain
 * deleted the rows it claimed at the start of its transaction. A case changed while a drain was
 * folding it (a new case offered a moment after intake, say) then inserted into a row being
 * deleted by a transaction still in progress: Postgres makes that insert wait for the drain's
 * commit, so the engine's `UPDATE mediation_case` stalled for up to the drain's ~1 s.
 *
 * Now every change appends a mark with its own sequence number and never conflicts with
 * anything; a drain locks the marks it reads (`FOR UPDATE SKIP LOCKED`) and deletes exactly those
 * when it commits. A mark appended while a case is being folded is not among them, so that case
 * is folded again by the next drain — as before, nothing is lost, and now nobody waits.
 */
export class ReportMarksAppendOnly1763864500000 implements MigrationInterface {
  name = 'ReportMarksAppendOnly1763864500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE report_dirty DROP CONSTRAINT report_dirty_pkey`);
    await q.query(`ALTER TABLE report_dirty ADD COLUMN seq bigserial PRIMARY KEY`);
    await q.query(`
      CREATE OR REPLACE FUNCTION heqi_report_mark_case() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_TABLE_NAME = 'mediation_case' THEN
          INSERT INTO report_dirty (case_id) VALUES (NEW.id);
        ELSIF TG_OP = 'DELETE' THEN
          INSERT INTO report_dirty (case_id) VALUES (OLD.case_id);
        ELSE
          INSERT INTO report_dirty (case_id) VALUES (NEW.case_id);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION heqi_report_mark_unit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO report_dirty (case_id) SELECT id FROM mediation_case WHERE org_unit_id = NEW.id;
        RETURN NULL;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION heqi_report_mark_case() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_TABLE_NAME = 'mediation_case' THEN
          INSERT INTO report_dirty (case_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
        ELSIF TG_OP = 'DELETE' THEN
          INSERT INTO report_dirty (case_id) VALUES (OLD.case_id) ON CONFLICT DO NOTHING;
        ELSE
          INSERT INTO report_dirty (case_id) VALUES (NEW.case_id) ON CONFLICT DO NOTHING;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION heqi_report_mark_unit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO report_dirty (case_id)
        SELECT id FROM mediation_case WHERE org_unit_id = NEW.id
        ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$`);
    await q.query(`DELETE FROM report_dirty d USING report_dirty e
                    WHERE d.case_id = e.case_id AND d.seq > e.seq`);
    await q.query(`ALTER TABLE report_dirty DROP COLUMN seq`);
    await q.query(`ALTER TABLE report_dirty ADD PRIMARY KEY (case_id)`);
  }
}
