/**
 * The working days the registry and the yearly report count, with the calendar the Worker
 * reads from the built site (content/calendar/*.json): what is left before a deadline, how
 * late an overdue one is, what "due within n working days" takes in, that a year without a
 * file counts only weekends, and the days off the report's SQL subtracts. In workerd, where
 * the Worker counts them and where mutation testing sees it. The calendar's own content is
 * checked in tests/unit/working-days.test.ts.
 */
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, test } from "vitest";
import { calendar as builtCalendar } from "../../functions/content/calendar";
import type { Bindings } from "../../functions/env";
import { addDays } from "../../src/shared/dates";
import {
  type Calendar,
  calendarOf,
  daysOffSoFar,
  isWorkingDay,
  lastDateWithin,
  nonWorkingReason,
  workingDaysAfter,
  workingDaysLeft,
} from "../../src/shared/working-days";

let calendar: Calendar;
beforeAll(async () => {
  calendar = await builtCalendar((env as unknown as Bindings).ASSETS);
});
const left = (today: string, deadline: string) => workingDaysLeft(today, deadline, calendar);

describe("working days left", () => {
  test("count today when it is a working day: a deadline today leaves 1", () => {
    expect(left("2026-04-14", "2026-04-14")).toBe(1);
  });

  test("a deadline on Saturday after a working Friday today leaves 1", () => {
    expect(left("2026-11-27", "2026-11-28")).toBe(1);
  });

  test("a deadline on a day off, today, leaves 0", () => {
    expect(left("2026-11-28", "2026-11-28")).toBe(0);
  });

  test("skip Easter: Thursday 9 April to Tuesday 14 April 2026 is 2 working days", () => {
    expect(left("2026-04-09", "2026-04-14")).toBe(2);
  });

  test("skip the day off after a holiday on a weekend: Friday 22 May to Tuesday 26 May 2026 is 2", () => {
    expect(left("2026-05-22", "2026-05-26")).toBe(2);
  });

  test("from Christmas 2026 into January 2027: 23 December, 29–31 December and 4 January", () => {
    expect(left("2026-12-23", "2027-01-04")).toBe(5);
  });
});

describe("overdue", () => {
  test("a deadline yesterday, today a working day, is -1; a week ago, -5", () => {
    expect(left("2026-11-25", "2026-11-24")).toBe(-1);
    expect(left("2026-12-01", "2026-11-24")).toBe(-5);
  });

  test("counts only working days late: deadline Thursday before Easter, today the Tuesday after, is -1", () => {
    expect(left("2026-04-14", "2026-04-09")).toBe(-1);
  });

  test("a deadline on a day off that passed is late only from the next working day", () => {
    // Deadline Saturday 28 November 2026: on Sunday no working day is late, on Monday one.
    expect(left("2026-11-29", "2026-11-28")).toBe(0);
    expect(left("2026-11-30", "2026-11-28")).toBe(-1);
  });
});

describe("due within n working days", () => {
  test("takes in the days off right after the nth working day", () => {
    // Wednesday 8 and Thursday 9 April 2026 are the 2 working days; Good Friday to Easter Monday follow.
    expect(lastDateWithin("2026-04-08", 2, calendar)).toBe("2026-04-13");
    expect(left("2026-04-08", "2026-04-13")).toBe(2);
    expect(left("2026-04-08", "2026-04-14")).toBe(3);
  });

  test("five from Friday 27 November 2026 reach Thursday 3 December; from Friday 22 May, the weekend after", () => {
    expect(lastDateWithin("2026-11-27", 5, calendar)).toBe("2026-12-03");
    // 22, 26, 27, 28 and 29 May (25 May is off), then the weekend before Monday 1 June.
    expect(lastDateWithin("2026-05-22", 5, calendar)).toBe("2026-05-31");
  });

  test("five from Friday 18 December 2026 skip Christmas: 18, 21, 22, 23 and 29 December", () => {
    // 24 and 25 December are holidays, 26–27 the weekend, 28 the day off for 26 December on a Saturday.
    expect(lastDateWithin("2026-12-18", 5, calendar)).toBe("2026-12-29");
  });

  test("is the latest date whose working days left are at most n, on every day of 2025–2027", () => {
    for (let today = "2025-01-01"; today <= "2027-12-31"; today = addDays(today, 1)) {
      for (const n of [1, 5]) {
        const last = lastDateWithin(today, n, calendar);
        expect(left(today, last), `${today}, ${n}`).toBeLessThanOrEqual(n);
        expect(left(today, addDays(last, 1)), `${today}, ${n}`).toBe(n + 1);
      }
    }
  });
});

