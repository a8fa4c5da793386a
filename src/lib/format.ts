/** Bulgarian conventions for dates, times, deadlines and working hours. */
import type { Municipality, Weekday } from "../shared/municipality";
import { WEEKDAYS } from "../shared/municipality";

const two = (n: number) => String(n).padStart(2, "0");

/** `29.01.2015 г.` — the form used in Bulgarian official documents. */
export function formatDate(date: Date): string {
  return `${two(date.getUTCDate())}.${two(date.getUTCMonth() + 1)}.${date.getUTCFullYear()} г.`;
}

/** `08:30` → `8.30`, the way the charters write times of day. */
export function formatClock(clock: string): string {
  const [h, m] = clock.split(":");
  return `${Number(h)}.${m}`;
}

export const WEEKDAY_NAMES: Record<Weekday, string> = {
  monday: "понеделник",
  tuesday: "вторник",
  wednesday: "сряда",
  thursday: "четвъртък",
  friday: "петък",
  saturday: "събота",
  sunday: "неделя",
};

export interface HoursRow {
  days: string;
  hours: string;
}

/**
 * Groups consecutive weekdays with identical hours: "понеделник – петък:
 * от 8.30 до 17.00 ч., почивка от 12.00 до 12.30 ч.". Days not listed are closed.
 */
export function workingHoursRows(hours: NonNullable<Municipality["workingHours"]>): HoursRow[] {
  const describe = (day: Weekday) => {
    const d = hours[day];
    if (!d) return "почивен ден";
    const breaks = d.breaks.map((b) => `почивка от ${formatClock(b.from)} до ${formatClock(b.to)} ч.`);
    return [`от ${formatClock(d.open)} до ${formatClock(d.close)} ч.`, ...breaks].join(", ");
  };
  const rows: { first: Weekday; last: Weekday; hours: string }[] = [];
  for (const day of WEEKDAYS) {
    const text = describe(day);
    const previous = rows.at(-1);
    if (previous && previous.hours === text) previous.last = day;
    else rows.push({ first: day, last: day, hours: text });
  }
  return rows.map((r) => ({
    days: r.first === r.last ? WEEKDAY_NAMES[r.first] : `${WEEKDAY_NAMES[r.first]} – ${WEEKDAY_NAMES[r.last]}`,
    hours: r.hours,
  }));
}

/** 60 → "60 месеца (5 години)", 1 → "1 месец", 18 → "18 месеца": how long personal data is kept. */
export function retentionPeriod(months: number): string {
  const m = `${months} ${months === 1 ? "месец" : "месеца"}`;
  if (months % 12 !== 0) return m;
  const years = months / 12;
  return `${m} (${years} ${years === 1 ? "година" : "години"})`;
}
