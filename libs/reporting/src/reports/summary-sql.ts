import { FIGURES } from '../rollups/rollup-sql.js';
import { type Period, type Segment, segmentsOf } from './period.js';

/** How a summary groups its rows (the contract's `groupBy`). */
export enum ReportGroupBy {
  OrgUnit = 'org_unit',
  Mediator = 'mediator',
  Category = 'category',
  Month = 'month',
}

/**
 * Whose figures: one unit's subtree, or (`unitId` null) the whole network. `reach` is the path
 * prefix the caller may see, null for a deployment-wide admin; a unit outside it yields no rows.
 */
export interface ScopeRequest {
  unitId: string | null;
  reach: string | null;
}

/**
 * What each row of {@link summaryStatement} is: `scope` (the unit asked for, present only if it
 * exists and the caller reaches it; no figures), `child` (a child unit's subtree; `ord` = its
 * place; figures null when it has none), `group` (one key of the grouping), `total` (the scope's).
 */
export type SummaryRowKind = 'scope' | 'child' | 'group' | 'total';

/** A ready statement: text and positional parameters. */
export interface Statement {
  sql: string;
  params: unknown[];
}

const sums = FIGURES.map((f) => `sum(${f}) AS ${f}`).join(', ');
/**
 * The figures of `alias` as one text, comma-separated: one field per row for the driver to read.
 * (`concat_ws` skips nulls; rollup figures and sums over rows are never null.)
 */
const list = (alias: string) => `concat_ws(',', ${FIGURES.map((f) => `${alias}.${f}`).join(', ')})`;
/** The sums of `alias`'s figures over its rows as one text (zeros when it has none). */
const listOfSums = (alias: string) =>
  `concat_ws(',', ${FIGURES.map((f) => `coalesce(sum(${alias}.${f}), 0)`).join(', ')})`;

/**
 * One statement for a whole summary, so that a request costs one round trip: the scope (with the
 * access check), its child units, the groups' sums labelled, and the total. Each part of the
 * period is one index range on `(unit_id, dim, grain, period)`: whole years from the yearly rows,
 * whole months from the monthly, the ragged ends from the daily (an OR over grains would make
 * Postgres read every row of the unit and dimension). A summary by month reads months, not years.
 *
 * The total is read from the scope's category rows for the coarsest split of the period (a year:
 * 9 rows), whatever the grouping: every case counts once in each dimension, so it equals the sum of
 * the groups — without summing a district's 1,751 mediator rows a second time.
 */
export function summaryStatement(
  request: ScopeRequest,
  period: Period,
  groupBy: ReportGroupBy,
): Statement {
  const params: unknown[] = [];
  const param = (value: unknown, type: string) => {
    params.push(value);
    return `$${params.length}::${type}`;
  };

  let scope: string;
  if (request.unitId === null) {
    scope = `scope AS (SELECT NULL::uuid AS id, NULL::text AS name),
      children AS (SELECT id, name, code FROM org_unit WHERE parent_id IS NULL),
      totals AS (SELECT id FROM children)`;
  } else {
    const reach = param(request.reach, 'text');
    scope = `scope AS (
        SELECT id, name FROM org_unit
         WHERE id = ${param(request.unitId, 'uuid')}
           AND (${reach} IS NULL OR starts_with(path, ${reach}))),
      children AS (SELECT c.id, c.name, c.code FROM org_unit c JOIN scope s ON c.parent_id = s.id),
      totals AS (SELECT id FROM scope)`;
  }

  /** The rollup rows of `units` (an array expression) and dimension `dim` in `segments`. */
  const read = (units: string, dim: 'c' | 'm', segments: Segment[]) =>
    segments
      .map(
        (s) => `
        SELECT unit_id, period, dim_key, ${FIGURES.join(', ')} FROM report_rollup
         WHERE unit_id = ANY(${units}) AND dim = '${dim}' AND grain = '${s.grain}'
           AND period BETWEEN ${param(s.from, 'date')} AND ${param(s.to, 'date')}`,
      )
      .join(' UNION ALL ');

  const coarsest = segmentsOf(period);
  const segments =
    groupBy === ReportGroupBy.Month ? segmentsOf(period, { years: false }) : coarsest;
  // One unit read for one month or one year has at most one row per category or mediator:
  // nothing to sum, which a district's 1,751 mediators feel.
  const oneRowPerKey =
    request.unitId !== null && segments.length === 1 && segments[0]!.from === segments[0]!.to;
  const summed = (key: string) =>
    oneRowPerKey && key === 'dim_key'
      ? `SELECT dim_key AS k, ${FIGURES.join(', ')} FROM r`
      : `SELECT ${key} AS k, ${sums} FROM r GROUP BY ${key}`;

  let rows: string;
  switch (groupBy) {
    case ReportGroupBy.OrgUnit:
      rows = `r AS (${read('ARRAY(SELECT id FROM children)', 'c', segments)}),
        g AS (${summed('unit_id')})
        SELECT 'child' AS kind, c.id::text AS key, c.name AS label,
               (row_number() OVER (ORDER BY c.code NULLS LAST, c.name))::int AS ord,
               CASE WHEN g.k IS NOT NULL THEN ${list('g')} END AS figures
          FROM children c LEFT JOIN g ON g.k = c.id`;
      break;
    case ReportGroupBy.Mediator:
      rows = `r AS (${read('ARRAY(SELECT id FROM totals)', 'm', segments)}),
        g AS (${summed('dim_key')})
        SELECT 'group' AS kind, g.k AS key, m.name AS label, NULL::int AS ord,
               ${list('g')} AS figures
          FROM g LEFT JOIN mediator m ON m.id = nullif(g.k, '')::uuid`;
      break;
    case ReportGroupBy.Category:
    case ReportGroupBy.Month: {
      const key = groupBy === ReportGroupBy.Month ? `to_char(period, 'YYYY-MM')` : 'dim_key';
      rows = `r AS (${read('ARRAY(SELECT id FROM totals)', 'c', segments)}),
        g AS (${summed(key)})
        SELECT 'group' AS kind, g.k AS key, NULL::text AS label, NULL::int AS ord,
               ${list('g')} AS figures
          FROM g`;
      break;
    }
  }

  return {
    sql: `WITH ${scope},
      t AS (${read('ARRAY(SELECT id FROM totals)', 'c', coarsest)}),
      ${rows}
      UNION ALL
      SELECT 'total', NULL, NULL, NULL, ${listOfSums('t')} FROM t
      UNION ALL
      SELECT 'scope', id::text, name, NULL, NULL FROM scope WHERE id IS NOT NULL`,
    params,
  };
}
