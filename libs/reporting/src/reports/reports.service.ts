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
  preparedQuery,
} from '@heqi/core';
import { ReportingError } from '../reporting.errors.js';
import {
  type RawFigures,
  type SummaryFigures,
  combine,
  figuresOf,
  isZero,
  rawFromList,
} from './figures.js';
import { LabelOrder } from './label-order.js';
import { type Period, daysIn, isIsoDate, lastMonths, monthsOf, shanghaiToday } from './period.js';
import {
  ReportGroupBy,
  type ScopeRequest,
  type SummaryRowKind,
  summaryStatement,
} from './summary-sql.js';

export { ReportGroupBy };

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

/** A summary's rows and total, with the unit they are about. */
interface Grouped {
  orgUnitId: string | null;
  orgUnitName: string;
  rows: SummaryRow[];
  total: SummaryFigures;
}

/** A row of the summary statement: its kind, key, label, place and sums (comma-separated). */
interface StatementRow {
  kind: SummaryRowKind;
  key: string | null;
  label: string | null;
  ord: number | null;
  figures: string | null;
}

/** Longest period a report takes (10 years). */
export const MAX_REPORT_DAYS = 3_660;
export const MAX_TREND_MONTHS = 60;
const UNASSIGNED_LABEL = '未分配调解员';
const ALL_UNITS = '全部';
const outside = () => ReportingError.forbidden('该单位不存在或不在您的管辖范围内');
/** Chinese order for labels, one for every report (it remembers the names it has sorted). */
const LABELS = new LabelOrder();

/**
 * The supervisors' reports, read from the pre-aggregated rollups (see rollup-sql.ts) in one
 * statement per report (summary-sql.ts): a summary reads at most (units in the group) × (years +
 * months + ragged days) × (categories or mediators) rows, whatever the number of cases. Figures
 * follow the cases with the drain's delay (seconds).
 */
