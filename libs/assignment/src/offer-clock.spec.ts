import { describe, expect, it } from 'vitest';
import { officialBusinessCalendar } from '@heqi/calendar';
import { offerExpiry } from './offer-clock.js';

const calendar = officialBusinessCalendar();
/** Local (Asia/Shanghai) time as an instant. */
const cst = (local: string) => new Date(`${local}+08:00`);

describe('offerExpiry', () => {
  it('counts working hours: 2 hours from a Monday 09:00 is 11:00', () => {
    expect(offerExpiry(cst('2026-11-23T09:00:00'), 120, 'working', calendar)).toEqual(
      cst('2026-11-23T11:00:00'),
    );
  });

  it('skips the lunch break and the night', () => {
    expect(offerExpiry(cst('2026-11-23T11:00:00'), 120, 'working', calendar)).toEqual(
      cst('2026-11-23T14:30:00'),
    );
    expect(offerExpiry(cst('2026-11-23T17:00:00'), 120, 'working', calendar)).toEqual(
      cst('2026-11-24T10:00:00'),
    );
  });

  it('waits over a weekend: an offer made on Saturday lapses on Monday morning', () => {
    expect(offerExpiry(cst('2026-11-21T15:00:00'), 120, 'working', calendar)).toEqual(
      cst('2026-11-23T10:30:00'),
    );
  });

  it('skips public holidays and works make-up Saturdays (National Day 2026)', () => {
    // 1–7 October 2026 are days off; Saturday 10 October 2026 is a make-up working day (调休).
    expect(offerExpiry(cst('2026-09-30T17:00:00'), 60, 'working', calendar)).toEqual(
      cst('2026-10-08T09:00:00'),
    );
    expect(offerExpiry(cst('2026-10-09T17:00:00'), 60, 'working', calendar)).toEqual(
      cst('2026-10-10T09:00:00'),
    );
  });

  it('counts wall-clock time when asked to, with fractions of a minute', () => {
    const from = cst('2026-11-21T23:00:00');
    expect(offerExpiry(from, 120, 'elapsed', calendar)).toEqual(cst('2026-11-22T01:00:00'));
    expect(offerExpiry(from, 0.05, 'elapsed', calendar).getTime() - from.getTime()).toBe(3_000);
  });
});
