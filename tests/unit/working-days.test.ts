/**
 * Working days as the registry counts them, with the calendar that ships in
 * content/calendar/, and the Labour Code's days as `npm run calendar` drafts them.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { labourCodeDays, orthodoxEaster } from "../../scripts/lib/bg-holidays.ts";
import {
  type CalendarYear,
  calendarOf,
  isWorkingDay,
  lastDateWithin,
  nonWorkingReason,
  workingDaysLeft,
} from "../../src/shared/working-days.ts";
import { REPO } from "./support/sandbox.ts";

const shipped = (year: number): CalendarYear =>
  JSON.parse(readFileSync(path.join(REPO, `content/calendar/${year}.json`), "utf8")) as CalendarYear;
const cal = calendarOf([shipped(2026), shipped(2027)]);

describe("Orthodox Easter and the Labour Code's days", () => {
  test.each([
    [2021, "2021-05-02"],
    [2023, "2023-04-16"],
    [2024, "2024-05-05"],
    [2025, "2025-04-20"],
    [2026, "2026-04-12"],
    [2027, "2027-05-02"],
  ])("Easter %i is on %s", (year, date) => {
    expect(orthodoxEaster(year)).toBe(date);
  });

  test("a holiday on a weekend gives the next working day off (2023: 2 January, 8 May, 27 December)", () => {
    const moved = labourCodeDays(2023).filter((d) => d.name.startsWith("почивен ден по чл. 154, ал. 2"));
    expect(moved.map((d) => d.date)).toEqual(["2023-01-02", "2023-05-08", "2023-12-27"]);
  });

  test("2021: 1 May on Holy Saturday moves past Easter Monday, to 4 May", () => {
    const dates = labourCodeDays(2021).map((d) => d.date);
    expect(dates).toEqual(expect.arrayContaining(["2021-04-30", "2021-05-03", "2021-05-04", "2021-05-06"]));
    expect(dates).not.toContain("2021-05-01");
  });

  test("2026 as shipped has 248 working days, 2 January included among the days off", () => {
    let count = 0;
    for (let d = new Date(Date.UTC(2026, 0, 1)); d.getUTCFullYear() === 2026; d.setUTCDate(d.getUTCDate() + 1)) {
      if (isWorkingDay(d.toISOString().slice(0, 10), cal)) count++;
    }
    expect(count).toBe(248);
    expect(nonWorkingReason("2026-01-02", cal)).toContain("Министерския съвет");
  });
});

describe("working days left", () => {
  test("across Easter: from Thursday 9 April to Tuesday 14 April 2026 are 2 working days", () => {
    // Thursday 9th, then Good Friday, the weekend and Easter Monday are off; Tuesday 14th counts.
    expect(workingDaysLeft("2026-04-09", "2026-04-14", cal)).toBe(2);
    expect(nonWorkingReason("2026-04-13", cal)).toBe("Великден (втори ден)");
  });

  test("across a moved holiday: 24 May 2026 is a Sunday, so Monday the 25th is off", () => {
    expect(workingDaysLeft("2026-05-22", "2026-05-26", cal)).toBe(2);
    expect(nonWorkingReason("2026-05-25", cal)).toContain("чл. 154, ал. 2");
  });

  test("due today is 1; due on Saturday after a working Friday is 1; past deadlines count negative", () => {
    expect(workingDaysLeft("2026-12-02", "2026-12-02", cal)).toBe(1);
    expect(workingDaysLeft("2026-12-04", "2026-12-05", cal)).toBe(1);
    expect(workingDaysLeft("2026-12-02", "2026-12-01", cal)).toBe(-1);
    // Due Friday 27 November, now Wednesday 2 December: Monday, Tuesday, Wednesday late.
    expect(workingDaysLeft("2026-12-02", "2026-11-27", cal)).toBe(-3);
  });

  test("the last date due within 5 working days includes the weekend after the fifth", () => {
    // Wednesday 2 December 2026: Wed, Thu, Fri, Mon, Tue are five; Wednesday the 9th is the sixth.
    expect(lastDateWithin("2026-12-02", 5, cal)).toBe("2026-12-08");
    // Friday 18 December: 18, 21, 22, 23 and 29 (24–28 are off) are five.
    expect(lastDateWithin("2026-12-18", 5, cal)).toBe("2026-12-29");
  });

  test("a year the calendar does not cover counts only weekends", () => {
    expect(cal.covers(2030)).toBe(false);
    expect(isWorkingDay("2030-01-01", cal)).toBe(true);
    expect(isWorkingDay("2030-01-05", cal)).toBe(false);
  });
});

describe("npm run calendar", () => {
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [path.join(REPO, "scripts/calendar.ts"), ...args], { encoding: "utf8" });

  test("prints a draft of the year with the Labour Code's days", () => {
    const out = run("2027");
    expect(out.status).toBe(0);
    const draft = JSON.parse(out.stdout) as CalendarYear;
    expect(draft.status).toBe("draft");
    expect(draft.nonWorkingDays.map((d) => d.date)).toContain("2027-05-04");
  });

  test("--write writes the year's file, and never overwrites one", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "harta-calendar-"));
    try {
      execFileSync(process.execPath, [path.join(REPO, "scripts/calendar.ts"), "2028", "--write", "--content-dir", dir]);
      expect((JSON.parse(readFileSync(path.join(dir, "calendar/2028.json"), "utf8")) as CalendarYear).year).toBe(2028);
      const again = run("2028", "--write", "--content-dir", dir);
      expect(again.status).not.toBe(0);
      expect(again.stderr).toContain("вече съществува – не го презаписвам");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("refuses what is not a year, in Bulgarian", () => {
    const out = run("27");
    expect(out.status).not.toBe(0);
    expect(out.stderr).toContain("Посочете година с четири цифри");
  });
});
