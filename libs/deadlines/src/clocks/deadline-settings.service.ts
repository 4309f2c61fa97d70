import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '@heqi/core';
import { BusinessCalendar, type CalendarDay } from '../calendar/index.js';
import type { ClockPolicyRule } from '../policies/clock-policy-rule.js';
import type { BudgetUnit } from './budget-unit.enum.js';
import type { ClockKind } from './clock-kind.enum.js';

/** The calendar and the active policies, as of one revision of the database. */
export interface DeadlineSettingsSnapshot {
  calendar: BusinessCalendar;
  policies: readonly ClockPolicyRule[];
  /** Unpublished years admins have already been alerted about. */
  alertedYears: ReadonlySet<number>;
}

interface PolicyRow {
  id: string;
  kind: ClockKind;
  channel: string | null;
  category: string | null;
  collective: boolean | null;
  budget_value: string | null;
  budget_unit: BudgetUnit | null;
  warn_share: string;
  max_extension_days: number;
}

/**
 * The working-day calendar and the clock policies, built from Postgres and cached per process.
 * Each use reads the one-row `deadline_revision` (a primary-key look-up) and rebuilds only what
 * changed since, so every API and worker process computes with the same calendar and policies
 * as soon as an admin's change commits.
 */
@Injectable()
export class DeadlineSettings {
  private calendarCache: {
    version: string;
    calendar: BusinessCalendar;
    alertedYears: Set<number>;
  } | null = null;
  private policyCache: { version: string; policies: ClockPolicyRule[] } | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  /**
   * The current calendar and policies. Inside a transaction that itself changed them, pass
   * `fresh`: what it reads is not committed yet and must not land in the shared cache.
   */
  async snapshot(
    manager: EntityManager = this.dataSource.manager,
    options: { fresh?: boolean } = {},
  ): Promise<DeadlineSettingsSnapshot> {
    const [revision] = (await manager.query(
      `SELECT calendar_version::text, policy_version::text FROM deadline_revision`,
    )) as { calendar_version: string; policy_version: string }[];
    const calendarVersion = revision?.calendar_version ?? '0';
    const policyVersion = revision?.policy_version ?? '0';
    let calendar = this.calendarCache;
    if (options.fresh || calendar?.version !== calendarVersion) {
      calendar = { version: calendarVersion, ...(await this.loadCalendar(manager)) };
      if (!options.fresh) this.calendarCache = calendar;
    }
    let policies = this.policyCache;
    if (options.fresh || policies?.version !== policyVersion) {
      policies = { version: policyVersion, policies: await this.loadPolicies(manager) };
      if (!options.fresh) this.policyCache = policies;
    }
    return {
      calendar: calendar.calendar,
      policies: policies.policies,
      alertedYears: calendar.alertedYears,
    };
  }

  /** Bumps the calendar's revision inside the caller's transaction (every process reloads). */
  async calendarChanged(manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE deadline_revision SET calendar_version = calendar_version + 1, updated_at = now()`,
    );
  }

  /** Bumps the policies' revision inside the caller's transaction. */
  async policiesChanged(manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE deadline_revision SET policy_version = policy_version + 1, updated_at = now()`,
    );
  }

  private async loadCalendar(
    manager: EntityManager,
  ): Promise<{ calendar: BusinessCalendar; alertedYears: Set<number> }> {
    const [days, years] = (await Promise.all([
      manager.query(`SELECT to_char(date, 'YYYY-MM-DD') AS date, kind, name FROM calendar_day`),
      manager.query(`SELECT year, published, unverified_alerted_at FROM calendar_year`),
    ])) as [
      { date: string; kind: CalendarDay['kind']; name: string | null }[],
      { year: number; published: boolean; unverified_alerted_at: Date | null }[],
    ];
    const calendar = new BusinessCalendar({
      days: days.map((d) => ({ date: d.date, kind: d.kind, ...(d.name ? { name: d.name } : {}) })),
      publishedYears: years.filter((y) => y.published).map((y) => y.year),
      officeHours: this.config.deadlines.officeHours,
      timeZone: 'Asia/Shanghai',
    });
    const alertedYears = new Set(
      years.filter((y) => y.unverified_alerted_at !== null).map((y) => y.year),
    );
    return { calendar, alertedYears };
  }

  private async loadPolicies(manager: EntityManager): Promise<ClockPolicyRule[]> {
    const rows = (await manager.query(
      `SELECT id, kind, channel, category, collective, budget_value, budget_unit, warn_share,
              max_extension_days
         FROM clock_policy WHERE active`,
    )) as PolicyRow[];
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      channel: r.channel,
      category: r.category,
      collective: r.collective,
      budget:
        r.budget_value === null || r.budget_unit === null
          ? null
          : { value: Number(r.budget_value), unit: r.budget_unit },
      warnShare: Number(r.warn_share),
      maxExtensionDays: r.max_extension_days,
    }));
  }
}
