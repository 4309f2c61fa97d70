import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { type Actor, AuditLog, JobName, JobReceipts, Role, hasRole } from '@heqi/core';
import { dayOfIsoDate, isWeekend } from '../calendar/index.js';
import { DeadlineSettings } from '../clocks/deadline-settings.service.js';
import { DeadlinesService } from '../clocks/deadlines.service.js';
import { DeadlineError, DeadlineErrorCode } from '../deadlines.errors.js';
import { NotificationsService } from '../notifications/notifications.service.js';

/** A year of the calendar. */
export interface CalendarYearView {
  year: number;
  /** The State Council's schedule for the year is in; otherwise clocks are flagged. */
  published: boolean;
  source: 'official' | 'admin';
  publishedAt: Date | null;
  /** When admins were alerted that clocks reach into this unpublished year. */
  unverifiedAlertedAt: Date | null;
}

/** One day that departs from the plain Monday–Friday week. */
export interface CalendarDayView {
  date: string;
  kind: 'holiday' | 'workday';
  name: string | null;
  source: 'official' | 'admin';
  version: number;
  updatedAt: Date;
}

/** A year with its days. */
export interface CalendarYearDetail extends CalendarYearView {
  days: CalendarDayView[];
}

/** A day to add or correct. */
export interface CalendarDayInput {
  kind: 'holiday' | 'workday';
  name?: string | null;
}

const SYSTEM = { system: 'deadlines' };

/** Open clocks that may depend on one day: those whose span from start to due includes it. */
const SPANS_DAY = `started_at < (($1::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')
  AND due_at >= ($1::date::timestamp AT TIME ZONE 'Asia/Shanghai')`;

/**
 * The business calendar as admins keep it: list a year, add or correct a day, remove a wrong
 * one, mark a year published. Every change is audited, bumps the calendar's revision (every
 * process reloads) and recomputes the open clocks it affects, in one transaction. Also alerts
 * admins, once per year, that clocks reach into a year without a published schedule.
 */
