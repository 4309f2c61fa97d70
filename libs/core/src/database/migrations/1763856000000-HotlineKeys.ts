import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Signing keys of the 12345 platform created by admins (secrets encrypted, never hashed). */
export class HotlineKeys1763856000000 implements MigrationInterface {
  name = 'HotlineKeys1763856000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE hotline_key (
        key_id      text PRIMARY KEY CHECK (key_id ~ '^[A-Za-z0-9._-]{1,64}$'),
        secret_enc  text NOT NULL,
        description text,
        created_by  uuid,
        created_at  timestamptz NOT NULL DEFAULT now(),
        revoked_at  timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE hotline_key`);
  }
}
