import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The append-only audit log. Append-only is enforced by the database itself: triggers refuse
 * UPDATE, DELETE and TRUNCATE for every role, including the application's own.
 */
export class Audit1763852000000 implements MigrationInterface {
  name = 'Audit1763852000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_log (
        id          bigserial PRIMARY KEY,
        at          timestamptz NOT NULL DEFAULT now(),
        actor_id    uuid,
        actor_name  text NOT NULL,
        action      text NOT NULL,
        object_type text NOT NULL,
        object_id   text,
        org_path    text,
        ip          text,
        request_id  text,
        data        jsonb NOT NULL DEFAULT '{}'::jsonb
      )`);
    await q.query(`CREATE INDEX audit_log_at_idx ON audit_log (at DESC, id DESC)`);
    await q.query(`CREATE INDEX audit_log_object_idx ON audit_log (object_id, at DESC)`);
    await q.query(`CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, at DESC)`);
    await q.query(
      `CREATE INDEX audit_log_org_path_idx ON audit_log (org_path text_pattern_ops, at DESC)`,
    );
    await q.query(`
      CREATE FUNCTION heqi_audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION heqi_audit_log_is_append_only()`);
    await q.query(`
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION heqi_audit_log_is_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_log`);
    await q.query(`DROP FUNCTION heqi_audit_log_is_append_only()`);
  }
}
