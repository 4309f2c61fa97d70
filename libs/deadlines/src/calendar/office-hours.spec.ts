import { describe, expect, it } from 'vitest';
import { DEFAULT_OFFICE_HOURS, parseOfficeHours } from './office-hours.js';

const minutes = (periods: { start: number; end: number }[]) =>
  periods.map(({ start, end }) => [start / 60_000, end / 60_000]);

describe('parseOfficeHours', () => {
  it('turns the default hours into minute-exact periods', () => {
    expect(minutes(parseOfficeHours(DEFAULT_OFFICE_HOURS))).toEqual([
      [510, 720],
      [810, 1050],
    ]);
  });

  it('accepts 24:00 as the end of the day', () => {
    expect(minutes(parseOfficeHours([{ start: '00:00', end: '24:00' }]))).toEqual([[0, 1440]]);
  });

  it.each([
    [[]],
    [[{ start: '8:30', end: '12:00' }]],
    [[{ start: '12:00', end: '12:00' }]],
    [[{ start: '13:00', end: '12:00' }]],
    [
      [
        { start: '08:30', end: '12:00' },
        { start: '11:00', end: '17:30' },
      ],
    ],
    [
      [
        { start: '13:30', end: '17:30' },
        { start: '08:30', end: '12:00' },
      ],
    ],
  ])('rejects %j', (hours) => {
    expect(() => parseOfficeHours(hours)).toThrow(RangeError);
  });
});
