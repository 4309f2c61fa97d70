import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Queued assignment (issue 5): offers, co-mediators, the engine's bookkeeping, supervisor alerts
 * and the law-firm engagements that 回避 checks read.
 *
 * Race-freedom lives here, not in code paths:
 * - `case_offer_one_open_lead` / `_one_open_co`: at most one open lead offer and one open
 *   co-mediator offer per case, however many workers route the same case at once.
 * - `mediation_case_holder_check`: `mediation_case.mediator_id` is the single lead holder; a case
 *   waiting for a mediator (triage, queued, offered, returned) has none, one in mediation has one.
 * - Capacity (open offers + held cases < capacity) cannot be a constraint; the engine locks the
 *   mediator row (FOR NO KEY UPDATE … SKIP LOCKED) and counts with `heqi_mediator_load` in a
 *   later statement of the same transaction, so the count sees every offer committed before it
 *   got the lock. Every path that adds load takes that lock; accepting moves an offer to a held
 *   case in one transaction and leaves the load unchanged.
 */
export class Assignment1763858000000 implements MigrationInterface {
  name = 'Assignment1763858000000';

  async up(q: QueryRunner): Promise<void> {
    // Round-robin among equally loaded mediators: longest since the last offer first.
    await q.query(`ALTER TABLE mediator ADD COLUMN last_assigned_at timestamptz`);

    await q.query(`
      ALTER TABLE mediation_case ADD CONSTRAINT mediation_case_holder_check CHECK (
        (status IN ('triage', 'queued', 'offered', 'returned') AND mediator_id IS NULL)
        OR (status = 'in_mediation' AND mediator_id IS NOT NULL)
        OR status = 'closed')`);
    // The load count reads held cases per mediator; closed cases (most of them) stay out.
    await q.query(
      `CREATE INDEX mediation_case_held_idx ON mediation_case (mediator_id) WHERE status = 'in_mediation'`,
    );

    await q.query(`
      CREATE TABLE case_offer (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id        uuid NOT NULL REFERENCES mediation_case (id),
        mediator_id    uuid NOT NULL REFERENCES mediator (id),
        role           text NOT NULL CHECK (role IN ('lead', 'co')),
        state          text NOT NULL DEFAULT 'open'
                         CHECK (state IN ('open', 'accepted', 'declined', 'expired', 'withdrawn')),
        offered_at     timestamptz NOT NULL,
        expires_at     timestamptz NOT NULL,
        answered_at    timestamptz,
        decline_reason text CHECK (length(btrim(decline_reason)) BETWEEN 1 AND 500),
        CHECK (expires_at > offered_at),
        CHECK ((state = 'open') = (answered_at IS NULL)),
        CHECK ((state = 'declined') = (decline_reason IS NOT NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX case_offer_one_open_lead ON case_offer (case_id) WHERE state = 'open' AND role = 'lead'`,
    );
    await q.query(
      `CREATE UNIQUE INDEX case_offer_one_open_co ON case_offer (case_id) WHERE state = 'open' AND role = 'co'`,
    );
    await q.query(
      `CREATE INDEX case_offer_open_mediator_idx ON case_offer (mediator_id) WHERE state = 'open'`,
    );
    await q.query(
      `CREATE INDEX case_offer_open_expiry_idx ON case_offer (expires_at) WHERE state = 'open'`,
    );
    await q.query(`CREATE INDEX case_offer_case_idx ON case_offer (case_id, mediator_id)`);

    // A collective dispute's volunteer lawyer beside the lead (mediation_case.mediator_id).
    await q.query(`
      CREATE TABLE case_co_mediator (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id     uuid NOT NULL REFERENCES mediation_case (id),
        mediator_id uuid NOT NULL REFERENCES mediator (id),
        offer_id    uuid REFERENCES case_offer (id),
        since       timestamptz NOT NULL DEFAULT now(),
        until       timestamptz,
        CHECK (until IS NULL OR until >= since)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX case_co_mediator_current_key ON case_co_mediator (case_id) WHERE until IS NULL`,
    );
    await q.query(
      `CREATE INDEX case_co_mediator_mediator_idx ON case_co_mediator (mediator_id) WHERE until IS NULL`,
    );

    // The engine's bookkeeping per case: how long it has waited, how often it was tried, and
    // why the last try found nobody (shown in the unassigned view).
    await q.query(`
      CREATE TABLE case_assignment (
        case_id         uuid PRIMARY KEY REFERENCES mediation_case (id),
        queued_since    timestamptz NOT NULL,
        attempts        int NOT NULL DEFAULT 0,
        last_attempt_at timestamptz,
        no_candidate    jsonb,
        co_none_at      timestamptz
      )`);
    await q.query(
      `CREATE INDEX case_assignment_waiting_idx ON case_assignment (last_attempt_at) WHERE no_candidate IS NOT NULL`,
    );

    // Alerts for the supervisors of a case's unit (notifications deliver them in a later issue).
    // One open alert per case and kind: retries that still find nobody do not repeat it.
    await q.query(`
      CREATE TABLE assignment_alert (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id        uuid NOT NULL REFERENCES mediation_case (id),
        kind           text NOT NULL CHECK (kind IN ('no_candidate')),
        org_unit_id    uuid NOT NULL REFERENCES org_unit (id),
        supervisor_ids uuid[] NOT NULL DEFAULT '{}',
        data           jsonb NOT NULL DEFAULT '{}'::jsonb,
        raised_at      timestamptz NOT NULL DEFAULT now(),
        last_seen_at   timestamptz NOT NULL DEFAULT now(),
        resolved_at    timestamptz
      )`);
    await q.query(
      `CREATE UNIQUE INDEX assignment_alert_open_key ON assignment_alert (case_id, kind) WHERE resolved_at IS NULL`,
    );
    await q.query(
      `CREATE INDEX assignment_alert_open_unit_idx ON assignment_alert (org_unit_id) WHERE resolved_at IS NULL`,
    );

    // Which law firm acts for which employer (回避): a volunteer lawyer of that firm is never
    // offered a case against that employer. Matched on the credit code, or on the employer's name
    // under the network's name rule (heqi_unit_name_key), firm names under the same rule.
    await q.query(`
      CREATE TABLE law_firm_engagement (
        id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        law_firm             text NOT NULL CHECK (length(btrim(law_firm)) BETWEEN 1 AND 200),
        employer_name        text NOT NULL CHECK (length(btrim(employer_name)) BETWEEN 1 AND 200),
        employer_credit_code text CHECK (employer_credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
        since                date NOT NULL,
        until                date,
        note                 text CHECK (length(note) <= 500),
        org_unit_id          uuid REFERENCES org_unit (id),
        created_by           uuid,
        created_at           timestamptz NOT NULL DEFAULT now(),
        CHECK (until IS NULL OR until >= since)
      )`);
    await q.query(
      `CREATE INDEX law_firm_engagement_firm_idx ON law_firm_engagement (heqi_unit_name_key(law_firm))`,
    );

    // A mediator's load: open offers (lead or co), cases held as lead, current co-mediations of
    // cases still open. Capacity is compared with this, in SQL only, so every reader agrees.
    await q.query(`
      CREATE FUNCTION heqi_mediator_load(mediator uuid) RETURNS int
        LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT (SELECT count(*) FROM case_offer o WHERE o.mediator_id = mediator AND o.state = 'open')::int
             + (SELECT count(*) FROM mediation_case h
                 WHERE h.mediator_id = mediator AND h.status = 'in_mediation')::int
             + (SELECT count(*) FROM case_co_mediator cm JOIN mediation_case cc ON cc.id = cm.case_id
                 WHERE cm.mediator_id = mediator AND cm.until IS NULL
                   AND cc.status IN ('offered', 'in_mediation'))::int
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION heqi_mediator_load(uuid)`);
    await q.query(`DROP TABLE law_firm_engagement`);
    await q.query(`DROP TABLE assignment_alert`);
    await q.query(`DROP TABLE case_assignment`);
    await q.query(`DROP TABLE case_co_mediator`);
    await q.query(`DROP TABLE case_offer`);
    await q.query(`DROP INDEX mediation_case_held_idx`);
    await q.query(`ALTER TABLE mediation_case DROP CONSTRAINT mediation_case_holder_check`);
    await q.query(`ALTER TABLE mediator DROP COLUMN last_assigned_at`);
  }
}
