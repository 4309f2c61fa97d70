import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cases and how they arrive: the case itself, its claimants (personal numbers encrypted, with a
 * keyed hash for look-up and the masked form for display), the append-only timeline, 12345 work
 * orders (one per order number: the primary key is what makes a repeated push idempotent), case
 * number counters per district and year, and clusters of orders against one employer.
 *
 * `hotline_order.case_id` is checked at commit (DEFERRABLE): intake claims the order number with
 * the case id it is about to use before creating the case, so a concurrent duplicate push waits
 * on the primary key and then sees the first one's case instead of creating a second.
 */
export class Cases1763857000000 implements MigrationInterface {
  name = 'Cases1763857000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_number_counter (
        district_id uuid NOT NULL REFERENCES org_unit (id),
        year        int NOT NULL,
        last_no     int NOT NULL,
        PRIMARY KEY (district_id, year)
      )`);

    await q.query(`
      CREATE TABLE employer_cluster (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        employer_key   text NOT NULL,
        org_unit_id    uuid REFERENCES org_unit (id),
        first_at       timestamptz NOT NULL,
        last_at        timestamptz NOT NULL,
        worker_total   int NOT NULL DEFAULT 0,
        alerted_at     timestamptz
      )`);
    await q.query(
      `CREATE INDEX employer_cluster_key_idx ON employer_cluster (employer_key, last_at DESC)`,
    );

    await q.query(`
      CREATE TABLE mediation_case (
        id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_no              text NOT NULL UNIQUE,
        channel              text NOT NULL CHECK (channel IN
                               ('hotline', 'walk_in', 'online', 'union_hotline', 'court_referral')),
        status               text NOT NULL CHECK (status IN
                               ('triage', 'queued', 'offered', 'in_mediation', 'closed', 'returned')),
        outcome              text CHECK (outcome IN ('settled', 'failed', 'withdrawn', 'rejected',
                               'referred_arbitration', 'referred_litigation', 'referred_inspection')),
        category             text NOT NULL,
        title                text,
        description          text NOT NULL,
        org_unit_id          uuid NOT NULL REFERENCES org_unit (id),
        district_id          uuid NOT NULL REFERENCES org_unit (id),
        mediator_id          uuid REFERENCES mediator (id),
        collective           boolean NOT NULL DEFAULT false,
        urgent               boolean NOT NULL DEFAULT false,
        town_level           boolean NOT NULL DEFAULT false,
        employer_name        text,
        employer_credit_code text,
        employer_unit_id     uuid REFERENCES org_unit (id),
        event_address        text,
        amount_claimed       numeric(14, 2) CHECK (amount_claimed >= 0),
        amount_agreed        numeric(14, 2) CHECK (amount_agreed >= 0),
        amount_paid          numeric(14, 2) NOT NULL DEFAULT 0 CHECK (amount_paid >= 0),
        worker_count         int CHECK (worker_count BETWEEN 1 AND 100000),
        extracted_fields     text[] NOT NULL DEFAULT '{}',
        cluster_id           uuid REFERENCES employer_cluster (id),
        received_at          timestamptz NOT NULL,
        closed_at            timestamptz,
        created_by           uuid,
        created_at           timestamptz NOT NULL DEFAULT now(),
        updated_at           timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX mediation_case_unit_status_idx ON mediation_case (org_unit_id, status)`,
    );
    await q.query(`CREATE INDEX mediation_case_status_idx ON mediation_case (status, received_at)`);
    await q.query(
      `CREATE INDEX mediation_case_mediator_idx ON mediation_case (mediator_id) WHERE mediator_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX mediation_case_received_idx ON mediation_case (received_at DESC)`);
    await q.query(
      `CREATE INDEX mediation_case_cluster_idx ON mediation_case (cluster_id) WHERE cluster_id IS NOT NULL`,
    );

    await q.query(`
      CREATE TABLE claimant (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id          uuid NOT NULL REFERENCES mediation_case (id),
        position         int NOT NULL,
        name             text NOT NULL,
        phone_enc        text,
        phone_hash       text,
        phone_masked     text,
        id_number_enc    text,
        id_number_hash   text,
        id_number_masked text,
        UNIQUE (case_id, position)
      )`);
    await q.query(
      `CREATE INDEX claimant_phone_hash_idx ON claimant (phone_hash) WHERE phone_hash IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX claimant_id_number_hash_idx ON claimant (id_number_hash) WHERE id_number_hash IS NOT NULL`,
    );

    await q.query(`
      CREATE TABLE case_event (
        id         bigserial PRIMARY KEY,
        case_id    uuid NOT NULL REFERENCES mediation_case (id),
        at         timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor_id   uuid,
        actor_name text NOT NULL,
        type       text NOT NULL,
        data       jsonb NOT NULL DEFAULT '{}'::jsonb
      )`);
    await q.query(`CREATE INDEX case_event_case_idx ON case_event (case_id, id)`);
    // The timeline is append-only, like the audit log: history is never rewritten.
    await q.query(`
      CREATE FUNCTION heqi_case_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'case_event is append-only: % refused', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER case_event_append_only BEFORE UPDATE OR DELETE ON case_event
      FOR EACH ROW EXECUTE FUNCTION heqi_case_event_is_append_only()`);

    await q.query(`
      CREATE TABLE hotline_order (
        order_no          text PRIMARY KEY CHECK (length(order_no) BETWEEN 1 AND 64),
        case_id           uuid NOT NULL UNIQUE
                             REFERENCES mediation_case (id) DEFERRABLE INITIALLY DEFERRED,
        source            text NOT NULL CHECK (source IN ('push', 'import')),
        key_id            text,
        hotline_category  text,
        urgency           text NOT NULL DEFAULT 'normal',
        dispatched_at     timestamptz NOT NULL,
        reply_deadline    timestamptz,
        handling_unit_code text,
        reply_state       text NOT NULL DEFAULT 'none'
                            CHECK (reply_state IN ('none', 'pending', 'delivered', 'failing')),
        reply_last_error  text,
        received_at       timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE hotline_order`);
    await q.query(`DROP TABLE case_event`);
    await q.query(`DROP FUNCTION heqi_case_event_is_append_only()`);
    await q.query(`DROP TABLE claimant`);
    await q.query(`DROP TABLE mediation_case`);
    await q.query(`DROP TABLE employer_cluster`);
    await q.query(`DROP TABLE case_number_counter`);
  }
}
