/**
 * The report as open data: /<municipality>/otchet/<year>.csv and .json, the same rows
 * as the page, after the small-numbers rule. The columns are fixed (OPEN_DATA_COLUMNS,
 * documented on the page and in the README); new figures are new rows, never new columns.
 */
import { KIND_SPECS } from "../../src/shared/kinds";
import { toCsv } from "../staff/export";
import type { Figures } from "./figures";
import type { ShownRow } from "./suppress";
import { rowLabel } from "./words";

export const LICENCE = {
  name: "Creative Commons Признание 4.0 Международен (CC BY 4.0)",
  url: "https://creativecommons.org/licenses/by/4.0/deed.bg",
} as const;

/** The columns, in order, with what each holds (the page and the README show this list). */
export const OPEN_DATA_COLUMNS = [
  ["municipality", "идентификатор на общината, напр. kostinbrod"],
  ["year", "годината на отчета"],
  ["section", "раздел: about, received, handling, answer_time, surveys, page_feedback"],
  ["kind", "вид: complaint (жалба), signal (сигнал), proposal (предложение), praise (похвала); празно = всички"],
  ["month", "месец 1–12; празно = цялата година"],
  ["page", "адрес на страницата (само в page_feedback)"],
  ["measure", "какво е числото, напр. received, on_time, late, median, rating_5, yes"],
  [
    "value",
    "числото; „< 3“ вместо 1 или 2; „скрито“ вместо число, от което „< 3“ би се изчислило; празно, когато данните са твърде малко",
  ],
  ["unit", "count, working_days, rating, percent или text"],
  ["label", "редът с думи"],
] as const;

type Column = (typeof OPEN_DATA_COLUMNS)[number][0];
type OpenRow = Record<Column, string | number | null>;

function aboutRows(f: Figures): ShownRow[] {
  const about = (measure: string, value: string) =>
    ({ section: "about", kind: "", month: "", page: "", measure, value, unit: "text" }) as const;
  return [
    about("licence", `${LICENCE.name}, ${LICENCE.url}`),
    about("source", `Регистърът на Харта на клиента: ${f.municipality}, ${f.year} г.`),
    about("as_of", f.asOf),
    about("complete", f.complete ? "yes" : "no"),
    about("demo", f.demo ? "yes" : "no"),
  ];
}

export function openRows(f: Figures, rows: readonly ShownRow[]): OpenRow[] {
  return [...aboutRows(f), ...rows].map((r) => ({
    municipality: f.municipality,
    year: f.year,
    section: r.section,
    kind: r.kind,
    month: r.month,
    page: r.page,
    measure: r.measure,
    value: r.value,
    unit: r.unit,
    label: rowLabel(r),
  }));
}

export function toOpenCsv(f: Figures, rows: readonly ShownRow[]): string {
  return toCsv(
    OPEN_DATA_COLUMNS.map(([key]) => [key, key] as const),
    openRows(f, rows),
  );
}

export function toOpenJson(f: Figures, rows: readonly ShownRow[]) {
  return {
    municipality: f.municipality,
    year: f.year,
    asOf: f.asOf,
    complete: f.complete,
    demo: f.demo,
    licence: LICENCE,
    kinds: Object.fromEntries(Object.entries(KIND_SPECS).map(([k, s]) => [k, s.label])),
    columns: OPEN_DATA_COLUMNS.map(([key, meaning]) => ({ name: key, meaning })),
    rows: openRows(f, rows),
  };
}
