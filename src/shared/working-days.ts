/**
 * Bulgarian working days, from the calendar editors keep in content/calendar/ (one file
 * per year: the official holidays of the Labour Code, art. 154, with Orthodox Easter and
 * the days moved when a holiday falls on a weekend, and what the Council of Ministers
 * moved). Zod-free and Astro-free: the Worker counts with it. Dates are "YYYY-MM-DD"
 * in Bulgarian time. A year the calendar does not cover counts only weekends as days off.
 */
import { addDays, weekday } from "./dates.ts";

/** One year as content/calendar/<year>.json gives it (after validation). */
export interface CalendarYear {
  year: number;
  /** "checked" once an editor compared it with the official decisions; "draft" before. */
  status: "draft" | "checked";
  /** Weekdays that are not working days, with what they are. */
  nonWorkingDays: { date: string; name: string }[];
  /** Saturdays and Sundays made working days by a decision, with the decision. */
  workingDays: { date: string; reason: string }[];
}

export interface Calendar {
  covers(year: number): boolean;
  /** The name of a non-working weekday, if it is one. */
  holiday(date: string): string | undefined;
  /** True for a weekend day made a working day. */
  workingWeekend(date: string): boolean;
}

export function calendarOf(years: readonly CalendarYear[]): Calendar {
  const covered = new Set(years.map((y) => y.year));
  const off = new Map(years.flatMap((y) => y.nonWorkingDays.map((d) => [d.date, d.name] as const)));
  const on = new Set(years.flatMap((y) => y.workingDays.map((d) => d.date)));
  return {
    covers: (year) => covered.has(year),
    holiday: (date) => off.get(date),
    workingWeekend: (date) => on.has(date),
  };
}

const isWeekend = (date: string) => weekday(date) === 0 || weekday(date) === 6;

export function isWorkingDay(date: string, cal: Calendar): boolean {
  if (isWeekend(date)) return cal.workingWeekend(date);
  return cal.holiday(date) === undefined;
}

/** Why `date` is not a working day ("събота", "неделя", "Великден (официален празник)"), or null. */
export function nonWorkingReason(date: string, cal: Calendar): string | null {
  if (isWorkingDay(date, cal)) return null;
  const holiday = cal.holiday(date);
  if (holiday) return holiday;
  return weekday(date) === 6 ? "събота" : "неделя";
}

/** At most this many days are walked (a deadline years away is counted no further). */
const HORIZON = 800;

/**
 * Working days from `today` through `deadline`, today included when it is a working
 * day: due today → 1. Once the deadline has passed, minus the working days after it up
 * to and including today: due yesterday, today a working day → -1.
 */
export function workingDaysLeft(today: string, deadline: string, cal: Calendar): number {
  const [from, to, sign] = deadline >= today ? [today, deadline, 1] : [addDays(deadline, 1), today, -1];
  let count = 0;
  for (let d = from, i = 0; d <= to && i < HORIZON; d = addDays(d, 1), i++) if (isWorkingDay(d, cal)) count++;
  return count === 0 ? 0 : sign * count; // never -0: a passed deadline on a day off is 0 until a working day
}

/**
 * The last date still due within `n` working days of `today` (so "due within 5 working
 * days" is a range of dates SQL can compare): the day before the (n+1)-th working day.
 */
export function lastDateWithin(today: string, n: number, cal: Calendar): string {
  let count = 0;
  let d = today;
  for (let i = 0; i < HORIZON; i++, d = addDays(d, 1)) {
    if (isWorkingDay(d, cal)) count++;
    if (count > n) return addDays(d, -1);
  }
  return d;
}

/**
 * Working days after `from` up to and including `to`: the time an answer took, day zero
 * being the day it was received (answered the same day → 0, on the next working day → 1).
 */
export function workingDaysAfter(from: string, to: string, cal: Calendar): number {
  return to > from ? workingDaysLeft(addDays(from, 1), to, cal) : 0;
}

/**
 * Where the calendar departs from "Monday to Friday" between `first` and `last`: each
 * weekday off and each weekend day worked, with how many days off that makes so far
 * (a weekday off counts +1, a Saturday worked −1). So that SQL can count working days
 * as weekdays minus these (the yearly report counts answer times over thousands of rows).
 */
export function daysOffSoFar(cal: Calendar, first: string, last: string): { date: string; off: number }[] {
  const steps: { date: string; off: number }[] = [];
  let off = 0;
  for (let d = first, i = 0; d <= last && i < 3 * HORIZON; d = addDays(d, 1), i++) {
    const weekend = isWeekend(d);
    if (weekend === isWorkingDay(d, cal)) {
      off += weekend ? -1 : 1;
      steps.push({ date: d, off });
    }
  }
  return steps;
}
