/**
 * The Worker counts working days with the calendar the build published (dist/harta-data/),
 * across Easter and a holiday moved off a weekend, and says when a day is off.
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { calendar } from "../../functions/content/calendar";
import type { SubmissionRecord } from "../../functions/db/submissions";
import type { Bindings } from "../../functions/env";
import { daysFrom } from "../../functions/staff/days";
import { daysText } from "../../functions/staff/registry";

const at = async (iso: string) => daysFrom(await calendar((env as unknown as Bindings).ASSETS), new Date(iso));

describe("working days in the Worker", () => {
  it("skips Good Friday to Easter Monday 2026", async () => {
    const days = await at("2026-04-09T08:00:00Z");
    expect(days.today).toBe("2026-04-09");
    expect(days.left("2026-04-14")).toBe(2);
    expect(days.offReason("2026-04-10")).toBe("Разпети петък");
  });

  it("skips Monday 25 May 2026, the day off for 24 May on a Sunday", async () => {
    const days = await at("2026-05-22T08:00:00Z");
    expect(days.left("2026-05-26")).toBe(2);
    expect(days.offReason("2026-05-25")).toContain("чл. 154, ал. 2");
    expect(days.lastWithin(1)).toBe("2026-05-25");
  });

  it("says when the calendar does not cover a year", async () => {
    const days = await at("2026-12-02T08:00:00Z");
    expect(days.uncovered("2026-12-31")).toBeNull();
    expect(days.uncovered("2031-01-10")).toBe("Календарът за 2031 г. не е въведен; броят се само съботите и неделите.");
  });

  it("the registry says in words how long is left, counting today", async () => {
    const days = await at("2026-12-02T08:00:00Z");
    const left = (deadline: string, extendedDeadline: string | null = null) =>
      daysText({ deadline, extendedDeadline, status: "registered" } as SubmissionRecord, days);
    expect(left("2026-12-02")).toBe("последен ден");
    expect(left("2026-12-03")).toBe("2 работни дни");
    expect(left("2026-12-01")).toBe("просрочена с 1 работен ден");
    expect(left("2026-11-30")).toBe("просрочена с 2 работни дни");
    expect(left("2026-11-30", "2026-12-04")).toBe("3 работни дни");
    expect(daysText({ deadline: null, extendedDeadline: null, status: "registered" } as SubmissionRecord, days)).toBe(
      "—",
    );
  });

  it("names the weekend day a deadline falls on", async () => {
    const days = await at("2026-12-02T08:00:00Z");
    expect(days.offReason("2026-12-12")).toBe("събота");
    expect(days.offReason("2026-12-13")).toBe("неделя");
    expect(days.offReason("2026-12-14")).toBeNull();
  });
});
