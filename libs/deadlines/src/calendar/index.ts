export { BusinessCalendar } from './business-calendar.js';
export { loadOfficialCalendar, officialPublishedYears } from './calendar-source.js';
export type {
  BusinessCalendarOptions,
  CalendarDay,
  CalendarDaysOptions,
  Deadline,
  OfficeHours,
  OfficePeriod,
} from './calendar-types.js';
export { dayOfIsoDate, formatLocalMinute, isWeekend, localIsoDate } from './local-time.js';
export { DEFAULT_OFFICE_HOURS, parseOfficeHours } from './office-hours.js';
export { officialBusinessCalendar } from './official-calendar.js';
