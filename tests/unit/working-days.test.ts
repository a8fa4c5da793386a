/**
 * The calendar the site ships (content/calendar/*.json, validated by the same schema as
 * the build): its years, their working days, why a day is off. The Labour Code's own days
 * off (Orthodox Easter, the days after a holiday on a weekend), which `npm run calendar`
 * drafts from, are checked against years whose days off are known. The script itself is
 * tested in calendar-script.test.ts; the counting of working days the registry and the
 * report do is in tests/worker/working-days.test.ts.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { labourCodeDays, orthodoxEaster } from "../../scripts/lib/bg-holidays.ts";
import { calendarSchema } from "../../src/lib/calendar-schema.ts";
import {
  type CalendarYear,
  calendarOf,
  isWorkingDay,
  nonWorkingReason,
  workingDaysLeft,
} from "../../src/shared/working-days.ts";
import { REPO } from "./support/sandbox.ts";

const dir = path.join(REPO, "content/calendar");
const shipped: CalendarYear[] = readdirSync(dir)
  .filter((name) => name.endsWith(".json"))
  .map((name) => calendarSchema.parse(JSON.parse(readFileSync(path.join(dir, name), "utf8"))));
const calendar = calendarOf(shipped);

const left = (today: string, deadline: string) => workingDaysLeft(today, deadline, calendar);
const dates = (year: number) => labourCodeDays(year).map((d) => d.date);

describe("Orthodox Easter", () => {
  test.each([
    [2021, "2021-05-02"],
    [2022, "2022-04-24"],
    [2023, "2023-04-16"],
    [2024, "2024-05-05"],
    [2025, "2025-04-20"],
    [2026, "2026-04-12"],
    [2027, "2027-05-02"],
  ])("%i is on %s", (year, easter) => {
    expect(orthodoxEaster(year)).toBe(easter);
  });

  test("gives Good Friday and Easter Monday off; Holy Saturday and Easter Sunday are weekend days anyway", () => {
    expect(dates(2026)).toEqual(expect.arrayContaining(["2026-04-10", "2026-04-13"]));
    expect(dates(2026)).not.toContain("2026-04-11");
    expect(dates(2026)).not.toContain("2026-04-12");
  });
});

describe("the Labour Code's days off (art. 154)", () => {
  test("2023: New Year on a Sunday, 6 May on a Saturday, Christmas Eve on a Sunday give 2 January, 8 May, 27 December", () => {
    const moved = labourCodeDays(2023).filter((d) => d.name.startsWith("почивен ден по чл. 154, ал. 2"));
    expect(moved.map((d) => d.date)).toEqual(["2023-01-02", "2023-05-08", "2023-12-27"]);
    expect(moved[0]?.name).toBe("почивен ден по чл. 154, ал. 2 КТ (Нова година е в неделя)");
    expect(dates(2023)).not.toContain("2023-01-01");
  });

  test("2021: 1 May on Easter Saturday gives 4 May, as Easter Monday (3 May) is off already", () => {
    expect(dates(2021).filter((d) => d >= "2021-04-30" && d <= "2021-05-06")).toEqual([
      "2021-04-30",
      "2021-05-03",
      "2021-05-04",
      "2021-05-06",
    ]);
    expect(labourCodeDays(2021).find((d) => d.date === "2021-05-04")?.name).toContain("Ден на труда е в събота");
  });

  test("Christmas Day and the day after on a weekend give the first two working days after them (2022: 27, 28 December)", () => {
    expect(dates(2022).filter((d) => d >= "2022-12-20")).toEqual(["2022-12-26", "2022-12-27", "2022-12-28"]);
  });

  test("lists weekdays only, in date order, each once", () => {
    for (let year = 2017; year <= 2040; year++) {
      const list = dates(year);
      expect(list, String(year)).toEqual([...new Set(list)].sort());
      expect(
        list.every((d) => isWorkingDay(d, calendarOf([]))),
        String(year),
      ).toBe(true);
    }
  });

  test("the shipped years hold every day the Labour Code gives them", () => {
    for (const year of shipped) {
      const listed = year.nonWorkingDays.map((d) => d.date);
      expect(listed, String(year.year)).toEqual(expect.arrayContaining(dates(year.year)));
    }
  });
});

describe("the shipped calendar", () => {
  test("covers 2025, 2026 and 2027; 2025 and 2026 are checked, 2027 is a draft", () => {
    expect(shipped.map((y) => [y.year, y.status])).toEqual([
      [2025, "checked"],
      [2026, "checked"],
      [2027, "draft"],
    ]);
  });

  test.each([
    [2025, 248], // 249 by the Labour Code, less 31 December by decision
    [2026, 248], // 2 January by the same decision
    [2027, 249],
  ])("%i has %i working days", (year, count) => {
    expect(left(`${year}-01-01`, `${year}-12-31`)).toBe(count);
  });

  test("holds the Council of Ministers' days off for the euro, 31 December 2025 and 2 January 2026", () => {
    expect(nonWorkingReason("2025-12-31", calendar)).toContain("Министерския съвет");
    expect(nonWorkingReason("2026-01-02", calendar)).toContain("Министерския съвет");
    // Tuesday 30 December, then Monday 5 January.
    expect(left("2025-12-30", "2026-01-05")).toBe(2);
  });

  test("says why a deadline's day is off", () => {
    expect(nonWorkingReason("2026-04-13", calendar)).toBe("Великден (втори ден)");
    expect(nonWorkingReason("2026-05-25", calendar)).toMatch(/^почивен ден по чл\. 154, ал\. 2 КТ \(.* е в неделя\)$/);
    expect(nonWorkingReason("2026-04-11", calendar)).toBe("събота");
    expect(nonWorkingReason("2026-04-12", calendar)).toBe("неделя");
    expect(nonWorkingReason("2026-04-14", calendar)).toBeNull();
  });
});
