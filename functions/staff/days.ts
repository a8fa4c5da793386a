/**
 * Working days as the registry counts them: today in Sofia, and the working-days
 * calendar from content (src/shared/working-days.ts). Legal deadlines stay calendar
 * dates; this only says how many working days are left and whether a day is off.
 */
import { sofiaDate } from "../../src/shared/dates";
import { type Calendar, lastDateWithin, nonWorkingReason, workingDaysLeft } from "../../src/shared/working-days";
import { calendar } from "../content/calendar";

export interface Days {
  today: string;
  /** Working days from today through `deadline`; negative once it has passed. */
  left(deadline: string): number;
  /** The last date due within `n` working days. */
  lastWithin(n: number): string;
  /** Why `date` is not a working day ("неделя", "Великден…"), or null. */
  offReason(date: string): string | null;
  /** A note when the calendar does not cover the year of `date`. */
  uncovered(date: string): string | null;
}

export function daysFrom(cal: Calendar, now: Date): Days {
  const today = sofiaDate(now);
  return {
    today,
    left: (deadline) => workingDaysLeft(today, deadline, cal),
    lastWithin: (n) => lastDateWithin(today, n, cal),
    offReason: (date) => nonWorkingReason(date, cal),
    uncovered: (date) => {
      const year = Number(date.slice(0, 4));
      return cal.covers(year) ? null : `Календарът за ${year} г. не е въведен; броят се само съботите и неделите.`;
    },
  };
}

export async function days(assets: Fetcher, now: Date): Promise<Days> {
  return daysFrom(await calendar(assets), now);
}

/** The days due within this many working days count as "due soon" (registry filter and digest). */
export const DUE_SOON_WORKING_DAYS = 5;
