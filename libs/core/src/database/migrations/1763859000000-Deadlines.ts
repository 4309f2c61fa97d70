import type { MigrationInterface, QueryRunner } from 'typeorm';
import { loadOfficialCalendar, officialPublishedYears } from '@heqi/calendar';

const KINDS = `('hotline_sign_for', 'first_contact', 'hotline_reply', 'mediation_limit',
  'judicial_confirmation', 'agreement_performance', 'limitation')`;
const UNITS = `('minutes', 'working_hours', 'working_days', 'calendar_days', 'calendar_months')`;

/**
 * Deadlines (issue 6): the working-day calendar, clock policies, the clocks of each case, their
 * extensions, 督办 (supervision orders) and the in-app notification inbox.
 *
 * - The calendar is seeded from the `chinese-days` package (the calendar engine's loader) at
 *   migration time, marked `official`; admins add or correct days (`admin`). A year is
 *   `published` once the State Council's schedule for it is in; clocks reaching into other years
 *   are computed Monday–Friday and flagged. `deadline_revision` carries one counter for the
 *   calendar and one for the policies: every change bumps it in the same transaction, and every
 *   process compares it with the copy it caches, so all processes agree on the calendar.
 * - A clock is open while `stopped_at` is null. `next_fire_at` (generated) is the instant of its
 *   next transition — the warning while running, the breach once warned, none otherwise — and
 *   the sweep finds due clocks through its partial index, one range scan whatever the state mix.
 *   Each transition is one conditional UPDATE on `state`, so it happens exactly once however many
 *   delayed jobs and sweeps race for it.
 * - One open clock per case, kind and `ref` (instalments of one agreement differ by `ref`); one
 *   pending extension per clock; one 督办 per breached clock.
 */
