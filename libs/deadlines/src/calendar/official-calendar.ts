import { BusinessCalendar } from './business-calendar.js';
import { loadOfficialCalendar, officialPublishedYears } from './calendar-source.js';
import { DEFAULT_OFFICE_HOURS } from './office-hours.js';

/**
 * A calendar straight from the bundled `chinese-days` data and default office hours, for tests
 * and for callers that have no calendar of their own in the database yet.
 */
export function officialBusinessCalendar(): BusinessCalendar {
  return new BusinessCalendar({
    days: loadOfficialCalendar(),
    publishedYears: officialPublishedYears(),
    officeHours: DEFAULT_OFFICE_HOURS,
    timeZone: 'Asia/Shanghai',
  });
}
