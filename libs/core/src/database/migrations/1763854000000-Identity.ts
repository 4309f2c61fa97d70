import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Users, login sessions with rotating refresh tokens, and the login-throttle counters.
 *
 * - `app_user.username` is stored lower-case and the CHECK forbids upper case, so the plain
 *   unique index is unique case-insensitively without citext (not on every Postgres we run on).
 * - A session (`auth_session`) is one refresh-token family: every refresh marks the presented
 *   token used and issues the next one; a used token presented again revokes the family.
 *   Only sha256 digests of refresh tokens are stored: a leaked table grants nothing.
 * - `login_throttle` is rate-limiter-flexible's Postgres store, created here (the library runs
 *   with `tableCreated: true`) so the schema stays under reviewed migrations.
 */
export class Identity1763854000000 implements MigrationInterface {
  name = 'Identity1763854000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE app_user (
        id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username            text NOT NULL CHECK (username ~ '^[a-z0-9_.-]{3,64}$'),
        password_hash       text NOT NULL,
        display_name        text NOT NULL CHECK (length(btrim(display_name)) BETWEEN 1 AND 100),
        roles               text[] NOT NULL CHECK (
                              cardinality(roles) >= 1
                              AND roles <@ ARRAY['admin', 'supervisor', 'intake', 'mediator',
                                                 'volunteer']::text[]),
        org_unit_id         uuid REFERENCES org_unit (id),
        mediator_id         uuid REFERENCES mediator (id),
        active              boolean NOT NULL DEFAULT true,
        created_at          timestamptz NOT NULL DEFAULT now(),
        updated_at          timestamptz NOT NULL DEFAULT now(),
        password_changed_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT app_user_username_key UNIQUE (username),
        CONSTRAINT app_user_mediator_id_key UNIQUE (mediator_id),
        -- Only an admin may be deployment-wide (no home unit); anyone who mediates has a unit.
        CONSTRAINT app_user_org_unit_check CHECK (
          org_unit_id IS NOT NULL
          OR ('admin' = ANY (roles) AND NOT roles && ARRAY['mediator', 'volunteer']::text[])),
        -- Mediators and volunteers act through their mediator record; nobody else has one.
        CONSTRAINT app_user_mediator_check CHECK (
          (mediator_id IS NOT NULL) = (roles && ARRAY['mediator', 'volunteer']::text[]))
      )`);
    await q.query(`CREATE INDEX app_user_org_unit_idx ON app_user (org_unit_id)`);
    // The start-up check "is there an active admin" and the admin list read this.
    await q.query(`CREATE INDEX app_user_roles_idx ON app_user USING gin (roles)`);

    await q.query(`
      CREATE TABLE auth_session (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id        uuid NOT NULL REFERENCES app_user (id),
        created_at     timestamptz NOT NULL DEFAULT now(),
        last_used_at   timestamptz NOT NULL DEFAULT now(),
        expires_at     timestamptz NOT NULL,
        revoked_at     timestamptz,
        revoked_reason text CHECK (revoked_reason IN ('logout', 'refresh_reuse',
                                   'user_deactivated', 'password_changed')),
        ip             text,
        user_agent     text,
        CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL))
      )`);
    await q.query(
      `CREATE INDEX auth_session_user_live_idx ON auth_session (user_id) WHERE revoked_at IS NULL`,
    );

    await q.query(`
      CREATE TABLE refresh_token (
        id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES auth_session (id) ON DELETE CASCADE,
        token_hash text NOT NULL CHECK (token_hash ~ '^[0-9a-f]{64}$'),
        issued_at  timestamptz NOT NULL DEFAULT now(),
        used_at    timestamptz,
        CONSTRAINT refresh_token_hash_key UNIQUE (token_hash)
      )`);
    await q.query(`CREATE INDEX refresh_token_session_idx ON refresh_token (session_id)`);

    // Layout fixed by rate-limiter-flexible's RateLimiterPostgres (key, points, expire in ms).
    await q.query(`
      CREATE TABLE login_throttle (
        key    varchar(255) PRIMARY KEY,
        points integer NOT NULL DEFAULT 0,
        expire bigint
      )`);
    await q.query(`CREATE INDEX login_throttle_expire_idx ON login_throttle (expire)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE login_throttle`);
    await q.query(`DROP TABLE refresh_token`);
    await q.query(`DROP TABLE auth_session`);
    await q.query(`DROP TABLE app_user`);
  }
}
