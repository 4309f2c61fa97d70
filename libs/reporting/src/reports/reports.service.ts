import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  type Actor,
  DISPUTE_CATEGORY_LABELS,
  DisputeCategory,
  Role,
  hasRole,
  isDeploymentWide,
  isUuid,
  reachesPath,
} from '@heqi/core';
import { FIGURES } from '../rollups/rollup-sql.js';
import { ReportingError } from '../reporting.errors.js';
import {
  type RawFigures,
  type SummaryFigures,
  combine,
  figuresOf,
  isZero,
  rawFromRow,
  zeroRaw,
} from './figures.js';
import {
  type Period,
  daysIn,
  isIsoDate,
  lastMonths,
  monthsOf,
  segmentsOf,
  shanghaiToday,
} from './period.js';

export enum ReportGroupBy {
  OrgUnit = 'org_unit',
  Mediator = 'mediator',
  Category = 'category',
  Month = 'month',
}

export enum RankingMetric {
  SettlementRate = 'settlementRate',
  OnTimeRate = 'onTimeRate',
  SatisfactionRate = 'satisfactionRate',
  Received = 'received',
}

export interface SummaryQuery {
  orgUnitId?: string;
  from?: string;
  to?: string;
  groupBy?: ReportGroupBy;
}

export interface SummaryRow extends SummaryFigures {
  /** Unit id, mediator id ('' = unassigned), category code or `YYYY-MM`. */
  key: string;
  /** The key in Chinese: unit name, mediator name, category name, or the month. */
  label: string;
  /**
   * `groupBy=org_unit` only: `subtree` for a child unit (its whole subtree), `self` for the
   * cases handled at the unit itself (a row only when it has figures), so the rows add up to
   * the total.
   */
  scope?: 'subtree' | 'self';
}

export interface SummaryReport {
  /** The unit whose subtree is counted; null for a deployment-wide admin's whole network. */
  orgUnitId: string | null;
  orgUnitName: string;
  from: string;
  to: string;
  groupBy: ReportGroupBy;
  rows: SummaryRow[];
  total: SummaryFigures;
}

export interface RankingRow extends SummaryRow {
  /** 1 = best; equal values share a rank (1, 1, 3); units without a value come last. */
  rank: number | null;
  /** The ranked metric's value (null: no denominator). */
  value: number | null;
}

export interface RankingReport {
  orgUnitId: string | null;
  orgUnitName: string;
  from: string;
  to: string;
  metric: RankingMetric;
  rows: RankingRow[];
}

export interface TrendReport {
  orgUnitId: string | null;
  orgUnitName: string;
  from: string;
  to: string;
  rows: SummaryRow[];
}

interface UnitRef {
  id: string;
  name: string;
}

interface Scope {
  unit: (UnitRef & { path: string }) | null;
  name: string;
  /** Units whose rollup rows add up to the scope's total. */
  totalUnits: string[];
  children: UnitRef[];
}

/** Longest period a report takes (10 years). */
export const MAX_REPORT_DAYS = 3_660;
export const MAX_TREND_MONTHS = 60;
const UNASSIGNED_LABEL = '未分配调解员';
/** One collator for every sort (`localeCompare` with a locale builds one per call: slow). */
const zh = new Intl.Collator('zh-Hans-CN');

/**
 * The supervisors' reports, read from the pre-aggregated rollups (see rollup-sql.ts): a summary
 * reads at most (units in the group) × (months + ragged days) × (categories or mediators) rows,
 * whatever the number of cases. Figures follow the cases with the drain's delay (seconds).
 */
