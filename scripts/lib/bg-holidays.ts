/**
 * The non-working weekdays the Labour Code (art. 154) gives a year, computed: the
 * official holidays, Orthodox Easter from Good Friday to Easter Monday, and — since
 * 2017 (al. 2) — the working days after a holiday that falls on a Saturday or Sunday.
 * What the Council of Ministers moves by decision cannot be computed: an editor adds it.
 */
import { addDays, weekday } from "../../src/shared/dates.ts";
import type { CalendarYear } from "../../src/shared/working-days.ts";

const FIXED: [monthDay: string, name: string][] = [
  ["01-01", "Нова година"],
  ["03-03", "Ден на Освобождението на България – национален празник"],
  ["05-01", "Ден на труда"],
  ["05-06", "Гергьовден, Ден на храбростта"],
  ["05-24", "Ден на българската азбука, просвета и култура"],
  ["09-06", "Ден на Съединението"],
  ["09-22", "Ден на Независимостта"],
  ["12-24", "Бъдни вечер"],
  ["12-25", "Рождество Христово"],
  ["12-26", "Рождество Христово (втори ден)"],
];

/** Orthodox Easter Sunday: the Julian computus (Meeus), moved to the Gregorian calendar (+13 days, 1900–2099). */
export function orthodoxEaster(year: number): string {
  const a = year % 4;
  const b = year % 7;
  const c = year % 19;
  const d = (19 * c + 15) % 30;
  const e = (2 * a + 4 * b - d + 34) % 7;
  const month = Math.floor((d + e + 114) / 31);
  const day = ((d + e + 114) % 31) + 1;
  const julian = `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  return addDays(julian, 13);
}

const isWeekend = (date: string) => weekday(date) === 0 || weekday(date) === 6;

/** The year's non-working weekdays by the Labour Code alone, in date order. */
export function labourCodeDays(year: number): CalendarYear["nonWorkingDays"] {
  const easter = orthodoxEaster(year);
  const easterDays = new Map([
    [addDays(easter, -2), "Разпети петък"],
    [addDays(easter, -1), "Велика събота"],
    [easter, "Великден"],
    [addDays(easter, 1), "Великден (втори ден)"],
  ]);
  const fixed = new Map(FIXED.map(([md, name]) => [`${year}-${md}`, name]));
  const off = new Map([...fixed, ...easterDays]);
  const days = new Map<string, string>();
  for (const [date, name] of off) if (!isWeekend(date)) days.set(date, name);
  // Art. 154 (2): each holiday (Easter aside) on a Saturday or Sunday gives the next working day off.
  for (const [date, name] of [...fixed].sort(([a], [b]) => a.localeCompare(b))) {
    if (!isWeekend(date)) continue;
    let next = addDays(date, 1);
    while (isWeekend(next) || off.has(next) || days.has(next)) next = addDays(next, 1);
    days.set(next, `почивен ден по чл. 154, ал. 2 КТ (${name} е в ${weekday(date) === 6 ? "събота" : "неделя"})`);
  }
  return [...days].sort(([a], [b]) => a.localeCompare(b)).map(([date, name]) => ({ date, name }));
}

/** A draft file for content/calendar/<year>.json. */
export function draftYear(year: number): CalendarYear & { source: string } {
  return {
    year,
    status: "draft",
    source:
      "Кодекс на труда, чл. 154 (изчислено с npm run calendar). ДОБАВЕТЕ РЪЧНО дните, разместени с решение на Министерския съвет, и сменете status на checked.",
    nonWorkingDays: labourCodeDays(year),
    workingDays: [],
  };
}
