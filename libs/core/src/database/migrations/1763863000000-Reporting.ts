import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reporting (issue 8): pre-aggregated figures so a supervisor's summary reads thousands of rows,
 * not millions, whatever the size of the subtree.
 *
 * - `report_dirty`: cases whose figures may have changed. Cheap row triggers on
 *   `mediation_case` (only when a reported column changes), `case_feedback` and `case_clock`
 *   (state or stop reason) add the case id in the same transaction as the change
 *   (`INSERT … ON CONFLICT DO NOTHING`: one row per case, so intake writes no shared hot row).
 *   Moving a unit in the tree (its `path` changes) marks its cases too.
 * - `report_case_fact_source`: the one definition of what a case contributes (a view; the
 *   worker's drain and the rebuild both read it, so they cannot disagree).
 * - `report_case_fact`: each case's contribution as last applied to the rollups.
 * - `report_rollup`: sums per (unit, dimension, grain, period, key). A case counts under its
 *   own unit AND every ancestor (≤ 5 levels), so a subtree total is one index range on
 *   `unit_id`, never a scan of the subtree's cases. Dimension `c` keys by category, `m` by
 *   mediator ('' = unassigned). Grain `d` = a day (Asia/Shanghai), `m` = a month (period = its
 *   first day): a period reads whole months from `m` and the ragged edges from `d`.
 *   Received figures sit on the received day, closed figures on the closed day.
 */
export class Reporting1763863000000 implements MigrationInterface {
  name = 'Reporting1763863000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE report_dirty (
        case_id   uuid PRIMARY KEY,
        marked_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE report_case_fact (
        case_id        uuid PRIMARY KEY,
        unit_id        uuid NOT NULL,
        unit_path      text NOT NULL,
        mediator_key   text NOT NULL,
        category       text NOT NULL,
        received_day   date NOT NULL,
        reopened       int NOT NULL,
        closed_day     date,
        closed         int NOT NULL,
        settled        int NOT NULL,
        failed         int NOT NULL,
        referred       int NOT NULL,
        withdrawn      int NOT NULL,
        rejected       int NOT NULL,
        amount_claimed numeric(18, 2) NOT NULL,
        amount_agreed  numeric(18, 2) NOT NULL,
        amount_paid    numeric(18, 2) NOT NULL,
        feedback       int NOT NULL,
        satisfied      int NOT NULL,
        clocks_due     int NOT NULL,
        clocks_met     int NOT NULL,
        close_seconds  bigint NOT NULL
      )`);

    await q.query(`
      CREATE TABLE report_rollup (
        unit_id        uuid NOT NULL,
        dim            char(1) NOT NULL CHECK (dim IN ('c', 'm')),
        grain          char(1) NOT NULL CHECK (grain IN ('d', 'm')),
        period         date NOT NULL,
        dim_key        text NOT NULL,
        received       bigint NOT NULL DEFAULT 0,
        reopened       bigint NOT NULL DEFAULT 0,
        closed         bigint NOT NULL DEFAULT 0,
        settled        bigint NOT NULL DEFAULT 0,
        failed         bigint NOT NULL DEFAULT 0,
        referred       bigint NOT NULL DEFAULT 0,
        withdrawn      bigint NOT NULL DEFAULT 0,
        rejected       bigint NOT NULL DEFAULT 0,
        amount_claimed numeric(20, 2) NOT NULL DEFAULT 0,
        amount_agreed  numeric(20, 2) NOT NULL DEFAULT 0,
        amount_paid    numeric(20, 2) NOT NULL DEFAULT 0,
        feedback       bigint NOT NULL DEFAULT 0,
        satisfied      bigint NOT NULL DEFAULT 0,
        clocks_due     bigint NOT NULL DEFAULT 0,
        clocks_met     bigint NOT NULL DEFAULT 0,
        close_seconds  bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (unit_id, dim, grain, period, dim_key)
      )`);

    // What one case contributes. Closed figures only while the case is closed: a reopened case
    // (重办) leaves them until it closes again. On-time counts the service clocks decided so far
    // (limitation and agreement_performance measure the claimant and the employer, not us): a
    // breached clock is due and late whatever stopped it; a met clock is due and in time unless
    // it was stopped because the case was routed on or returned to the hotline (that unit did not
    // do the work, so it is left out of both sides).
    await q.query(`
      CREATE VIEW report_case_fact_source AS
      SELECT c.id AS case_id,
             c.org_unit_id AS unit_id,
             ou.path AS unit_path,
             coalesce(c.mediator_id::text, '') AS mediator_key,
             c.category,
             (c.received_at AT TIME ZONE 'Asia/Shanghai')::date AS received_day,
             (c.reopen_count > 0)::int AS reopened,
             CASE WHEN cl THEN (c.closed_at AT TIME ZONE 'Asia/Shanghai')::date END AS closed_day,
             cl::int AS closed,
             (cl AND c.outcome = 'settled')::int AS settled,
             (cl AND c.outcome = 'failed')::int AS failed,
             (cl AND c.outcome IN ('referred_arbitration', 'referred_litigation',
                                      'referred_inspection'))::int AS referred,
             (cl AND c.outcome = 'withdrawn')::int AS withdrawn,
             (cl AND c.outcome = 'rejected')::int AS rejected,
             CASE WHEN cl THEN coalesce(c.amount_claimed, 0) ELSE 0 END AS amount_claimed,
             CASE WHEN cl THEN coalesce(c.amount_agreed, 0) ELSE 0 END AS amount_agreed,
             CASE WHEN cl THEN c.amount_paid ELSE 0 END AS amount_paid,
             CASE WHEN cl THEN f.feedback ELSE 0 END AS feedback,
             CASE WHEN cl THEN f.satisfied ELSE 0 END AS satisfied,
             CASE WHEN cl THEN k.due ELSE 0 END AS clocks_due,
             CASE WHEN cl THEN k.met ELSE 0 END AS clocks_met,
             CASE WHEN cl THEN greatest(0, round(extract(epoch FROM c.closed_at - c.received_at)))::bigint
                  ELSE 0 END AS close_seconds
        FROM mediation_case c
        JOIN org_unit ou ON ou.id = c.org_unit_id
        CROSS JOIN LATERAL (SELECT c.status = 'closed' AND c.closed_at IS NOT NULL AS cl) s
        CROSS JOIN LATERAL (
          SELECT count(*)::int AS feedback,
                 count(*) FILTER (WHERE fb.result IN ('satisfied', 'basically_satisfied'))::int
                   AS satisfied
            FROM case_feedback fb WHERE fb.case_id = c.id) f
        CROSS JOIN LATERAL (
          SELECT count(*) FILTER (WHERE ok OR late)::int AS due,
                 count(*) FILTER (WHERE ok)::int AS met
            FROM (SELECT k.state = 'breached' AS late,
                         k.state = 'met' AND coalesce(k.stop_reason, '') NOT IN ('returned', 'routed')
                           AS ok
                    FROM case_clock k
                   WHERE k.case_id = c.id
                     AND k.kind IN ('hotline_sign_for', 'first_contact', 'hotline_reply',
                                    'mediation_limit', 'judicial_confirmation')) kk) k`);

    await q.query(`
      CREATE FUNCTION heqi_report_mark_case() RETURNS trigger LANGUAGE plpgsql AS $$
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
      CREATE TRIGGER mediation_case_report_insert AFTER INSERT ON mediation_case
      FOR EACH ROW EXECUTE FUNCTION heqi_report_mark_case()`);
    await q.query(`
      CREATE TRIGGER mediation_case_report_update AFTER UPDATE ON mediation_case
      FOR EACH ROW WHEN (
        OLD.org_unit_id IS DISTINCT FROM NEW.org_unit_id
        OR OLD.mediator_id IS DISTINCT FROM NEW.mediator_id
        OR OLD.category IS DISTINCT FROM NEW.category
        OR OLD.status IS DISTINCT FROM NEW.status
        OR OLD.outcome IS DISTINCT FROM NEW.outcome
        OR OLD.received_at IS DISTINCT FROM NEW.received_at
        OR OLD.closed_at IS DISTINCT FROM NEW.closed_at
        OR OLD.reopen_count IS DISTINCT FROM NEW.reopen_count
        OR OLD.amount_claimed IS DISTINCT FROM NEW.amount_claimed
        OR OLD.amount_agreed IS DISTINCT FROM NEW.amount_agreed
        OR OLD.amount_paid IS DISTINCT FROM NEW.amount_paid)
      EXECUTE FUNCTION heqi_report_mark_case()`);
    await q.query(`
      CREATE TRIGGER case_feedback_report AFTER INSERT OR UPDATE OR DELETE ON case_feedback
      FOR EACH ROW EXECUTE FUNCTION heqi_report_mark_case()`);
    // A new clock is running and counts for nothing yet: only its decisions matter (a clock
    // written already decided — imports, repairs — marks its case too).
    await q.query(`
      CREATE TRIGGER case_clock_report_insert AFTER INSERT ON case_clock
      FOR EACH ROW WHEN (NEW.state IN ('met', 'breached'))
      EXECUTE FUNCTION heqi_report_mark_case()`);
    await q.query(`
      CREATE TRIGGER case_clock_report AFTER UPDATE ON case_clock
      FOR EACH ROW WHEN (OLD.state IS DISTINCT FROM NEW.state
                         OR OLD.stop_reason IS DISTINCT FROM NEW.stop_reason
                         OR OLD.kind IS DISTINCT FROM NEW.kind)
      EXECUTE FUNCTION heqi_report_mark_case()`);

    await q.query(`
      CREATE FUNCTION heqi_report_mark_unit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO report_dirty (case_id)
        SELECT id FROM mediation_case WHERE org_unit_id = NEW.id
        ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER org_unit_report_path AFTER UPDATE ON org_unit
      FOR EACH ROW WHEN (OLD.path IS DISTINCT FROM NEW.path)
      EXECUTE FUNCTION heqi_report_mark_unit()`);

    // Cases that exist already are drained by the worker like any change.
    await q.query(`INSERT INTO report_dirty (case_id) SELECT id FROM mediation_case`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER org_unit_report_path ON org_unit`);
    await q.query(`DROP FUNCTION heqi_report_mark_unit()`);
    await q.query(`DROP TRIGGER case_clock_report ON case_clock`);
    await q.query(`DROP TRIGGER case_clock_report_insert ON case_clock`);
    await q.query(`DROP TRIGGER case_feedback_report ON case_feedback`);
    await q.query(`DROP TRIGGER mediation_case_report_update ON mediation_case`);
    await q.query(`DROP TRIGGER mediation_case_report_insert ON mediation_case`);
    await q.query(`DROP FUNCTION heqi_report_mark_case()`);
    await q.query(`DROP VIEW report_case_fact_source`);
    await q.query(`DROP TABLE report_rollup`);
    await q.query(`DROP TABLE report_case_fact`);
    await q.query(`DROP TABLE report_dirty`);
  }
}
