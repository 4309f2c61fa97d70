import { createRequire } from 'node:module';
import type { CalendarDay } from './calendar-types.js';
import { dayOfIsoDate, isWeekend } from './local-time.js';

/**
 * The raw data file of the `chinese-days` package: `{ holidays, workdays, inLieuDays }`, each a
 * map from `YYYY-MM-DD` to `"English name,中文名,n"`. `holidays` includes the weekend days of a
 * holiday break; `workdays` are the weekend days worked in exchange (调休).
 */
interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

// The package is CommonJS and ships its data as JSON: createRequire reads it from ESM without
// relying on Node's or Vite's CJS-interop guesses, and Node caches it after the first call.
const require = createRequire(import.meta.url);

function isStringMap(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.values(value).every((entry) => typeof entry === 'string')
  );
}

function readData(): ChineseDaysData {
  const data: unknown = require('chinese-days/dist/chinese-days.json');
  // A package upgrade that changes the file's shape must fail loudly, not yield an empty calendar.
  if (
    typeof data !== 'object' ||
    data === null ||
    !('holidays' in data && isStringMap(data.holidays)) ||
    !('workdays' in data && isStringMap(data.workdays))
  ) {
    throw new Error('chinese-days: unexpected shape of dist/chinese-days.json');
  }
  return { holidays: data.holidays, workdays: data.workdays };
}

/** The Chinese festival name out of `"Spring Festival,春节,4"`. */
function festivalName(label: string): string {
  return label.split(',')[1] ?? label;
}

/**
 * China's official calendar from the `chinese-days` package: weekdays off (`holiday`) and
 * weekend days worked (`workday`), sorted by date. Weekend days inside a holiday break are left
 * out because a weekend is off anyway.
 */
export function loadOfficialCalendar(): CalendarDay[] {
  const { holidays, workdays } = readData();
  const days: CalendarDay[] = [
    ...Object.entries(holidays)
      .filter(([date]) => !isWeekend(dayOfIsoDate(date)))
      .map(([date, label]): CalendarDay => ({ date, kind: 'holiday', name: festivalName(label) })),
    ...Object.entries(workdays).map(([date, label]): CalendarDay => ({
      date,
      kind: 'workday',
      name: festivalName(label),
    })),
  ];
  return days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * Years the package has a schedule for, ascending. The State Council publishes each year's
 * schedule in November/December of the year before, so the latest year appears only after a
 * package update. Every published year has at least the New Year holiday, so a year is present
 * exactly when it has holidays.
 */
export function officialPublishedYears(): number[] {
  const years = new Set(Object.keys(readData().holidays).map((date) => Number(date.slice(0, 4))));
  return [...years].sort((a, b) => a - b);
}
