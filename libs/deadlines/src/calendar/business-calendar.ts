import type { BusinessCalendarOptions, CalendarDaysOptions, Deadline } from './calendar-types.js';
import {
  MS_PER_DAY,
  MS_PER_HOUR,
  MS_PER_MINUTE,
  addMonthsToDay,
  dayOfIsoDate,
  instantOf,
  instantOfDate,
  isWeekend,
  localDay,
  localMsOfDay,
  yearOfDay,
} from './local-time.js';
import { parseOfficeHours, type OfficePeriodMs } from './office-hours.js';

/**
 * Longest run of consecutive days off we accept before calling the data broken: the real
 * maximum is 9 (Spring Festival), so this only stops a corrupt calendar from looping forever.
 */
const MAX_DAYS_OFF_IN_A_ROW = 366;

/** A position on the local clock: day number and milliseconds since its midnight. */
interface LocalPoint {
  day: number;
  ms: number;
}

function assertCount(name: string, value: number, integer: boolean): void {
  const valid = integer ? Number.isInteger(value) : Number.isFinite(value);
  if (!valid || value < 0) {
    throw new RangeError(`${name} must be a non-negative ${integer ? 'integer' : 'number'}`);
  }
}

/**
 * China's working-day calendar: Monday–Friday, minus official holidays, plus make-up weekend
 * workdays (调休), with office hours. Pure and immutable: built from data the caller loaded, so
 * one instance can serve a whole sweep. Inputs and outputs are instants; all calendar logic runs
 * in Asia/Shanghai local time.
 */
export class BusinessCalendar {
  readonly timeZone: 'Asia/Shanghai';
  private readonly holidays = new Set<number>();
  private readonly makeUpWorkdays = new Set<number>();
  private readonly published: ReadonlySet<number>;
  private readonly periods: readonly OfficePeriodMs[];
  private readonly workMsPerDay: number;

  constructor(options: BusinessCalendarOptions) {
    this.timeZone = options.timeZone;
    for (const { date, kind } of options.days) {
      const day = dayOfIsoDate(date);
      const [mine, other] =
        kind === 'holiday'
          ? [this.holidays, this.makeUpWorkdays]
          : [this.makeUpWorkdays, this.holidays];
      if (other.has(day)) throw new RangeError(`${date} is both a holiday and a workday`);
      mine.add(day);
    }
    this.published = new Set(options.publishedYears);
    this.periods = parseOfficeHours(options.officeHours);
    this.workMsPerDay = this.periods.reduce((sum, { start, end }) => sum + end - start, 0);
  }

  /** Whether the local day of `date` is worked: Mon–Fri unless a holiday, weekends if 调休. */
  isWorkingDay(date: Date): boolean {
    return this.isWorkingDayNumber(localDay(instantOfDate(date)));
  }

  /**
   * The due instant `days` working days after `start`, at the same local time of day.
   *
   * A start outside office hours (a day off, before opening, the lunch break, after closing)
   * is first moved forward to the next office-hours instant, e.g. received Saturday → counting
   * starts Monday 08:30, so 1 working day is due Tuesday 08:30. This keeps every due instant
   * inside office hours, when someone can act on it, and gives the same working time as the
   * unmoved start would. `days = 0` yields that moved start.
   */
  addWorkingDays(start: Date, days: number): Deadline {
    assertCount('days', days, true);
    const from = instantOfDate(start);
    const { day: startDay, ms } = this.nextOfficeInstant(from);
    let day = startDay;
    for (let i = 0; i < days; i++) day = this.nextWorkingDayAfter(day);
    return this.deadline(instantOf(day, ms), localDay(from), day);
  }

  /**
   * The instant at which `hours` of office time on working days have elapsed since `start`.
   * Fractional hours are allowed (rounded to the millisecond). A budget that runs out exactly
   * at closing time is due at closing time, not at the next opening; `hours = 0` yields the
   * next office-hours instant at or after `start`.
   */
  addWorkingHours(start: Date, hours: number): Deadline {
    assertCount('hours', hours, false);
    const from = instantOfDate(start);
    let remaining = Math.round(hours * MS_PER_HOUR);
    let day = localDay(from);
    let ms = localMsOfDay(from);
    for (;;) {
      if (this.isWorkingDayNumber(day)) {
        // Whole days are skipped in one step; `>` keeps an exact multiple due at closing time.
        if (ms === 0 && remaining > this.workMsPerDay) {
          remaining -= this.workMsPerDay;
        } else {
          for (const period of this.periods) {
            if (ms >= period.end) continue;
            const periodFrom = Math.max(ms, period.start);
            if (remaining <= period.end - periodFrom) {
              return this.deadline(instantOf(day, periodFrom + remaining), localDay(from), day);
            }
            remaining -= period.end - periodFrom;
          }
        }
      }
      day = this.nextWorkingDayAfter(day);
      ms = 0;
    }
  }

  /**
   * The end (23:59:59.999 local) of the `days`-th calendar day after `start`'s day, for the
   * statutory clocks. The start day itself is not counted (民事诉讼法 art. 85: 期间开始的时和日
   * 不计算在期间内), so 15 days from an application received on 1 March end on 16 March.
   *
   * With `extendOverHoliday` (the default), a term whose last day is not a working day ends
   * with the first working day after it (民事诉讼法 art. 85, 民法典 art. 203: 期间的最后一日是
   * 法定休假日的，以法定休假日结束的次日为期间的最后一日). 法定休假日 there is read as public
   * holidays and ordinary weekends alike, while a make-up workday (调休) is a working day, so
   * this is exactly "the next working day". Without extension the calendar is not consulted and
   * `unpublishedYears` is always empty.
   */
  addCalendarDays(start: Date, days: number, options: CalendarDaysOptions = {}): Deadline {
    assertCount('days', days, true);
    return this.termEndingOn(localDay(instantOfDate(start)) + days, options);
  }

