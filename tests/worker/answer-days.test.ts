/**
 * The report counts the working days an answer took in SQL, over thousands of rows; the
 * receipt and the registry count them in TypeScript (src/shared/working-days.ts). Both must
 * give the same number for every pair of dates: here, for pairs across the holidays, the
 * worked Saturdays and the turn of the year of the real calendar, the SQL's answer is held
 * against the TypeScript one. And the dates the SQL is written from are checked first.
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { calendar } from "../../functions/content/calendar";
import { batch } from "../../functions/db/batch";
import { reportAnswerDays } from "../../functions/db/submissions";
import type { Bindings } from "../../functions/env";
import { DEADLINE_KINDS } from "../../functions/report/figures";
import { addDays } from "../../src/shared/dates";
import { type Calendar, calendarOf, daysOffSoFar, workingDaysAfter } from "../../src/shared/working-days";
import { db } from "./support";

const bindings = () => env as unknown as Bindings;

/** A small deterministic generator, so a failure names the same pairs every run. */
function* pairs(count: number): Generator<[string, string]> {
  let x = 20251222;
  const next = () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x;
  };
  for (let i = 0; i < count; i++) {
    const from = addDays("2025-01-01", next() % 365);
    yield [from, addDays(from, next() % 80)];
  }
}

/** Answered complaints received and answered on those dates, in a municipality of their own. */
async function answered(municipality: string, dates: [string, string][]) {
  const insert = db().prepare(
    `INSERT INTO submissions (reference, municipality, year, seq, kind, status, received_at, deadline, answered_on,
       receipt_token, dedup_key) VALUES (?, ?, 2025, ?, 'complaint', 'answered', ?, ?, ?, ?, ?)`,
  );
  await db().batch(
    dates.map(([from, to], i) =>
      insert.bind(
        `94-00-${i + 1}/${from.split("-").reverse().join(".")}`,
        municipality,
        i + 1,
        `${from}T09:00:00.000Z`,
        addDays(from, 60),
        to,
        crypto.randomUUID(),
        `answer-days:${municipality}:${i}`,
      ),
    ),
  );
}

/** The SQL's days per answer against the TypeScript count, as two histograms. */
async function compare(municipality: string, cal: Calendar, dates: [string, string][]) {
  await answered(municipality, dates);
  const steps = daysOffSoFar(cal, "2025-01-01", "2027-12-31");
  const { rows } = await batch(db(), { rows: reportAnswerDays(db(), municipality, 2025, DEADLINE_KINDS, steps) });
  const sql = new Map<number, number>();
  for (const r of rows) sql.set(r.days, (sql.get(r.days) ?? 0) + r.n);
  const expected = new Map<number, number>();
  for (const [from, to] of dates) {
    const days = workingDaysAfter(from, to, cal);
    expected.set(days, (expected.get(days) ?? 0) + 1);
  }
  const sorted = (m: Map<number, number>) => [...m].sort(([a], [b]) => a - b);
  expect(sorted(sql)).toEqual(sorted(expected));
  return expected;
}

describe("working days to an answer, in SQL", () => {
  it("are what the receipt and the registry count, for every pair of dates", async () => {
    const dates: [string, string][] = [
      // Across Christmas and the New Year, the same day, the next day, a weekend.
      ["2025-12-22", "2026-01-05"],
      ["2025-12-23", "2025-12-23"],
      ["2025-12-31", "2026-01-02"],
      ["2025-05-02", "2025-05-07"],
      ["2025-03-01", "2025-03-03"],
      ...pairs(150),
    ];
    const expected = await compare("kovachevtsi", await calendar(bindings().ASSETS), dates);
    expect(expected.get(4)).toBeGreaterThan(0);
  });

  it("also with Saturdays made working days, as the Council of Ministers decides some years", async () => {
    // A year of holidays on Mondays and worked Saturdays after them: each step of the count goes both ways.
    const mondays = Array.from({ length: 52 }, (_, i) => addDays("2025-01-06", 7 * i));
    const cal = calendarOf([
      {
        year: 2025,
        status: "checked",
        nonWorkingDays: mondays.filter((_, i) => i % 3 === 0).map((date) => ({ date, name: "почивен" })),
        workingDays: mondays
          .filter((_, i) => i % 3 !== 2)
          .map((date) => ({ date: addDays(date, 5), reason: "отработване" })),
      },
    ]);
    await compare("kostinbrod", cal, [...pairs(150)]);
  });

  it("refuses a calendar whose dates or counts could not be written into SQL as they are", () => {
    const bad = [
      [{ date: "2025-01-01' OR 1 = 1 --", off: 1 }],
      [{ date: "x2025-01-01", off: 1 }],
      [{ date: "2025-01-01", off: 1.5 }],
    ];
    for (const steps of bad) {
      expect(() => reportAnswerDays(db(), "kovachevtsi", 2025, DEADLINE_KINDS, steps), JSON.stringify(steps)).toThrow(
        /bad calendar step/,
      );
    }
  });
});