export class Deadlines1763859000000 implements MigrationInterface {
  name = 'Deadlines1763859000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE deadline_revision (
        id               boolean PRIMARY KEY DEFAULT true CHECK (id),
        calendar_version bigint NOT NULL DEFAULT 1,
        policy_version   bigint NOT NULL DEFAULT 1,
        updated_at       timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`INSERT INTO deadline_revision DEFAULT VALUES`);

    await q.query(`
      CREATE TABLE calendar_year (
        year                  int PRIMARY KEY CHECK (year BETWEEN 1990 AND 2200),
        published             boolean NOT NULL DEFAULT false,
        source                text NOT NULL CHECK (source IN ('official', 'admin')),
        published_at          timestamptz,
        unverified_alerted_at timestamptz,
        updated_by            uuid,
        updated_at            timestamptz NOT NULL DEFAULT now(),
        CHECK (published = (published_at IS NOT NULL))
      )`);
    // A holiday is a weekday off, a make-up workday (调休) a weekend day worked: anything else
    // would not change the plain Monday–Friday week and only hide a typo.
    await q.query(`
      CREATE TABLE calendar_day (
        date       date PRIMARY KEY,
        kind       text NOT NULL CHECK (kind IN ('holiday', 'workday')),
        name       text CHECK (length(btrim(name)) BETWEEN 1 AND 50),
        source     text NOT NULL CHECK (source IN ('official', 'admin')),
        version    int NOT NULL DEFAULT 1,
        updated_by uuid,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((kind = 'holiday') = (extract(isodow FROM date) < 6))
      )`);

    const days = loadOfficialCalendar();
    await q.query(
      `INSERT INTO calendar_day (date, kind, name, source)
       SELECT d.date, d.kind, d.name, 'official'
         FROM unnest($1::date[], $2::text[], $3::text[]) AS d(date, kind, name)`,
      [days.map((d) => d.date), days.map((d) => d.kind), days.map((d) => d.name ?? null)],
    );
    await q.query(
      `INSERT INTO calendar_year (year, published, source, published_at)
       SELECT y, true, 'official', now() FROM unnest($1::int[]) AS y`,
      [officialPublishedYears()],
    );

    await q.query(`
      CREATE TABLE clock_policy (
        id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind               text NOT NULL CHECK (kind IN ${KINDS}),
        channel            text CHECK (channel IN
                             ('hotline', 'walk_in', 'online', 'union_hotline', 'court_referral')),
        category           text CHECK (category IN ('labor_relation', 'contract', 'wages',
                             'social_insurance', 'work_injury', 'dismissal', 'working_time',
                             'welfare', 'other')),
        collective         boolean,
        budget_value       numeric(10, 3) CHECK (budget_value > 0),
        budget_unit        text CHECK (budget_unit IN ${UNITS}),
        warn_share         numeric(4, 3) NOT NULL DEFAULT 0.8 CHECK (warn_share > 0 AND warn_share < 1),
        max_extension_days int NOT NULL DEFAULT 0 CHECK (max_extension_days BETWEEN 0 AND 366),
        basis              text CHECK (length(basis) <= 200),
        active             boolean NOT NULL DEFAULT true,
        created_at         timestamptz NOT NULL DEFAULT now(),
        updated_at         timestamptz NOT NULL DEFAULT now(),
        updated_by         uuid,
        -- No budget: the caller gives each clock's due instant (an instalment's due date).
        CHECK ((budget_value IS NULL) = (budget_unit IS NULL))
      )`);
    // One active policy per combination, so "the most specific policy" is always a single row.
    await q.query(`
      CREATE UNIQUE INDEX clock_policy_active_key ON clock_policy
        (kind, coalesce(channel, ''), coalesce(category, ''), coalesce(collective::text, ''))
        WHERE active`);
    await q.query(`
      INSERT INTO clock_policy (kind, channel, category, collective, budget_value, budget_unit,
                                max_extension_days, basis) VALUES
        ('hotline_sign_for', 'hotline', NULL, NULL, 2, 'working_hours', 0, '12345 工单签收时限'),
        ('hotline_sign_for', 'hotline', 'wages', true, 1, 'working_hours', 0,
         '12345 工单签收时限（集体欠薪）'),
        ('first_contact', NULL, NULL, NULL, 1, 'working_days', 0, '受理后首次联系申请人'),
        ('hotline_reply', 'hotline', NULL, NULL, 5, 'working_days', 10,
         '12345 工单办结回复时限，经批准可延长'),
        ('mediation_limit', NULL, NULL, NULL, 15, 'calendar_days', 0,
         '《劳动争议调解仲裁法》第十四条：自收到调解申请之日起十五日'),
        ('judicial_confirmation', NULL, NULL, NULL, 30, 'calendar_days', 0,
         '《人民调解法》第三十三条：调解协议生效之日起三十日内申请司法确认'),
        ('agreement_performance', NULL, NULL, NULL, NULL, NULL, 0, '调解协议约定的履行期限'),
        ('limitation', NULL, NULL, NULL, 12, 'calendar_months', 0,
         '《劳动争议调解仲裁法》第二十七条：仲裁时效一年')`);

    await q.query(`
      CREATE TABLE case_clock (
        id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id             uuid NOT NULL REFERENCES mediation_case (id),
        kind                text NOT NULL CHECK (kind IN ${KINDS}),
        ref                 text CHECK (length(ref) BETWEEN 1 AND 64),
        policy_id           uuid REFERENCES clock_policy (id),
        budget_value        numeric(10, 3),
        budget_unit         text CHECK (budget_unit IN ${UNITS}),
        warn_share          numeric(4, 3) NOT NULL,
        started_at          timestamptz NOT NULL,
        given_due_at        timestamptz,
        due_at              timestamptz NOT NULL,
        warn_at             timestamptz NOT NULL,
        state               text NOT NULL DEFAULT 'running'
                              CHECK (state IN ('running', 'warned', 'breached', 'met', 'paused')),
        paused_at           timestamptz,
        paused_total_ms     bigint NOT NULL DEFAULT 0 CHECK (paused_total_ms >= 0),
        warned_at           timestamptz,
        breached_at         timestamptz,
        met_at              timestamptz,
        stopped_at          timestamptz,
        stop_reason         text CHECK (length(stop_reason) <= 40),
        calendar_unverified boolean NOT NULL DEFAULT false,
        extension_days      int NOT NULL DEFAULT 0 CHECK (extension_days >= 0),
        created_at          timestamptz NOT NULL DEFAULT now(),
        updated_at          timestamptz NOT NULL DEFAULT now(),
        next_fire_at        timestamptz GENERATED ALWAYS AS (
                              CASE WHEN state = 'running' THEN least(warn_at, due_at)
                                   WHEN state = 'warned' THEN due_at END) STORED,
        CHECK (budget_unit IS NOT NULL OR given_due_at IS NOT NULL),
        CHECK (warn_at <= due_at),
        CHECK ((state = 'paused') = (paused_at IS NOT NULL)),
        CHECK ((state = 'met') = (met_at IS NOT NULL)),
        CHECK (state IN ('met', 'breached') OR stopped_at IS NULL),
        CHECK (state <> 'breached' OR breached_at IS NOT NULL)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX case_clock_one_open ON case_clock (case_id, kind, coalesce(ref, '')) WHERE stopped_at IS NULL`,
    );
    await q.query(`CREATE INDEX case_clock_case_idx ON case_clock (case_id)`);
    await q.query(
      `CREATE INDEX case_clock_next_fire_idx ON case_clock (next_fire_at) WHERE next_fire_at IS NOT NULL`,
    );

    await q.query(`
      CREATE TABLE clock_extension (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id         uuid NOT NULL REFERENCES mediation_case (id),
        clock_id        uuid NOT NULL REFERENCES case_clock (id),
        days            int NOT NULL CHECK (days BETWEEN 1 AND 366),
        reason          text NOT NULL CHECK (length(btrim(reason)) BETWEEN 2 AND 500),
        state           text NOT NULL DEFAULT 'pending'
                          CHECK (state IN ('pending', 'approved', 'rejected')),
        requested_by    uuid NOT NULL,
        requested_at    timestamptz NOT NULL DEFAULT now(),
        decided_by      uuid,
        decided_at      timestamptz,
        decision_reason text CHECK (length(decision_reason) <= 500),
        due_before      timestamptz,
        due_after       timestamptz,
        CHECK ((state = 'pending') = (decided_at IS NULL)),
        CHECK (state <> 'rejected' OR decision_reason IS NOT NULL)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX clock_extension_one_pending ON clock_extension (clock_id) WHERE state = 'pending'`,
    );
    await q.query(`CREATE INDEX clock_extension_case_idx ON clock_extension (case_id)`);

    await q.query(`
      CREATE TABLE supervision_order (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id     uuid NOT NULL REFERENCES mediation_case (id),
        clock_id    uuid NOT NULL UNIQUE REFERENCES case_clock (id),
        org_unit_id uuid NOT NULL REFERENCES org_unit (id),
        state       text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed')),
        created_at  timestamptz NOT NULL DEFAULT now(),
        closed_at   timestamptz,
        closed_by   uuid,
        close_note  text CHECK (length(close_note) <= 500),
        CHECK ((state = 'closed') = (closed_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX supervision_order_case_idx ON supervision_order (case_id)`);
    await q.query(
      `CREATE INDEX supervision_order_open_idx ON supervision_order (created_at DESC) WHERE state = 'open'`,
    );

    // `case_id` and `clock_id` are links for the reader, written by the transaction that has
    // just read (and locked) that case and clock; cases and clocks are never deleted. Without
    // foreign keys, a sweep writing thousands of notifications does not re-check and key-share
    // lock every case row once more (measured: a third of the notifications' insert time).
    await q.query(`
      CREATE TABLE notification (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id     uuid NOT NULL REFERENCES app_user (id),
        kind        text NOT NULL CHECK (length(kind) <= 40),
        title       text NOT NULL CHECK (length(title) <= 200),
        body        text NOT NULL CHECK (length(body) <= 2000),
        case_id     uuid,
        clock_id    uuid,
        created_at  timestamptz NOT NULL DEFAULT now(),
        read_at     timestamptz,
        sms_state   text NOT NULL DEFAULT 'pending'
                      CHECK (sms_state IN ('pending', 'sent', 'no_phone', 'failed')),
        sms_sent_at timestamptz
      )`);
    // One index serves the inbox, read or unread: a user's notifications are a short list, and a
    // sweep writing thousands of them maintains one index less.
    await q.query(`CREATE INDEX notification_user_idx ON notification (user_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification`);
    await q.query(`DROP TABLE supervision_order`);
    await q.query(`DROP TABLE clock_extension`);
    await q.query(`DROP TABLE case_clock`);
    await q.query(`DROP TABLE clock_policy`);
    await q.query(`DROP TABLE calendar_day`);
    await q.query(`DROP TABLE calendar_year`);
    await q.query(`DROP TABLE deadline_revision`);
  }
}
