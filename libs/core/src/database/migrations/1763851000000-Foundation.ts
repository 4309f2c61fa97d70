import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The platform tables: the transactional outbox, job receipts and pipeline probes. */
export class Foundation1763851000000 implements MigrationInterface {
  name = 'Foundation1763851000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox_message (
        id             bigserial PRIMARY KEY,
        queue_name     text NOT NULL,
        job_name       text NOT NULL,
        payload        jsonb NOT NULL,
        job_id         text,
        run_at         timestamptz,
        created_at     timestamptz NOT NULL DEFAULT now(),
        relayed_at     timestamptz,
        relay_attempts int NOT NULL DEFAULT 0,
        last_error     text
      )`);
    await q.query(
      `CREATE INDEX outbox_message_pending_idx ON outbox_message (id) WHERE relayed_at IS NULL`,
    );
    await q.query(
      `CREATE INDEX outbox_message_relayed_at_idx ON outbox_message (relayed_at) WHERE relayed_at IS NOT NULL`,
    );
    // One NOTIFY per inserting statement, delivered by Postgres only when the transaction commits:
    // the relay wakes for committed rows and never for rolled-back ones.
    await q.query(`
      CREATE FUNCTION heqi_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('heqi_outbox', '');
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER outbox_message_notify AFTER INSERT ON outbox_message
      FOR EACH STATEMENT EXECUTE FUNCTION heqi_outbox_notify()`);

    await q.query(`
      CREATE TABLE job_receipt (
        job_key      text PRIMARY KEY,
        job_name     text NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE pipeline_probe (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at   timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        runs         int NOT NULL DEFAULT 0
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE pipeline_probe`);
    await q.query(`DROP TABLE job_receipt`);
    await q.query(`DROP TRIGGER outbox_message_notify ON outbox_message`);
    await q.query(`DROP FUNCTION heqi_outbox_notify()`);
    await q.query(`DROP TABLE outbox_message`);
  }
}