@Injectable()
export class ReportsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * @throws ReportingError `REPORT_FORBIDDEN` (not a supervisor or admin; unit unknown or outside
   * the caller's subtree), `REPORT_INVALID` (period).
   */
  async summary(actor: Actor, query: SummaryQuery): Promise<SummaryReport> {
    const scope = await this.scopeOf(actor, query.orgUnitId);
    const period = this.periodOf(query);
    const groupBy = query.groupBy ?? ReportGroupBy.OrgUnit;
    const { rows, total } = await this.grouped(scope, period, groupBy);
    return {
      orgUnitId: scope.unit?.id ?? null,
      orgUnitName: scope.name,
      from: period.from,
      to: period.to,
      groupBy,
      rows,
      total,
    };
  }

  /** Child units ranked by one metric over a period. */
  async ranking(
    actor: Actor,
    query: Omit<SummaryQuery, 'groupBy'> & { metric?: RankingMetric },
  ): Promise<RankingReport> {
    const scope = await this.scopeOf(actor, query.orgUnitId);
    const period = this.periodOf(query);
    const metric = query.metric ?? RankingMetric.SettlementRate;
    const { rows } = await this.grouped(scope, period, ReportGroupBy.OrgUnit);
    const valued = rows
      .filter((r) => r.scope !== 'self')
      .map((r) => ({ ...r, value: r[metric] as number | null }));
    valued.sort((a, b) =>
      a.value === b.value
        ? zh.compare(a.label, b.label)
        : a.value === null
          ? 1
          : b.value === null
            ? -1
            : b.value - a.value,
    );
    let rank = 0;
    const ranked: RankingRow[] = valued.map((r, i) => {
      if (r.value !== null && (i === 0 || valued[i - 1]!.value !== r.value)) rank = i + 1;
      return { ...r, rank: r.value === null ? null : rank };
    });
    return {
      orgUnitId: scope.unit?.id ?? null,
      orgUnitName: scope.name,
      from: period.from,
      to: period.to,
      metric,
      rows: ranked,
    };
  }

  /** Month by month over the last `months` months (this month so far included). */
  async trend(actor: Actor, query: { orgUnitId?: string; months?: number }): Promise<TrendReport> {
    const scope = await this.scopeOf(actor, query.orgUnitId);
    const months = query.months ?? 12;
    if (!Number.isInteger(months) || months < 1 || months > MAX_TREND_MONTHS) {
      throw ReportingError.invalid([
        { field: 'months', message: `月数应为 1 到 ${MAX_TREND_MONTHS} 的整数` },
      ]);
    }
    const period = lastMonths(months, shanghaiToday());
    const { rows } = await this.grouped(scope, period, ReportGroupBy.Month);
    return {
      orgUnitId: scope.unit?.id ?? null,
      orgUnitName: scope.name,
      from: period.from,
      to: period.to,
      rows,
    };
  }

  private periodOf(query: { from?: string; to?: string }): Period {
    const today = shanghaiToday();
    const from = query.from ?? `${(query.to ?? today).slice(0, 4)}-01-01`;
    const to =
      query.to ??
      (query.from && query.from.slice(0, 4) !== today.slice(0, 4)
        ? `${query.from.slice(0, 4)}-12-31`
        : today);
    const problems = [];
    if (!isIsoDate(from)) problems.push({ field: 'from', message: '应为 YYYY-MM-DD 格式的日期' });
    if (!isIsoDate(to)) problems.push({ field: 'to', message: '应为 YYYY-MM-DD 格式的日期' });
    if (problems.length === 0 && from > to) {
      problems.push({ field: 'to', message: '结束日期不能早于开始日期' });
    }
    if (problems.length === 0 && daysIn({ from, to }) > MAX_REPORT_DAYS) {
      problems.push({ field: 'to', message: '统计期间不能超过 10 年' });
    }
    if (problems.length > 0) throw ReportingError.invalid(problems);
    return { from, to };
  }

  private async scopeOf(actor: Actor, orgUnitId?: string): Promise<Scope> {
    if (!hasRole(actor, Role.Supervisor, Role.Admin)) {
      throw ReportingError.forbidden('只有督导和管理员可以查看统计报表');
    }
    const outside = () => ReportingError.forbidden('该单位不存在或不在您的管辖范围内');
    const unitId = orgUnitId ?? actor.orgUnitId;
    if (unitId === null) {
      if (!isDeploymentWide(actor)) throw outside();
      const tops = (await this.dataSource.query(
        `SELECT id::text, name FROM org_unit WHERE parent_id IS NULL ORDER BY code NULLS LAST, name`,
      )) as UnitRef[];
      return { unit: null, name: '全部', totalUnits: tops.map((t) => t.id), children: tops };
    }
    if (!isUuid(unitId)) throw outside();
    const [unit] = (await this.dataSource.query(
      `SELECT id::text, name, path FROM org_unit WHERE id = $1`,
      [unitId],
    )) as (UnitRef & { path: string })[];
    if (!unit || !reachesPath(actor, unit.path)) throw outside();
    const children = (await this.dataSource.query(
      `SELECT id::text, name FROM org_unit WHERE parent_id = $1 ORDER BY code NULLS LAST, name`,
      [unitId],
    )) as UnitRef[];
    return { unit, name: unit.name, totalUnits: [unit.id], children };
  }

  /** Sums of the rollup rows of `units` in the period, grouped by `groupExpr`. */
  private async sums(
    units: string[],
    dim: 'c' | 'm',
    period: Period,
    groupExpr: string,
  ): Promise<Map<string, RawFigures>> {
    const seg = segmentsOf(period);
    // One index range per part (months, head days, tail days): an OR over the grains would make
    // Postgres read every row of the unit and dimension, days included.
    const part = (grain: 'd' | 'm', lo: number) =>
      `SELECT * FROM report_rollup
        WHERE unit_id = ANY($1::uuid[]) AND dim = $2 AND grain = '${grain}'
          AND period BETWEEN $${lo}::date AND $${lo + 1}::date`;
    const rows = (await this.dataSource.query(
      `SELECT ${groupExpr} AS k,
              ${FIGURES.map((f) => `sum(${f})::text AS ${f}`).join(', ')}
         FROM (${part('m', 3)} UNION ALL ${part('d', 5)} UNION ALL ${part('d', 7)}) r
        GROUP BY 1`,
      [
        units,
        dim,
        seg.months?.[0] ?? null,
        seg.months?.[1] ?? null,
        seg.headDays?.[0] ?? null,
        seg.headDays?.[1] ?? null,
        seg.tailDays?.[0] ?? null,
        seg.tailDays?.[1] ?? null,
      ],
    )) as Record<string, unknown>[];
    return new Map(rows.map((r) => [String(r.k), rawFromRow(r)]));
  }

  private async grouped(
    scope: Scope,
    period: Period,
    groupBy: ReportGroupBy,
  ): Promise<{ rows: SummaryRow[]; total: SummaryFigures }> {
    const row = (key: string, label: string, raw: RawFigures, extra: Partial<SummaryRow> = {}) =>
      ({ key, label, ...extra, ...figuresOf(raw) }) as SummaryRow;
    const sumAll = (m: Map<string, RawFigures>) =>
      [...m.values()].reduce((a, b) => combine(a, b), zeroRaw());

    switch (groupBy) {
      case ReportGroupBy.OrgUnit: {
        const ids = [...new Set([...scope.totalUnits, ...scope.children.map((c) => c.id)])];
        const byUnit = await this.sums(ids, 'c', period, 'unit_id::text');
        const get = (id: string) => byUnit.get(id) ?? zeroRaw();
        const total = scope.totalUnits.map(get).reduce((a, b) => combine(a, b), zeroRaw());
        const rows = scope.children.map((c) => row(c.id, c.name, get(c.id), { scope: 'subtree' }));
        if (scope.unit) {
          const own = scope.children.reduce((acc, c) => combine(acc, get(c.id), -1), total);
          if (!isZero(own)) {
            rows.push(row(scope.unit.id, `${scope.unit.name}（本级）`, own, { scope: 'self' }));
          }
        }
        return { rows, total: figuresOf(total) };
      }
      case ReportGroupBy.Category: {
        const byCat = await this.sums(scope.totalUnits, 'c', period, 'dim_key');
        const known = Object.values(DisputeCategory) as string[];
        const keys = [...known, ...[...byCat.keys()].filter((k) => !known.includes(k)).sort()];
        const labels = DISPUTE_CATEGORY_LABELS as Record<string, string>;
        return {
          rows: keys.map((k) => row(k, labels[k] ?? k, byCat.get(k) ?? zeroRaw())),
          total: figuresOf(sumAll(byCat)),
        };
      }
      case ReportGroupBy.Mediator: {
        const byMed = await this.sums(scope.totalUnits, 'm', period, 'dim_key');
        const ids = [...byMed.keys()].filter((k) => k !== '');
        const names = new Map(
          (
            (await this.dataSource.query(
              `SELECT id::text, name FROM mediator WHERE id = ANY($1::uuid[])`,
              [ids],
            )) as UnitRef[]
          ).map((m) => [m.id, m.name]),
        );
        const rows = ids
          .map((id) => row(id, names.get(id) ?? id, byMed.get(id)!))
          .sort((a, b) => zh.compare(a.label, b.label) || a.key.localeCompare(b.key));
        const unassigned = byMed.get('');
        if (unassigned) rows.push(row('', UNASSIGNED_LABEL, unassigned));
        return { rows, total: figuresOf(sumAll(byMed)) };
      }
      case ReportGroupBy.Month: {
        const byMonth = await this.sums(
          scope.totalUnits,
          'c',
          period,
          `to_char(period, 'YYYY-MM')`,
        );
        return {
          rows: monthsOf(period).map((m) => row(m, m, byMonth.get(m) ?? zeroRaw())),
          total: figuresOf(sumAll(byMonth)),
        };
      }
    }
  }
}
