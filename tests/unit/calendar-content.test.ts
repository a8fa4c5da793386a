/**
 * The working-days calendar (content/calendar/<year>.json) as an editor meets it in the
 * build: a mistake stops it with a Bulgarian message that names the file and says what
 * to fix, so the registry never counts with a wrong calendar; a year still marked
 * "draft" builds, and the build says which file is unchecked. (A Saturday listed as a day
 * off and a date of another year are in content-schema.test.ts.) Each case edits its own
 * copy of content/; the copies are independent, so the builds run concurrently.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import type { Sandbox } from "./support/sandbox.ts";
import { sandboxBuilds } from "./support/sandbox-builds.ts";

const { buildWith } = sandboxBuilds();

const FILE = "calendar/2026.json";

/** Adds a day to the 2026 file's list, as an editor would, before its first entry. */
function addDay(sandbox: Sandbox, list: "nonWorkingDays" | "workingDays", day: Record<string, string>) {
  const json = JSON.parse(sandbox.read(FILE));
  json[list].unshift(day);
  sandbox.write(FILE, `${JSON.stringify(json, null, 2)}\n`);
}

const built = (sandbox: Sandbox) => path.join(sandbox.root, "dist/harta-data/calendar.json");

describe.concurrent("the calendar in `astro build`", () => {
  test("a weekday listed as a working day, and a date written twice, are refused with what to do", async () => {
    const { code, output, sandbox } = await buildWith((s) => {
      addDay(s, "workingDays", { date: "2026-06-03", reason: "по погрешка" });
      addDay(s, "nonWorkingDays", { date: "2026-05-01", name: "Ден на труда" });
    });
    expect(code).not.toBe(0);
    expect(output).toContain("content/calendar/2026.json");
    expect(output).toContain("calendar → 2026");
    expect(output).toContain(
      "workingDays.0.date: 2026-06-03 е делничен ден – в „workingDays“ се пишат само съботи и недели, обявени за работни",
    );
    expect(output).toMatch(/nonWorkingDays\.\d+\.date: Датата 2026-05-01 е записана два пъти; оставете я веднъж/);
    // The Worker never gets a calendar the build refused.
    expect(existsSync(built(sandbox))).toBe(false);
  });

  test("a date that does not exist is refused", async () => {
    const { code, output } = await buildWith((s) => s.edit(FILE, '"date": "2026-09-22"', '"date": "2026-09-31"'));
    expect(code).not.toBe(0);
    expect(output).toContain("content/calendar/2026.json");
    expect(output).toMatch(/nonWorkingDays\.\d+\.date: Няма такава дата/);
  });

  test("a file whose name is not its year stops the build, saying the name it must have", async () => {
    const { code, output } = await buildWith((s) => s.write("calendar/2028.json", s.read(FILE)));
    expect(code).not.toBe(0);
    expect(output).toMatch(
      /content\/calendar\/2028\.json, ред \d+: файлът е за 2026 г\. \(„year“\), а се казва 2028\.json; преименувайте го на 2026\.json или поправете годината\./,
    );
  });

  test("a draft builds and is published, and the build names each draft file", async () => {
    const { code, output, sandbox } = await buildWith((s) => s.edit(FILE, '"status": "checked"', '"status": "draft"'));
    expect(code, output).toBe(0);
    for (const year of [2026, 2027]) {
      expect(output).toContain(
        `content/calendar/${year}.json е чернова: сверете я с решенията на Министерския съвет и сменете "status" на "checked".`,
      );
    }
    expect(output).not.toContain("content/calendar/2025.json е чернова");
    const years = JSON.parse(readFileSync(built(sandbox), "utf8")) as { year: number; status: string }[];
    expect(years.map((y) => [y.year, y.status])).toEqual([
      [2025, "checked"],
      [2026, "draft"],
      [2027, "draft"],
    ]);
  });
});
