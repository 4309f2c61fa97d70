import type { OfficeHours } from './calendar-types.js';
import { MS_PER_DAY, MS_PER_MINUTE } from './local-time.js';

/** Usual government office hours: 08:30–12:00 and 13:30–17:30 (7.5 working hours a day). */
export const DEFAULT_OFFICE_HOURS: OfficeHours = Object.freeze([
  Object.freeze({ start: '08:30', end: '12:00' }),
  Object.freeze({ start: '13:30', end: '17:30' }),
]);

/** An office-hours period as milliseconds since local midnight, `end` exclusive. */
export interface OfficePeriodMs {
  start: number;
  end: number;
}

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

function msOfHhMm(time: string): number {
  const match = HH_MM.exec(time);
  if (!match) throw new RangeError(`Not an HH:MM time: ${time}`);
  return (Number(match[1]) * 60 + Number(match[2])) * MS_PER_MINUTE;
}

/**
 * Parses and checks office hours once, so the hot paths can trust them: at least one period,
 * each non-empty, in order and not overlapping. `24:00` is accepted as an end of day.
 */
export function parseOfficeHours(hours: OfficeHours): OfficePeriodMs[] {
  if (hours.length === 0) throw new RangeError('Office hours need at least one period');
  const periods = hours.map(({ start, end }) => ({
    start: msOfHhMm(start),
    end: end === '24:00' ? MS_PER_DAY : msOfHhMm(end),
  }));
  periods.forEach((period, i) => {
    const previousEnd = i === 0 ? 0 : periods[i - 1]!.end;
    if (period.end <= period.start || period.start < previousEnd) {
      throw new RangeError('Office hours must be non-empty periods, in order, not overlapping');
    }
  });
  return periods;
}
