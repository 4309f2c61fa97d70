import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '@heqi/core';
import { type BusinessCalendar, officialBusinessCalendar } from '@heqi/calendar';

/** How an offer's time to answer is counted (`HEQI_OFFER_TTL_CLOCK`). */
export type OfferTtlClock = 'working' | 'elapsed';

/**
 * When an offer made at `from` lapses: `ttlMinutes` of office time on working days (China's
 * official calendar, 调休 included) — the design's "2 working hours", so an offer made on a
 * Friday evening is answered on Monday morning, not over the weekend — or plain elapsed time.
 */
export function offerExpiry(
  from: Date,
  ttlMinutes: number,
  clock: OfferTtlClock,
  calendar: BusinessCalendar,
): Date {
  if (clock === 'elapsed') return new Date(from.getTime() + Math.round(ttlMinutes * 60_000));
  // A year whose calendar is not yet published is computed as plain Monday–Friday; for a
  // two-hour offer that is at worst a day off mistaken for a working day, not worth a refusal.
  return calendar.addWorkingHours(from, ttlMinutes / 60).dueAt;
}

/** {@link offerExpiry} with the configured TTL, on the bundled official calendar. */
@Injectable()
export class OfferClock {
  private readonly calendar = officialBusinessCalendar();

  constructor(@Inject(AppConfig) private readonly config: AppConfig) {}

  expiry(from: Date): Date {
    const { offerTtlMinutes, offerTtlClock } = this.config.assignment;
    return offerExpiry(from, offerTtlMinutes, offerTtlClock, this.calendar);
  }
}