@Injectable()
export class CalendarAdminService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(DeadlineSettings) private readonly settings: DeadlineSettings,
    @Inject(DeadlinesService) private readonly deadlines: DeadlinesService,
    @Inject(NotificationsService) private readonly notifications: NotificationsService,
    @Inject(JobReceipts) private readonly receipts: JobReceipts,
    @Inject(AuditLog) private readonly audit: AuditLog,
  ) {}

  /** Every year the calendar knows, newest first. */
  async years(): Promise<CalendarYearView[]> {
    const rows = (await this.dataSource.query(
      `SELECT year, published, source, published_at, unverified_alerted_at FROM calendar_year
        ORDER BY year DESC`,
    )) as YearRow[];
    return rows.map(toYearView);
  }

  /**
   * One year with its days. A year the calendar has never heard of is shown unpublished with no
   * days: that is how clocks treat it (plain Monday–Friday, flagged).
   */
  async year(year: number): Promise<CalendarYearDetail> {
    checkYear(year);
    const [[row], days] = (await Promise.all([
      this.dataSource.query(
        `SELECT year, published, source, published_at, unverified_alerted_at FROM calendar_year
          WHERE year = $1`,
        [year],
      ),
      this.dataSource.query(
        `SELECT to_char(date, 'YYYY-MM-DD') AS date, kind, name, source, version, updated_at
           FROM calendar_day WHERE date >= make_date($1, 1, 1) AND date < make_date($1 + 1, 1, 1)
          ORDER BY date`,
        [year],
      ),
    ])) as [YearRow[], DayRow[]];
    const view = row
      ? toYearView(row)
      : {
          year,
          published: false,
          source: 'admin' as const,
          publishedAt: null,
          unverifiedAlertedAt: null,
        };
    return { ...view, days: days.map(toDayView) };
  }

  /**
   * Adds or corrects the day at `date`: a holiday must fall on a weekday and a make-up workday
   * on a weekend (anything else would not change the week). Open clocks spanning the day are
   * recomputed.
   */
  async putDay(actor: Actor, date: string, input: CalendarDayInput): Promise<CalendarDayView> {
    requireAdmin(actor);
    const weekend = isWeekend(parseDate(date));
    if (input.kind === 'holiday' && weekend) {
      throw DeadlineError.invalid([{ field: 'kind', message: '周末本就休息，无需设为节假日' }]);
    }
    if (input.kind === 'workday' && !weekend) {
      throw DeadlineError.invalid([{ field: 'kind', message: '调休上班日必须是周六或周日' }]);
    }
    const name = input.name?.trim() || null;
    await this.change(actor, date, async (manager) => {
      const [before] = (await manager.query(
        `SELECT kind, name, source FROM calendar_day WHERE date = $1 FOR UPDATE`,
        [date],
      )) as { kind: string; name: string | null; source: string }[];
      await manager.query(
        `INSERT INTO calendar_day (date, kind, name, source, updated_by)
         VALUES ($1, $2, $3, 'admin', $4)
         ON CONFLICT (date) DO UPDATE
           SET kind = excluded.kind, name = excluded.name, source = 'admin',
               version = calendar_day.version + 1, updated_by = excluded.updated_by,
               updated_at = now()`,
        [date, input.kind, name, actor.userId],
      );
      return {
        action: 'calendar.day.put',
        data: { date, kind: input.kind, name, before: before ?? null },
      };
    });
    const [day] = (await this.dataSource.query(
      `SELECT to_char(date, 'YYYY-MM-DD') AS date, kind, name, source, version, updated_at
         FROM calendar_day WHERE date = $1`,
      [date],
    )) as DayRow[];
    return toDayView(day!);
  }

  /** Removes a day (back to the plain week there); open clocks spanning it are recomputed. */
  async deleteDay(actor: Actor, date: string): Promise<void> {
    requireAdmin(actor);
    parseDate(date);
    await this.change(actor, date, async (manager) => {
      const [rows] = (await manager.query(
        `DELETE FROM calendar_day WHERE date = $1 RETURNING kind, name, source`,
        [date],
      )) as [{ kind: string; name: string | null; source: string }[], number];
      if (rows.length === 0) {
        throw new DeadlineError(DeadlineErrorCode.CalendarDayNotFound, '该日期没有调整记录');
      }
      return { action: 'calendar.day.delete', data: { date, before: rows[0] } };
    });
  }

  /**
   * Marks a year published: its days are now trusted. Clocks flagged as computed without a
   * published schedule are recomputed (and lose the flag unless they reach another such year).
   */
  async publishYear(actor: Actor, year: number): Promise<CalendarYearView> {
    requireAdmin(actor);
    checkYear(year);
    await this.dataSource.transaction(async (manager) => {
      await this.settings.calendarChanged(manager);
      const published = (await manager.query(
        `INSERT INTO calendar_year (year, published, source, published_at, updated_by)
         VALUES ($1, true, 'admin', now(), $2)
         ON CONFLICT (year) DO UPDATE
           SET published = true, published_at = now(), updated_by = excluded.updated_by,
               updated_at = now()
         WHERE NOT calendar_year.published
         RETURNING year`,
        [year, actor.userId],
      )) as { year: number }[];
      if (published.length === 0) {
        throw new DeadlineError(
          DeadlineErrorCode.CalendarYearPublished,
          `${year} 年已标记为已发布`,
        );
      }
      const { calendar } = await this.settings.snapshot(manager, { fresh: true });
      const recomputed = await this.deadlines.recomputeOpenClocks(
        manager,
        calendar,
        'calendar_unverified',
        [],
      );
      await this.audit.record(manager, actor, {
        action: 'calendar.year.publish',
        objectType: 'calendar_year',
        objectId: String(year),
        data: { year, recomputedClocks: recomputed },
      });
    });
    return (await this.years()).find((y) => y.year === year)!;
  }

  /**
   * Tells every active admin, once per year however often it is asked (job receipt), that clocks
   * run into `year` while its schedule is not published. A year published meanwhile needs no
   * alert. Records the alert on the year and bumps the calendar's revision, so processes stop
   * asking.
   */
  async alertUnverifiedYear(year: number): Promise<{ alerted: number }> {
    checkYear(year);
    const run = await this.receipts.runOnce(
      JobName.CalendarUnverifiedAlert,
      String(year),
      async (manager) => {
        const rows = (await manager.query(
          `INSERT INTO calendar_year (year, published, source, unverified_alerted_at)
           VALUES ($1, false, 'official', now())
           ON CONFLICT (year) DO UPDATE SET unverified_alerted_at = now()
           WHERE NOT calendar_year.published AND calendar_year.unverified_alerted_at IS NULL
           RETURNING year`,
          [year],
        )) as { year: number }[];
        if (rows.length === 0) return 0;
        const admins = (await manager.query(
          `SELECT id FROM app_user WHERE active AND 'admin' = ANY (roles)`,
        )) as { id: string }[];
        await this.notifications.notify(
          manager,
          admins.map((a) => ({
            userId: a.id,
            kind: 'calendar.unverified',
            title: `${year} 年节假日安排尚未发布`,
            body:
              `有案件期限计算到 ${year} 年，但该年的节假日和调休安排尚未录入并标记为已发布。` +
              `相关期限暂按周一至周五工作日计算，并标注“日历未核实”。` +
              `国务院公布安排后，请录入调休日期并将 ${year} 年标记为已发布，系统将自动重算相关期限。`,
          })),
        );
        await this.settings.calendarChanged(manager);
        await this.audit.record(manager, SYSTEM, {
          action: 'calendar.year.unverified_alert',
          objectType: 'calendar_year',
          objectId: String(year),
          data: { year, admins: admins.length },
        });
        return admins.length;
      },
    );
    return { alerted: run.ran ? run.result : 0 };
  }

  /** A day change: bump the revision, apply, recompute the clocks spanning it, audit. */
  private async change(
    actor: Actor,
    date: string,
    apply: (manager: EntityManager) => Promise<{ action: string; data: Record<string, unknown> }>,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      // First: the revision row's lock serialises concurrent calendar changes.
      await this.settings.calendarChanged(manager);
      const done = await apply(manager);
      await manager.query(
        `INSERT INTO calendar_year (year, published, source, updated_by)
         VALUES (extract(year FROM $1::date)::int, false, 'admin', $2)
         ON CONFLICT (year) DO NOTHING`,
        [date, actor.userId],
      );
      const { calendar } = await this.settings.snapshot(manager, { fresh: true });
      const recomputed = await this.deadlines.recomputeOpenClocks(manager, calendar, SPANS_DAY, [
        date,
      ]);
      await this.audit.record(manager, actor, {
        action: done.action,
        objectType: 'calendar_day',
        objectId: date,
        data: { ...done.data, recomputedClocks: recomputed },
      });
    });
  }
}

