import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mediation (issue 7, the mediator's work and the outcome):
 *
 * - `case_session`: sessions held with the parties (in person, phone, video), with participants.
 * - `case_note`: internal notes, never shown outside the network.
 * - `case_attachment`: files kept by an `AttachmentStore` (`storage_key`), checked by magic bytes.
 * - `case_agreement`: the 调解协议书 of one settled close. A reopened case closed again writes a
 *   new row; the earlier one is marked superseded, so exactly one agreement per case is `current`
 *   (partial unique index). Parties, claims and the unit name are a snapshot taken at close.
 * - `agreement_instalment`: what the agreement says is due when; `paid` is allocated by payments
 *   (never above `amount`), `defaulted_at` is set once, by a conditional update, when it is past
 *   due and not fully paid — that is what makes the default alert happen exactly once.
 * - `case_payment`: money received, against the agreement current when it was recorded, with how
 *   it was allocated to instalments.
 */
export class Mediation1763861000000 implements MigrationInterface {
  name = 'Mediation1763861000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_session (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id      uuid NOT NULL REFERENCES mediation_case (id),
        held_at      timestamptz NOT NULL,
        mode         text NOT NULL CHECK (mode IN ('in_person', 'phone', 'video')),
        notes        text NOT NULL,
        participants jsonb NOT NULL DEFAULT '[]',
        location     text,
        recorded_by  uuid NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX case_session_case_idx ON case_session (case_id, held_at)`);

    await q.query(`
      CREATE TABLE case_note (
        id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id    uuid NOT NULL REFERENCES mediation_case (id),
        body       text NOT NULL CHECK (length(btrim(body)) BETWEEN 1 AND 5000),
        author_id  uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX case_note_case_idx ON case_note (case_id, created_at)`);

    await q.query(`
      CREATE TABLE case_attachment (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id      uuid NOT NULL REFERENCES mediation_case (id),
        file_name    text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
        content_type text NOT NULL,
        size_bytes   bigint NOT NULL CHECK (size_bytes > 0),
        sha256       text NOT NULL,
        storage_key  text NOT NULL UNIQUE,
        uploaded_by  uuid NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX case_attachment_case_idx ON case_attachment (case_id, created_at)`);

    await q.query(`
      CREATE TABLE case_agreement (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id       uuid NOT NULL REFERENCES mediation_case (id),
        current       boolean NOT NULL DEFAULT true,
        superseded_at timestamptz,
        terms         text NOT NULL,
        amount_agreed numeric(14, 2) NOT NULL CHECK (amount_agreed >= 0),
        signed_at     timestamptz NOT NULL,
        parties       jsonb NOT NULL,
        claims        jsonb NOT NULL,
        unit_name     text NOT NULL,
        created_by    uuid NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        CHECK (current = (superseded_at IS NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX case_agreement_one_current ON case_agreement (case_id) WHERE current`,
    );
    await q.query(`CREATE INDEX case_agreement_case_idx ON case_agreement (case_id, created_at)`);

    await q.query(`
      CREATE TABLE agreement_instalment (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agreement_id uuid NOT NULL REFERENCES case_agreement (id),
        case_id      uuid NOT NULL REFERENCES mediation_case (id),
        no           int NOT NULL CHECK (no >= 1),
        due_date     date NOT NULL,
        amount       numeric(14, 2) NOT NULL CHECK (amount > 0),
        paid         numeric(14, 2) NOT NULL DEFAULT 0 CHECK (paid >= 0 AND paid <= amount),
        paid_at      timestamptz,
        defaulted_at timestamptz,
        UNIQUE (agreement_id, no)
      )`);
    await q.query(`CREATE INDEX agreement_instalment_case_idx ON agreement_instalment (case_id)`);
    // The default sweep reads only instalments still owed.
    await q.query(
      `CREATE INDEX agreement_instalment_owed_idx ON agreement_instalment (due_date)
        WHERE defaulted_at IS NULL AND paid < amount`,
    );

    await q.query(`
      CREATE TABLE case_payment (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id      uuid NOT NULL REFERENCES mediation_case (id),
        agreement_id uuid NOT NULL REFERENCES case_agreement (id),
        amount       numeric(14, 2) NOT NULL CHECK (amount > 0),
        paid_at      timestamptz NOT NULL,
        note         text,
        allocations  jsonb NOT NULL,
        recorded_by  uuid NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX case_payment_case_idx ON case_payment (case_id, paid_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE case_payment`);
    await q.query(`DROP TABLE agreement_instalment`);
    await q.query(`DROP TABLE case_agreement`);
    await q.query(`DROP TABLE case_attachment`);
    await q.query(`DROP TABLE case_note`);
    await q.query(`DROP TABLE case_session`);
  }
}
