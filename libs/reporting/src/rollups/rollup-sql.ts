/**
 * The SQL that keeps the report rollups (tables in migration 1763863000000-Reporting). Written
 * against a bare `Exec` so the worker (TypeORM), the rebuild command and the benchmark (pg) run
 * the very same statements. Every statement's top level is a SELECT, so both drivers return rows.
 */
export type Exec = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

/** The figures a fact carries and a rollup row sums, in table order. */
export const FIGURES = [
  'received',
  'reopened',
  'closed',
  'settled',
  'failed',
  'referred',
  'withdrawn',
  'rejected',
  'amount_claimed',
  'amount_agreed',
  'amount_paid',
  'feedback',
  'satisfied',
  'clocks_due',
  'clocks_met',
  'close_seconds',
] as const;
export type Figure = (typeof FIGURES)[number];

/** Figures that belong to the received day; the others to the closed day. */
const RECEIVED_FIGURES = new Set<Figure>(['received', 'reopened']);
const KEY = ['unit_id', 'dim', 'grain', 'period', 'dim_key'] as const;
const FACT_COLUMNS = [
  'case_id',
  'unit_id',
  'unit_path',
  'mediator_key',
  'category',
  'received_day',
  'reopened',
  'closed_day',
  'closed',
  'settled',
  'failed',
  'referred',
  'withdrawn',
  'rejected',
  'amount_claimed',
  'amount_agreed',
  'amount_paid',
  'feedback',
  'satisfied',
  'clocks_due',
  'clocks_met',
  'close_seconds',
];
/** A fact's value of a figure (`received` is 1 per case by definition). */
const factValue = (f: Figure, alias: string): string => (f === 'received' ? '1' : `${alias}.${f}`);

/** Both halves of a fact set: one row on the received day, one on the closed day if closed. */
function partsOf(facts: string, signed: boolean): string {
  const s = signed ? 'x.sign * ' : '';
  const half = (received: boolean) =>
    FIGURES.map((f) =>
      RECEIVED_FIGURES.has(f) === received ? `${s}${factValue(f, 'x')} AS ${f}` : `0 AS ${f}`,
    ).join(', ');
  return `
    SELECT x.unit_path, x.mediator_key, x.category, x.received_day AS day, ${half(true)}
      FROM ${facts} x
    UNION ALL
    SELECT x.unit_path, x.mediator_key, x.category, x.closed_day AS day, ${half(false)}
      FROM ${facts} x WHERE x.closed_day IS NOT NULL`;
}

const sums = (alias = '') => FIGURES.map((f) => `sum(${alias}${f}) AS ${f}`).join(', ');
const anyNonZero = FIGURES.map((f) => `sum(${f}) <> 0`).join(' OR ');
const allZero = (alias: string) => FIGURES.map((f) => `${alias}.${f} = 0`).join(' AND ');
/** A unit path `/a/b/c/` as the ids of the unit and all its ancestors. */
const ancestors = (path: string) => `unnest(string_to_array(btrim(${path}, '/'), '/')::uuid[])`;

/**
 * Claims up to `limit` dirty cases (skipping those another drain holds) and removes their marks.
 * A change committed after this re-marks its case, so nothing is lost.
 */
export const CLAIM_DIRTY = `
  WITH claimed AS (
    DELETE FROM report_dirty
     WHERE case_id IN (SELECT case_id FROM report_dirty ORDER BY marked_at, case_id
                        LIMIT $1 FOR UPDATE SKIP LOCKED)
    RETURNING case_id)
  SELECT case_id::text AS case_id FROM claimed ORDER BY case_id`;

/**
 * Serialises drains of the same case (a case re-marked while one drain holds it could be claimed
 * by another): transaction-scoped advisory locks, taken in one order so drains cannot deadlock.
 */
export const LOCK_CASES = `
  SELECT count(pg_advisory_xact_lock(863, h))::int AS locked
    FROM (SELECT DISTINCT hashtext(id) AS h FROM unnest($1::text[]) AS id ORDER BY 1) s`;

/**
 * Recomputes the facts of the cases `$1`, applies (new − old) to every rollup row they touch —
 * each ancestor unit, both dimensions, day and month — and stores the new facts. Returns the
 * rollup rows that became all zero (to delete). Running it again with nothing changed adds a
 * zero delta: idempotent.
 */
