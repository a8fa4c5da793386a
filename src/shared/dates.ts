/**
 * Calendar dates in Bulgarian time (Europe/Sofia): registration dates, answer
 * deadlines and the way Bulgarian documents write them.
 */
import type { AnswerDeadline } from "./municipality";

/** A calendar date, "YYYY-MM-DD". */
export type IsoDate = string;

const sofiaDay = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/Sofia",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The date in Sofia at the given instant, "YYYY-MM-DD". */
export function sofiaDate(instant: Date): IsoDate {
  const parts = Object.fromEntries(sofiaDay.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

const sofiaClock = new Intl.DateTimeFormat("bg-BG", {
  timeZone: "Europe/Sofia",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/**
 * The instant a day begins in Sofia, as an ISO 8601 UTC string (how instants are stored):
 * midnight is 22:00 or 21:00 UTC the day before, in winter and summer time (the clocks
 * change at 03:00 and 04:00, never at midnight).
 */
export function sofiaDayStart(date: IsoDate): string {
  for (const hours of [2, 3]) {
    const at = new Date(utc(date) - hours * 3_600_000);
    if (sofiaDate(at) === date && sofiaDate(new Date(at.getTime() - 1)) !== date) return at.toISOString();
  }
  throw new Error(`no Sofia midnight found for ${date}`);
}

/** "21.11.2026 г., 14:32 ч." in Bulgarian time, for an ISO 8601 instant. */
export function formatReceived(iso: string): string {
  const at = new Date(iso);
  return `${formatBgDate(sofiaDate(at))}, ${sofiaClock.format(at)} ч.`;
}

/** "2026-11-21" → "21.11.2026", the date part of an incoming number. */
export function dottedDate(date: IsoDate): string {
  const [y, m, d] = date.split("-");
  return `${d}.${m}.${y}`;
}

/** "2026-11-21" → "21.11.2026 г.", as Bulgarian documents write dates. */
export function formatBgDate(date: IsoDate): string {
  return `${dottedDate(date)} г.`;
}

const utc = (date: IsoDate) => {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
};

/** The date `n` calendar days after `date` (before, for negative `n`). */
export function addDays(date: IsoDate, n: number): IsoDate {
  return new Date(utc(date) + n * 86_400_000).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export const weekday = (date: IsoDate): number => new Date(utc(date)).getUTCDay();

/**
 * The last day to answer: a deadline in months ends on the same date of the
 * final month, or on that month's last day when it has no such date (31.01 + 1
 * month → 28/29.02); a deadline in days counts calendar days.
 */
export function addDeadline(from: IsoDate, deadline: Pick<AnswerDeadline, "amount" | "unit">): IsoDate {
  if (deadline.unit === "days") return addDays(from, deadline.amount);
  const [y, m, d] = from.split("-").map(Number) as [number, number, number];
  const monthIndex = m - 1 + deadline.amount;
  const lastDay = new Date(Date.UTC(y, monthIndex + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, monthIndex, Math.min(d, lastDay))).toISOString().slice(0, 10);
}

/** `1 месец`, `2 месеца`, `14 дни`. */
export function formatDuration(deadline: Pick<AnswerDeadline, "amount" | "unit">): string {
  const { amount, unit } = deadline;
  if (unit === "months") return `${amount} ${amount === 1 ? "месец" : "месеца"}`;
  return `${amount} ${amount === 1 ? "ден" : "дни"}`;
}
