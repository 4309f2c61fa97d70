import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { api } from '../api/endpoints';

/** Holidays and make-up working days (调休) of the years the console looks at. */
export interface WorkingCalendar {
  holidays: Set<string>;
  workdays: Set<string>;
}

let cached: Promise<WorkingCalendar> | null = null;

function loadCalendar(): Promise<WorkingCalendar> {
  cached ??= (async () => {
    const year = dayjs().year();
    const calendar: WorkingCalendar = { holidays: new Set(), workdays: new Set() };
    for (const y of [year - 1, year, year + 1]) {
      const detail = await api.calendarYear(y).catch(() => null);
      for (const day of detail?.days ?? []) {
        (day.kind === 'holiday' ? calendar.holidays : calendar.workdays).add(day.date);
      }
    }
    return calendar;
  })();
  return cached;
}

export function isWorkingDay(calendar: WorkingCalendar | null, date: dayjs.Dayjs): boolean {
  const key = date.format('YYYY-MM-DD');
  if (calendar?.workdays.has(key)) return true;
  if (calendar?.holidays.has(key)) return false;
  const dow = date.day();
  return dow !== 0 && dow !== 6;
}

/** Working days after today up to and including the due day (negative when overdue). */
export function workingDaysLeft(
  calendar: WorkingCalendar | null,
  now: number,
  due: string,
): number {
  const today = dayjs(now).startOf('day');
  const dueDay = dayjs(due).startOf('day');
  const forward = !dueDay.isBefore(today);
  let count = 0;
  let day = today;
  for (let i = 0; i < 800 && !day.isSame(dueDay, 'day'); i++) {
    day = day.add(forward ? 1 : -1, 'day');
    const counted = forward ? day : day.add(1, 'day');
    if (isWorkingDay(calendar, counted)) count++;
  }
  return forward ? count : -count;
}

/** The official working-day calendar (falls back to Monday–Friday while loading). */
export function useWorkingCalendar(): WorkingCalendar | null {
  const [calendar, setCalendar] = useState<WorkingCalendar | null>(null);
  useEffect(() => {
    let live = true;
    void loadCalendar().then((c) => live && setCalendar(c));
    return () => {
      live = false;
    };
  }, []);
  return calendar;
}

export function resetWorkingCalendar(): void {
  cached = null;
}
