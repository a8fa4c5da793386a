/**
 * The Worker reads the working-days calendar the build published, as the registry and
 * the morning digest use it, and visitors cannot fetch that data themselves.
 */
import { env } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { calendar } from "../../functions/content/calendar";
import type { Bindings } from "../../functions/env";
import { lastDateWithin, nonWorkingReason, workingDaysLeft } from "../../src/shared/working-days";

describe("the working-days calendar in the Worker", () => {
  it("is read from the built site: the years in content/calendar and their days off", async () => {
    const cal = await calendar((env as unknown as Bindings).ASSETS);
    expect([2025, 2026, 2027, 2028].map((y) => cal.covers(y))).toEqual([true, true, true, false]);
    expect(nonWorkingReason("2026-04-13", cal)).toContain("Великден");
    expect(workingDaysLeft("2026-04-09", "2026-04-14", cal)).toBe(2);
    expect(lastDateWithin("2026-04-08", 2, cal)).toBe("2026-04-13");
  });

  it("is not served to visitors", async () => {
    const response = await exports.default.fetch("https://harta.test/harta-data/calendar.json");
    expect(response.status).toBe(404);
  });
});
