/**
 * The Worker reads every year of the working-days calendar the build published (the
 * counting itself is in staff-days.test.ts), and visitors cannot fetch that data.
 */
import { env } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { calendar } from "../../functions/content/calendar";
import type { Bindings } from "../../functions/env";
import { nonWorkingReason, workingDaysLeft } from "../../src/shared/working-days";

describe("the working-days calendar in the Worker", () => {
  it("is read from the built site: the years in content/calendar and their days off", async () => {
    const cal = await calendar((env as unknown as Bindings).ASSETS);
    expect([2025, 2026, 2027, 2028].map((y) => cal.covers(y))).toEqual([true, true, true, false]);
    // 31 December 2025 and 2 January 2026, off by the Council of Ministers' decision, are in the data.
    expect(nonWorkingReason("2025-12-31", cal)).toContain("Министерския съвет");
    expect(workingDaysLeft("2025-12-30", "2026-01-05", cal)).toBe(2);
  });

  it("is not served to visitors", async () => {
    const response = await exports.default.fetch("https://harta.test/harta-data/calendar.json");
    expect(response.status).toBe(404);
  });
});
