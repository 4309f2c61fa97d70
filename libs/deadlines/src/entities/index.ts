import { CalendarDate } from './calendar-date.entity.js';
import { CalendarYear } from './calendar-year.entity.js';
import { CaseClock } from './case-clock.entity.js';
import { ClockExtension } from './clock-extension.entity.js';
import { ClockPolicy } from './clock-policy.entity.js';
import { DeadlineRevision } from './deadline-revision.entity.js';
import { Notification } from './notification.entity.js';
import { SupervisionOrder } from './supervision-order.entity.js';

export {
  CalendarDate,
  CalendarYear,
  CaseClock,
  ClockExtension,
  ClockPolicy,
  DeadlineRevision,
  Notification,
  SupervisionOrder,
};

/** Entities of the deadlines context, for the migration model (`apps/migrate`). */
export const DEADLINE_ENTITIES = [
  DeadlineRevision,
  CalendarYear,
  CalendarDate,
  ClockPolicy,
  CaseClock,
  ClockExtension,
  SupervisionOrder,
  Notification,
];