describe("a year the calendar does not cover", () => {
  test("is known to be uncovered, so the registry can say so", () => {
    expect([2025, 2026, 2027].map((y) => calendar.covers(y))).toEqual([true, true, true]);
    expect(calendar.covers(2028)).toBe(false);
    expect(calendar.covers(2030)).toBe(false);
  });

  test("counts only Saturdays and Sundays as days off", () => {
    // 3 March 2028 is a Friday and a holiday, but without content/calendar/2028.json it counts as working.
    expect(isWorkingDay("2028-03-03", calendar)).toBe(true);
    expect(nonWorkingReason("2028-03-03", calendar)).toBeNull();
    expect(nonWorkingReason("2028-03-04", calendar)).toBe("събота");
    expect(left("2028-03-01", "2028-03-07")).toBe(5);
  });
});

describe("a Saturday made a working day by decision", () => {
  const withSaturday = calendarOf([
    {
      year: 2024,
      status: "checked",
      nonWorkingDays: [{ date: "2024-12-31", name: "почивен ден с решение на Министерския съвет" }],
      workingDays: [{ date: "2024-12-14", reason: "отработва се 31 декември" }],
    },
  ]);

  test("is a working day, and the weekday it pays for is not", () => {
    expect(isWorkingDay("2024-12-14", withSaturday)).toBe(true);
    expect(nonWorkingReason("2024-12-14", withSaturday)).toBeNull();
    expect(nonWorkingReason("2024-12-31", withSaturday)).toBe("почивен ден с решение на Министерския съвет");
    // Friday 13, Saturday 14 and Monday 16 December.
    expect(workingDaysLeft("2024-12-13", "2024-12-16", withSaturday)).toBe(3);
  });
});

describe("working days to an answer (the yearly report)", () => {
  test("are counted after the day of receipt: the same day is 0, the next working day 1", () => {
    expect(workingDaysAfter("2026-03-09", "2026-03-09", calendar)).toBe(0);
    expect(workingDaysAfter("2026-03-09", "2026-03-10", calendar)).toBe(1);
    // Friday 27 February to Wednesday 4 March 2026: the weekend and 3 March are off.
    expect(workingDaysAfter("2026-02-27", "2026-03-04", calendar)).toBe(2);
    expect(workingDaysAfter("2026-03-10", "2026-03-09", calendar)).toBe(0);
  });

  test("list the days that depart from Monday to Friday from the first day asked for to the last, both included", () => {
    // 24, 25 and 28 December 2026 are off; the weekend of 26–27 December is not a departure.
    expect(daysOffSoFar(calendar, "2026-12-24", "2026-12-28")).toEqual([
      { date: "2026-12-24", off: 1 },
      { date: "2026-12-25", off: 2 },
      { date: "2026-12-28", off: 3 },
    ]);
    expect(daysOffSoFar(calendar, "2026-12-21", "2026-12-23")).toEqual([]);
  });

  test("are weekdays minus the calendar's days off in between, as the report's SQL counts them", () => {
    const steps = daysOffSoFar(calendar, "2025-01-01", "2027-12-31");
    expect(steps.slice(0, 3)).toEqual([
      { date: "2025-01-01", off: 1 },
      { date: "2025-03-03", off: 2 },
      { date: "2025-04-18", off: 3 },
    ]);
    const offThrough = (d: string) => steps.filter((s) => s.date <= d).at(-1)?.off ?? 0;
    const weekdays = (from: string, to: string) => {
      let n = 0;
      for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (![0, 6].includes(new Date(d).getUTCDay())) n++;
      return n;
    };
    for (let from = "2025-01-01"; from < "2027-01-01"; from = addDays(from, 11)) {
      for (const span of [0, 1, 6, 20, 45, 70]) {
        const to = addDays(from, span);
        expect(weekdays(from, to) - (offThrough(to) - offThrough(from)), `${from} → ${to}`).toBe(
          workingDaysAfter(from, to, calendar),
        );
      }
    }
  });
});
