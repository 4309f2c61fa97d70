/**
 * One day that departs from the plain Monday–Friday week, as published by the State Council.
 * `holiday` is a weekday off; `workday` is a weekend day that is worked (调休 make-up day).
 */
export interface CalendarDay {
  /** Local (Asia/Shanghai) calendar date, `YYYY-MM-DD`. */
  date: string;
  kind: 'holiday' | 'workday';
  /** The festival the day belongs to, e.g. `春节`. */
  name?: string;
}

/** One office-hours period of a working day, local `HH:MM` times, `end` exclusive. */
export interface OfficePeriod {
  start: string;
  end: string;
}

/** The office-hours periods of every working day, in order and not overlapping. */
export type OfficeHours = readonly OfficePeriod[];

/** What a {@link BusinessCalendar} is built from; the caller loads the data. */
export interface BusinessCalendarOptions {
  days: readonly CalendarDay[];
  /** Years whose official schedule is known; any other year is computed as plain Mon–Fri. */
  publishedYears: readonly number[];
  officeHours: OfficeHours;
  timeZone: 'Asia/Shanghai';
}

/** A computed due instant and how far it can be trusted. */
export interface Deadline {
  dueAt: Date;
  /**
   * Years the computation relied on whose schedule is not published: the result assumed plain
   * Monday–Friday there, so the caller must flag it and recompute once the schedule is out.
   */
  unpublishedYears: number[];
}

/** Options of {@link BusinessCalendar.addCalendarDays}. */
export interface CalendarDaysOptions {
  /**
   * When the last day is not a working day, extend the term to the end of the first working day
   * after it. Defaults to true.
   */
  extendOverHoliday?: boolean;
}