@Injectable()
export class ReportsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * @throws ReportingError `REPORT_FORBIDDEN` (not a supervisor or admin; unit unknown or outside
   * the caller's subtree), `REPORT_INVALID` (period).
   */
  async summary(actor: Actor, query: SummaryQuery): Promise<SummaryReport> {
    const request = this.requestOf(actor, query.orgUnitId);
    const period = this.periodOf(query);
    const groupBy = query.groupBy ?? ReportGroupBy.OrgUnit;
    const { orgUnitId, orgUnitName, rows, total } = await this.grouped(request, period, groupBy);
    return { orgUnitId, orgUnitName, from: period.from, to: period.to, groupBy, rows, total };
  }

  /** Child units ranked by one metric over a period. */
  async ranking(
    actor: Actor,
    query: Omit<SummaryQuery, 'groupBy'> & { metric?: RankingMetric },
  ): Promise<RankingReport> {
    const request = this.requestOf(actor, query.orgUnitId);
    const period = this.periodOf(query);
    const metric = query.metric ?? RankingMetric.SettlementRate;
    const { orgUnitId, orgUnitName, rows } = await this.grouped(
      request,
      period,
      ReportGroupBy.OrgUnit,
    );
    const valued = rows
      .filter((r) => r.scope !== 'self')
      .map((r) => ({ ...r, value: r[metric] as number | null }));
    valued.sort((a, b) =>
      a.value === b.value
        ? LABELS.compare(a.label, b.label)
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
    return { orgUnitId, orgUnitName, from: period.from, to: period.to, metric, rows: ranked };
  }

  /** Month by month over the last `months` months (this month so far included). */
  async trend(actor: Actor, query: { orgUnitId?: string; months?: number }): Promise<TrendReport> {
    const request = this.requestOf(actor, query.orgUnitId);
    const months = query.months ?? 12;
    if (!Number.isInteger(months) || months < 1 || months > MAX_TREND_MONTHS) {
      throw ReportingError.invalid([
        { field: 'months', message: `月数应为 1 到 ${MAX_TREND_MONTHS} 的整数` },
      ]);
    }
    const period = lastMonths(months, shanghaiToday());
    const { orgUnitId, orgUnitName, rows } = await this.grouped(
      request,
      period,
      ReportGroupBy.Month,
    );
    return { orgUnitId, orgUnitName, from: period.from, to: period.to, rows };
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

  /** The scope asked for, and how far the caller reaches (checked in the statement). */
  private requestOf(actor: Actor, orgUnitId?: string): ScopeRequest {
    if (!hasRole(actor, Role.Supervisor, Role.Admin)) {
      throw ReportingError.forbidden('只有督导和管理员可以查看统计报表');
    }
    const wide = isDeploymentWide(actor);
    const unitId = orgUnitId ?? actor.orgUnitId;
    if ((unitId === null && !wide) || (unitId !== null && !isUuid(unitId))) throw outside();
    if (!wide && actor.orgPath === null) throw outside();
    return { unitId, reach: wide ? null : actor.orgPath };
  }

  private async grouped(
    request: ScopeRequest,
    period: Period,
    groupBy: ReportGroupBy,
  ): Promise<Grouped> {
    const statement = summaryStatement(request, period, groupBy);
    const result = await preparedQuery<StatementRow>(
      this.dataSource,
      statement.sql,
      statement.params,
    );
    const scope = result.find((r) => r.kind === 'scope');
    if (request.unitId !== null && !scope) throw outside();
    const totalRow = result.find((r) => r.kind === 'total');
    const total = rawFromList(totalRow?.figures ?? null);
    const groups = result.filter((r) => r.kind === 'group');
    const row = (key: string, label: string, raw: RawFigures, extra: Partial<SummaryRow> = {}) =>
      ({ key, label, ...extra, ...figuresOf(raw) }) as SummaryRow;
    /** The group rows by key, each read with `raw`. */
    const byKey = () => {
      const figures = new Map(groups.map((g) => [g.key ?? '', g.figures]));
      return {
        keys: [...figures.keys()],
        raw: (key: string) => rawFromList(figures.get(key) ?? null),
      };
    };
    let rows: SummaryRow[];

    switch (groupBy) {
      case ReportGroupBy.OrgUnit: {
        const children = result
          .filter((r) => r.kind === 'child')
          .sort((a, b) => a.ord! - b.ord!)
          .map((c) => ({ id: c.key!, name: c.label!, raw: rawFromList(c.figures) }));
        rows = children.map((c) => row(c.id, c.name, c.raw, { scope: 'subtree' }));
        if (scope) {
          const own = children.reduce((acc, c) => combine(acc, c.raw, -1), total);
          if (!isZero(own)) {
            rows.push(row(scope.key!, `${scope.label}（本级）`, own, { scope: 'self' }));
          }
        }
        break;
      }
      case ReportGroupBy.Category: {
        const known = Object.values(DisputeCategory) as string[];
        const found = byKey();
        const keys = [...known, ...found.keys.filter((k) => !known.includes(k)).sort()];
        const labels = DISPUTE_CATEGORY_LABELS as Record<string, string>;
        rows = keys.map((k) => row(k, labels[k] ?? k, found.raw(k)));
        break;
      }
      case ReportGroupBy.Mediator: {
        const named = groups.filter((g) => g.key !== '');
        rows = LABELS.sort(
          named.map((g) => row(g.key!, g.label ?? g.key!, rawFromList(g.figures))),
        );
        const unassigned = groups.find((g) => g.key === '');
        if (unassigned) rows.push(row('', UNASSIGNED_LABEL, rawFromList(unassigned.figures)));
        break;
      }
      case ReportGroupBy.Month: {
        const found = byKey();
        rows = monthsOf(period).map((m) => row(m, m, found.raw(m)));
        break;
      }
    }
    return {
      orgUnitId: scope?.key ?? null,
      orgUnitName: scope?.label ?? ALL_UNITS,
      rows,
      total: figuresOf(total),
    };
  }
}