interface YearRow {
  year: number;
  published: boolean;
  source: 'official' | 'admin';
  published_at: Date | null;
  unverified_alerted_at: Date | null;
}

interface DayRow {
  date: string;
  kind: 'holiday' | 'workday';
  name: string | null;
  source: 'official' | 'admin';
  version: number;
  updated_at: Date;
}

function requireAdmin(actor: Actor): void {
  if (!hasRole(actor, Role.Admin)) throw DeadlineError.forbidden('只有管理员可以维护工作日历');
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 1990 || year > 2200) {
    throw DeadlineError.invalid([{ field: 'year', message: '年份必须是 1990 到 2200 之间的整数' }]);
  }
}

/** The local day number of a strict `YYYY-MM-DD`, or a 400 naming the field. */
function parseDate(date: string): number {
  try {
    const day = dayOfIsoDate(date);
    checkYear(Number(date.slice(0, 4)));
    return day;
  } catch (err) {
    if (err instanceof DeadlineError) throw err;
    throw DeadlineError.invalid([{ field: 'date', message: '日期格式应为 YYYY-MM-DD' }]);
  }
}

function toYearView(r: YearRow): CalendarYearView {
  return {
    year: r.year,
    published: r.published,
    source: r.source,
    publishedAt: r.published_at,
    unverifiedAlertedAt: r.unverified_alerted_at,
  };
}

function toDayView(r: DayRow): CalendarDayView {
  return {
    date: r.date,
    kind: r.kind,
    name: r.name,
    source: r.source,
    version: r.version,
    updatedAt: r.updated_at,
  };
}