export const APPLY_CASES = `
  WITH ids AS (SELECT DISTINCT unnest($1::uuid[]) AS case_id),
  old AS (SELECT f.* FROM report_case_fact f JOIN ids USING (case_id)),
  new AS (SELECT s.* FROM report_case_fact_source s WHERE s.case_id = ANY($1::uuid[])),
  contrib AS (
    SELECT -1 AS sign, ${FACT_COLUMNS.map((c) => `o.${c}`).join(', ')} FROM old o
    UNION ALL
    SELECT 1 AS sign, ${FACT_COLUMNS.map((c) => `n.${c}`).join(', ')} FROM new n),
  parts AS (${partsOf('contrib', true)}),
  expanded AS (
    SELECT a.unit_id, d.dim, g.grain, g.period, d.dim_key, p.*
      FROM parts p
     CROSS JOIN LATERAL ${ancestors('p.unit_path')} AS a(unit_id)
     CROSS JOIN LATERAL (VALUES ('c', p.category), ('m', p.mediator_key)) AS d(dim, dim_key)
     CROSS JOIN LATERAL (VALUES ('d', p.day), ('m', date_trunc('month', p.day)::date))
                        AS g(grain, period)),
  delta AS (
    SELECT ${KEY.join(', ')}, ${sums()}
      FROM expanded
     GROUP BY ${KEY.join(', ')}
    HAVING ${anyNonZero}
     ORDER BY ${KEY.join(', ')}),
  saved AS (
    INSERT INTO report_case_fact (${FACT_COLUMNS.join(', ')})
    SELECT ${FACT_COLUMNS.join(', ')} FROM new
    ON CONFLICT (case_id) DO UPDATE SET
      ${FACT_COLUMNS.filter((c) => c !== 'case_id')
        .map((c) => `${c} = excluded.${c}`)
        .join(', ')}
    RETURNING 1),
  gone AS (
    DELETE FROM report_case_fact f USING ids
     WHERE f.case_id = ids.case_id AND NOT EXISTS (SELECT 1 FROM new WHERE new.case_id = f.case_id)
    RETURNING 1),
  applied AS (
    INSERT INTO report_rollup AS r (${KEY.join(', ')}, ${FIGURES.join(', ')})
    SELECT ${KEY.join(', ')}, ${FIGURES.join(', ')} FROM delta
    ON CONFLICT (${KEY.join(', ')}) DO UPDATE SET
      ${FIGURES.map((f) => `${f} = r.${f} + excluded.${f}`).join(', ')}
    RETURNING r.*)
  SELECT a.unit_id::text AS unit_id, a.dim, a.grain, a.period::text AS period, a.dim_key,
         (SELECT count(*) FROM saved)::int AS saved, (SELECT count(*) FROM gone)::int AS gone
    FROM applied a WHERE ${allZero('a')}
  UNION ALL
  -- Always one row, so the counts arrive even when no rollup row became empty.
  SELECT NULL, NULL, NULL, NULL, NULL, (SELECT count(*) FROM saved)::int,
         (SELECT count(*) FROM gone)::int`;

/** Deletes the listed rollup rows if they are (still) all zero. */
export const DELETE_EMPTY = `
  WITH gone AS (
    DELETE FROM report_rollup r
     USING unnest($1::uuid[], $2::text[], $3::text[], $4::date[], $5::text[])
           AS e(unit_id, dim, grain, period, dim_key)
     WHERE (r.unit_id, r.dim, r.grain, r.period, r.dim_key)
           = (e.unit_id, e.dim, e.grain, e.period, e.dim_key)
       AND ${allZero('r')}
    RETURNING 1)
  SELECT count(*)::int AS deleted FROM gone`;

/**
 * Taken first by every drain and by the rebuild, so they queue on the same lock instead of
 * deadlocking on dirty rows and rollup rows taken in opposite orders.
 */
export const LOCK_FOR_DRAIN = `LOCK TABLE report_case_fact, report_rollup IN ROW EXCLUSIVE MODE`;

/**
 * The rebuild, statement by statement, inside one transaction: the facts from the source view,
 * then the rollups from the facts — grouped by leaf unit first (the facts are read twice, not
 * once per ancestor), spread to the ancestors, and months summed from days. EXCLUSIVE mode makes
 * drains wait and lets readers go on reading the old figures until the commit. Dirty marks are
 * cleared first: the facts are read afterwards, so a change committed in between is in them,
 * and a change committed later leaves a new mark for the next drain.
 */
export function rebuildStatements(): string[] {
  return [
    `LOCK TABLE report_case_fact, report_rollup IN EXCLUSIVE MODE`,
    `SELECT set_config('work_mem', '256MB', true) AS s`,
    `WITH t AS (DELETE FROM report_dirty RETURNING 1) SELECT count(*)::int AS cleared FROM t`,
    `WITH t AS (DELETE FROM report_case_fact RETURNING 1) SELECT count(*)::int AS n FROM t`,
    `WITH t AS (DELETE FROM report_rollup RETURNING 1) SELECT count(*)::int AS n FROM t`,
    `WITH t AS (
       INSERT INTO report_case_fact (${FACT_COLUMNS.join(', ')})
       SELECT ${FACT_COLUMNS.join(', ')} FROM report_case_fact_source
       RETURNING 1)
     SELECT count(*)::int AS facts FROM t`,
    `WITH parts AS (${partsOf('report_case_fact', false)}),
     leaf AS (
       SELECT unit_path, 'c' AS dim, day, category AS dim_key, ${sums()}
         FROM parts GROUP BY unit_path, day, category
       UNION ALL
       SELECT unit_path, 'm' AS dim, day, mediator_key AS dim_key, ${sums()}
         FROM parts GROUP BY unit_path, day, mediator_key),
     t AS (
       INSERT INTO report_rollup (${KEY.join(', ')}, ${FIGURES.join(', ')})
       SELECT a.unit_id, l.dim, 'd', l.day, l.dim_key, ${sums('l.')}
         FROM leaf l CROSS JOIN LATERAL ${ancestors('l.unit_path')} AS a(unit_id)
        GROUP BY a.unit_id, l.dim, l.day, l.dim_key
       HAVING ${anyNonZero}
       RETURNING 1)
     SELECT count(*)::int AS day_rows FROM t`,
    `WITH t AS (
       INSERT INTO report_rollup (${KEY.join(', ')}, ${FIGURES.join(', ')})
       SELECT unit_id, dim, 'm', date_trunc('month', period)::date, dim_key, ${sums()}
         FROM report_rollup WHERE grain = 'd'
        GROUP BY unit_id, dim, date_trunc('month', period)::date, dim_key
       HAVING ${anyNonZero}
       RETURNING 1)
     SELECT count(*)::int AS month_rows FROM t`,
  ];
}

/** Every rollup row in key order, figures as text: what the rebuild = incremental check compares. */
export const ALL_ROLLUP_ROWS = `
  SELECT unit_id::text, dim, grain, period::text, dim_key,
         ${FIGURES.map((f) => `${f}::text`).join(', ')}
    FROM report_rollup ORDER BY unit_id, dim, grain, period, dim_key`;
