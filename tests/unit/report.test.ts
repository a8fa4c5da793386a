/**
 * The report's rules that need no Worker: where a Sofia year begins in UTC, and the demo
 * seeder refusing what it must refuse before it touches any database (its full run is in
 * tests/e2e/report.test.ts; the small-numbers rule in tests/worker/report.test.ts).
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { sofiaDayStart } from "../../src/shared/dates.ts";
import { REPO } from "./support/sandbox.ts";

describe("a year in Sofia time", () => {
  test("begins at 22:00 UTC the day before in winter, and a summer day at 21:00", () => {
    expect(sofiaDayStart("2026-01-01")).toBe("2025-12-31T22:00:00.000Z");
    expect(sofiaDayStart("2026-07-01")).toBe("2026-06-30T21:00:00.000Z");
    // The clocks go forward at 03:00 on 29 March 2026: that day still begins in winter time.
    expect(sofiaDayStart("2026-03-29")).toBe("2026-03-28T22:00:00.000Z");
  });
});

describe("npm run seed:demo", () => {
  const seed = (...args: string[]) =>
    spawnSync(process.execPath, [path.join(REPO, "scripts/seed-demo.ts"), ...args], { encoding: "utf8" });

  test("refuses a remote database before anything else", () => {
    const run = seed("--year", "2026", "--remote");
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("refused: demo data is only ever written to the local database");
  });

  test("refuses a year that is not a year, or one still to come", () => {
    for (const year of ["20", "2999"]) {
      const run = seed("--year", year);
      expect(run.status, year).toBe(2);
      expect(run.stderr).toContain("--year must be a year from 2000");
    }
  });
});
