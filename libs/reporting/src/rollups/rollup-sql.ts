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
    SELECT x.unit_id, x.unit_path, x.mediator_key, x.category, x.received_day AS day, ${half(true)}
      FROM ${facts} x
    UNION ALL
    SELECT x.unit_id, x.unit_path, x.mediator_key, x.category, x.closed_day AS day, ${half(false)}
      FROM ${facts} x WHERE x.closed_day IS NOT NULL`;
}

/** Every figure of the rows called `alias`. */
const figuresOf = (alias: string) => FIGURES.map((f) => `${alias}.${f}`).join(', ');
const sums = (alias = '') => FIGURES.map((f) => `sum(${alias}${f}) AS ${f}`).join(', ');
const anyNonZero = FIGURES.map((f) => `sum(${f}) <> 0`).join(' OR ');
const allZero = (alias: string) => FIGURES.map((f) => `${alias}.${f} = 0`).join(' AND ');
/** A unit path `/a/b/c/` as the ids of the unit and all its ancestors. */
const ancestors = (path: string) => `unnest(string_to_array(btrim(${path}, '/'), '/')::uuid[])`;

/**
 * Reads and locks up to `limit` change marks, oldest first, skipping those another drain holds.
 * They stay until {@link FORGET_MARKS} at the end of the same transaction: a change committed
 * meanwhile appends a new mark rather than waiting, and is folded by the next drain.
 */
export const CLAIM_DIRTY = `
  SELECT seq::text AS seq, case_id::text AS case_id FROM report_dirty
   ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`;

/** Deletes exactly the marks a drain claimed (`$1`: their seq), once their cases are folded. */
export const FORGET_MARKS = `DELETE FROM report_dirty WHERE seq = ANY($1::bigint[])`;

/**
 * Serialises drains of the same case (a case re-marked while one drain holds it could be claimed
 * by another): transaction-scoped advisory locks, taken in one order so drains cannot deadlock.
 */
export const LOCK_CASES = `
  SELECT count(pg_advisory_xact_lock(863, h))::int AS locked
    FROM (SELECT DISTINCT hashtext(id) AS h FROM unnest($1::text[]) AS id ORDER BY 1) s`;

/**
 * Recomputes the facts of the cases `$1`, applies (new − old) to every rollup row they touch —
 * each ancestor unit, both dimensions, day, month and year — and stores the new facts. Returns the
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
    SELECT a.unit_id, d.dim, g.grain, g.period, d.dim_key, ${figuresOf('p')}
      FROM parts p
     CROSS JOIN LATERAL ${ancestors('p.unit_path')} AS a(unit_id)
     CROSS JOIN LATERAL (VALUES ('c', p.category), ('m', p.mediator_key)) AS d(dim, dim_key)
     CROSS JOIN LATERAL (VALUES ('d', p.day), ('m', date_trunc('month', p.day)::date),
                                ('y', date_trunc('year', p.day)::date)) AS g(grain, period)),
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

const PK = `PRIMARY KEY (${KEY.join(', ')})`;

/** Writes rollup rows in key order, so that a unit's rows share heap pages (a summary reads a key range). */
const insertRollups = (select: string, order: string, counted: string) => `
  WITH t AS (
    INSERT INTO report_rollup_next (${KEY.join(', ')}, ${FIGURES.join(', ')})
    ${select}
     ORDER BY ${order}
    RETURNING 1)
  SELECT count(*)::int AS ${counted} FROM t`;

/**
 * The rebuild's first statements, inside its one transaction. Facts and rollups are written into
 * fresh tables without indexes, indexed once at the end (a sort, instead of millions of random
 * inserts into a B-tree far larger than shared buffers) and swapped in. The facts' table is
 * unlogged while it fills and logged once full: `SET LOGGED` writes it to the WAL in one pass,
 * where row-by-row inserts into a logged table kept flushing the WAL to evict dirty pages (28 s
 * instead of 43 s at 2M cases; for the rollups, fewer and built by slower statements, the pass
 * cost more than it saved). EXCLUSIVE mode on the old
 * tables makes drains wait while readers go on reading the old figures; only the final swap takes
 * ACCESS EXCLUSIVE, for an instant. Dirty marks are cleared first: the facts are read afterwards,
 * so a change committed in between is in them, and a change committed later leaves a new mark for
 * the next drain.
 *
 * Then the rollups are built level by level, so that each figure is summed as few times as
 * possible: the facts once into each unit's own day rows (`report_rebuild_own`, both dimensions in
 * one pass), then from the deepest level up, a unit's day rows = its own rows + its children's day
 * rows, already built one level below ({@link REBUILD_LEVEL}); months and years are summed from
 * days and months ({@link REBUILD_FINISH}). Every row has received = 1 or closed = 1 from some
 * case, so none is all zero (the drain deletes those; here there are none to leave out).
 * Intermediate tables are temporary: no WAL for them.
 */
export const REBUILD_START: readonly string[] = [
  `LOCK TABLE report_case_fact, report_rollup IN EXCLUSIVE MODE`,
  `SELECT set_config('work_mem', '256MB', true) AS s`,
  `SELECT set_config('maintenance_work_mem', '512MB', true) AS s`,
  `WITH t AS (DELETE FROM report_dirty RETURNING 1) SELECT count(*)::int AS cleared FROM t`,
  `DROP TABLE IF EXISTS report_case_fact_next, report_rollup_next`,
  `CREATE UNLOGGED TABLE report_case_fact_next
     (LIKE report_case_fact INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`,
  `CREATE TABLE report_rollup_next (LIKE report_rollup INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`,
  `WITH t AS (
     INSERT INTO report_case_fact_next (${FACT_COLUMNS.join(', ')})
     SELECT ${FACT_COLUMNS.join(', ')} FROM report_case_fact_source
     RETURNING 1)
   SELECT count(*)::int AS facts FROM t`,
  // Every unit as its path places it (the path is what the drain spreads a case along).
  `CREATE TEMP TABLE report_rebuild_unit ON COMMIT DROP AS
   WITH u AS (SELECT id, string_to_array(btrim(path, '/'), '/')::uuid[] AS line FROM org_unit)
   SELECT u.id, cardinality(u.line) AS depth, u.line[cardinality(u.line) - 1] AS parent_id,
          EXISTS (SELECT 1 FROM u c WHERE c.line[cardinality(c.line) - 1] = u.id) AS has_children
     FROM u`,
  `CREATE TEMP TABLE report_rebuild_own ON COMMIT DROP AS
   SELECT p.unit_id, CASE WHEN grouping(p.category) = 0 THEN 'c' ELSE 'm' END AS dim, p.day,
          CASE WHEN grouping(p.category) = 0 THEN p.category ELSE p.mediator_key END AS dim_key,
          ${sums('p.')}
     FROM (${partsOf('report_case_fact_next', false)}) p
    GROUP BY GROUPING SETS ((p.unit_id, p.day, p.category), (p.unit_id, p.day, p.mediator_key))`,
  `ANALYZE report_rebuild_own`,
  `ANALYZE report_rebuild_unit`,
];

/** The depth of the deepest unit: where the level-by-level build starts. */
export const REBUILD_DEPTH = `SELECT coalesce(max(depth), 0)::int AS depth FROM report_rebuild_unit`;

/**
 * Day rows of the units at depth `$1`, once the level below is built. A unit without children
 * keeps its own rows as they are; a unit with children adds theirs (each child's rows already
 * cover its whole subtree).
 */
export const REBUILD_LEVEL = insertRollups(
  `SELECT unit_id, dim, 'd', day, dim_key, ${FIGURES.join(', ')} FROM (
     SELECT o.unit_id, o.dim, o.day, o.dim_key, ${figuresOf('o')}
       FROM report_rebuild_own o JOIN report_rebuild_unit u ON u.id = o.unit_id
      WHERE u.depth = $1 AND NOT u.has_children
     UNION ALL
     SELECT x.unit_id, x.dim, x.day, x.dim_key, ${sums('x.')}
       FROM (SELECT o.unit_id, o.dim, o.day, o.dim_key, ${figuresOf('o')}
               FROM report_rebuild_own o JOIN report_rebuild_unit u ON u.id = o.unit_id
              WHERE u.depth = $1 AND u.has_children
             UNION ALL
             SELECT u.parent_id, r.dim, r.period, r.dim_key, ${figuresOf('r')}
               FROM report_rollup_next r JOIN report_rebuild_unit u ON u.id = r.unit_id
              WHERE u.depth = $1 + 1 AND r.grain = 'd') x
      GROUP BY x.unit_id, x.dim, x.day, x.dim_key) l`,
  'unit_id, dim, day, dim_key',
  'day_rows',
);

/** Month rows from day rows, year rows from month rows, then indexes and the swap. */
export const REBUILD_FINISH: readonly string[] = [
  ...(
    [
      ['m', 'month', 'd', 'month_rows'],
      ['y', 'year', 'm', 'year_rows'],
    ] as const
  ).map(([grain, unit, from, counted]) =>
    insertRollups(
      `SELECT unit_id, dim, '${grain}', date_trunc('${unit}', period)::date, dim_key, ${sums()}
         FROM report_rollup_next WHERE grain = '${from}'
        GROUP BY unit_id, dim, date_trunc('${unit}', period)::date, dim_key`,
      `unit_id, dim, date_trunc('${unit}', period)::date, dim_key`,
      counted,
    ),
  ),
  `ALTER TABLE report_case_fact_next SET LOGGED`,
  `ALTER TABLE report_case_fact_next ADD CONSTRAINT report_case_fact_next_pkey
     PRIMARY KEY (case_id)`,
  `ALTER TABLE report_rollup_next ADD CONSTRAINT report_rollup_next_pkey ${PK}`,
  `LOCK TABLE report_case_fact, report_rollup IN ACCESS EXCLUSIVE MODE`,
  `DROP TABLE report_case_fact, report_rollup`,
  `ALTER TABLE report_case_fact_next RENAME TO report_case_fact`,
  `ALTER INDEX report_case_fact_next_pkey RENAME TO report_case_fact_pkey`,
  `ALTER TABLE report_rollup_next RENAME TO report_rollup`,
  `ALTER INDEX report_rollup_next_pkey RENAME TO report_rollup_pkey`,
  `ANALYZE report_case_fact`,
  `ANALYZE report_rollup`,
];

/** Every rollup row in key order, figures as text: what the rebuild = incremental check compares. */
export const ALL_ROLLUP_ROWS = `
  SELECT unit_id::text, dim, grain, period::text, dim_key,
         ${FIGURES.map((f) => `${f}::text`).join(', ')}
    FROM report_rollup ORDER BY unit_id, dim, grain, period, dim_key`;