  /**
   * The end (23:59:59.999 local) of the term of `months` months from `start`, for terms the law
   * counts in months or years (仲裁时效一年: 12 months). The last day is the corresponding day of
   * the month the term ends in, or that month's last day when it has no such day (民法典 art.
   * 202: 按照年、月计算期间的，到期月的对应日为期间的最后一日；没有对应日的，月末日为期间的最后一日),
   * so 12 months from 29 Feb 2028 end on 28 Feb 2029. A last day off work extends the term as in
   * {@link addCalendarDays}.
   */
  addCalendarMonths(start: Date, months: number, options: CalendarDaysOptions = {}): Deadline {
    assertCount('months', months, true);
    return this.termEndingOn(addMonthsToDay(localDay(instantOfDate(start)), months), options);
  }

  /** Office hours of one working day, e.g. 7.5 with the default 08:30–12:00, 13:30–17:30. */
  get workingHoursPerDay(): number {
    return this.workMsPerDay / MS_PER_HOUR;
  }

  /**
   * Office-hours minutes between two instants, on working days only: positive when `b` is after
   * `a`, negative when before (an overdue clock), fractional below a minute. Use it for
   * "time left" badges and to credit paused time; {@link unpublishedYearsBetween} tells whether
   * the span relied on an unpublished year.
   */
  workingMinutesBetween(a: Date, b: Date): number {
    const from = instantOfDate(a);
    const to = instantOfDate(b);
    const ms = from <= to ? this.workingMsBetween(from, to) : -this.workingMsBetween(to, from);
    // An empty span backwards would be -0, which prints as "-0" and fails Object.is checks.
    return ms === 0 ? 0 : ms / MS_PER_MINUTE;
  }

  /** Years between the local days of two instants (either order) that are not published. */
  unpublishedYearsBetween(a: Date, b: Date): number[] {
    const [dayA, dayB] = [localDay(instantOfDate(a)), localDay(instantOfDate(b))];
    return this.unpublishedYears(Math.min(dayA, dayB), Math.max(dayA, dayB));
  }

  /** A statutory term whose last day is `lastDay`: its end, extended over days off unless told. */
  private termEndingOn(lastDay: number, options: CalendarDaysOptions): Deadline {
    const endOf = (day: number): number => instantOf(day + 1, 0) - 1;
    if (options.extendOverHoliday === false)
      return { dueAt: new Date(endOf(lastDay)), unpublishedYears: [] };
    const dueDay = this.isWorkingDayNumber(lastDay) ? lastDay : this.nextWorkingDayAfter(lastDay);
    return this.deadline(endOf(dueDay), lastDay, dueDay);
  }

  private isWorkingDayNumber(day: number): boolean {
    if (this.holidays.has(day)) return false;
    return this.makeUpWorkdays.has(day) || !isWeekend(day);
  }

  private nextWorkingDayAfter(day: number): number {
    for (let next = day + 1; next <= day + MAX_DAYS_OFF_IN_A_ROW; next++) {
      if (this.isWorkingDayNumber(next)) return next;
    }
    throw new RangeError(`No working day within ${MAX_DAYS_OFF_IN_A_ROW} days after day ${day}`);
  }

  /** The first instant at or after `instant` that lies inside office hours on a working day. */
  private nextOfficeInstant(instant: number): LocalPoint {
    const day = localDay(instant);
    const ms = localMsOfDay(instant);
    if (this.isWorkingDayNumber(day)) {
      const period = this.periods.find(({ end }) => ms < end);
      if (period) return { day, ms: Math.max(ms, period.start) };
    }
    return { day: this.nextWorkingDayAfter(day), ms: this.periods[0]!.start };
  }

  /** Office time of one day between two local times. */
  private officeMsWithin(fromMs: number, toMs: number): number {
    let total = 0;
    for (const { start, end } of this.periods) {
      total += Math.max(0, Math.min(toMs, end) - Math.max(fromMs, start));
    }
    return total;
  }

  /** Office time on working days from `from` to a later `to`, both epoch ms. */
  private workingMsBetween(from: number, to: number): number {
    const firstDay = localDay(from);
    const lastDay = localDay(to);
    const fromMs = localMsOfDay(from);
    const toMs = localMsOfDay(to);
    if (firstDay === lastDay) {
      return this.isWorkingDayNumber(firstDay) ? this.officeMsWithin(fromMs, toMs) : 0;
    }
    let total = this.isWorkingDayNumber(firstDay) ? this.officeMsWithin(fromMs, MS_PER_DAY) : 0;
    for (let day = firstDay + 1; day < lastDay; day++) {
      if (this.isWorkingDayNumber(day)) total += this.workMsPerDay;
    }
    if (this.isWorkingDayNumber(lastDay)) total += this.officeMsWithin(0, toMs);
    return total;
  }

  /** Published years are a small set; a span's years are contiguous, so check only the range. */
  private unpublishedYears(firstDay: number, lastDay: number): number[] {
    const years: number[] = [];
    for (let year = yearOfDay(firstDay); year <= yearOfDay(lastDay); year++) {
      if (!this.published.has(year)) years.push(year);
    }
    return years;
  }

  private deadline(dueAt: number, firstDay: number, lastDay: number): Deadline {
    return { dueAt: new Date(dueAt), unpublishedYears: this.unpublishedYears(firstDay, lastDay) };
  }
}
