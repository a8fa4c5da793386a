/**
 * The demo seeder refusing what it must refuse before it touches any database (its full run is in
 * tests/e2e/report.test.ts; the small-numbers rule in tests/worker/report.test.ts).
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { REPO } from "./support/sandbox.ts";

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
