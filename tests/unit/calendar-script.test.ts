/**
 * `npm run calendar -- <year>` drafts a year of the working-days calendar for an editor:
 * the Labour Code's days off, computed, in the file's own format and valid by the
 * build's schema, as a draft that says the Council of Ministers' decisions are to be
 * added by hand. `--write` never overwrites a year an editor already has, and a wrong
 * year is refused with a message.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { calendarSchema } from "../../src/lib/calendar-schema.ts";
import { createSandbox, REPO, type RunResult, run, type Sandbox } from "./support/sandbox.ts";

const SCRIPT = path.join(REPO, "scripts/calendar.ts");

let sandbox: Sandbox;
beforeAll(() => {
  sandbox = createSandbox();
});
afterAll(() => sandbox.remove());

const calendar = (...args: string[]): Promise<RunResult> =>
  run(process.execPath, [SCRIPT, ...args, "--content-dir", sandbox.content], { cwd: REPO });

/** The draft printed for a year, parsed and validated as the build would. */
async function draft(year: number) {
  const { code, output } = await calendar(String(year));
  expect(code, output).toBe(0);
  return calendarSchema.parse(JSON.parse(output));
}

const files = () => readdirSync(path.join(sandbox.content, "calendar")).sort();

describe("npm run calendar", () => {
  test("prints 2023 with the days after the holidays on a weekend: 2 January, 8 May, 27 December", async () => {
    // Through npm itself, as editors run it: this also checks the package.json script and the `--`.
    const args = ["run", "-s", "calendar", "--", "2023"];
    const npmCli = process.env.npm_execpath;
    const { code, output } = await run(npmCli ? process.execPath : "npm", npmCli ? [npmCli, ...args] : args, {
      cwd: REPO,
    });
    expect(code, output).toBe(0);
    const year = calendarSchema.parse(JSON.parse(output));
    expect(year).toMatchObject({ year: 2023, status: "draft", workingDays: [] });
    const moved = year.nonWorkingDays.filter((d) => d.name.includes("чл. 154, ал. 2"));
    expect(moved.map((d) => d.date)).toEqual(["2023-01-02", "2023-05-08", "2023-12-27"]);
    expect(year.nonWorkingDays.map((d) => d.date)).toEqual(expect.arrayContaining(["2023-04-14", "2023-04-17"]));
  });

  test("prints 2021 with 4 May off: 1 May was Easter Saturday and Easter Monday was 3 May", async () => {
    const dates = (await draft(2021)).nonWorkingDays.map((d) => d.date);
    expect(dates.filter((d) => d.startsWith("2021-05-"))).toEqual([
      "2021-05-03",
      "2021-05-04",
      "2021-05-06",
      "2021-05-24",
    ]);
    expect(dates).toContain("2021-04-30");
  });

  test("the draft says in Bulgarian that the Council of Ministers' decisions are added by hand", async () => {
    const { source } = await draft(2028);
    expect(source).toContain("Кодекс на труда, чл. 154");
    expect(source).toContain("ДОБАВЕТЕ РЪЧНО дните, разместени с решение на Министерския съвет");
  });

  test("--write saves the draft as content/calendar/<year>.json, the same as printed", async () => {
    const printed = await calendar("2028");
    const written = await calendar("2028", "--write");
    expect(written.code, written.output).toBe(0);
    expect(written.output).toContain("calendar/2028.json");
    expect(written.output).toContain("чернова");
    expect(sandbox.read("calendar/2028.json")).toBe(`${printed.output.trim()}\n`);
  });

  test("--write refuses to overwrite a year that exists, and leaves it as it was", async () => {
    const before = sandbox.read("calendar/2026.json");
    const { code, output } = await calendar("2026", "--write");
    expect(code).not.toBe(0);
    expect(output).toContain("calendar/2026.json вече съществува – не го презаписвам.");
    expect(sandbox.read("calendar/2026.json")).toBe(before);
  });

  test.each([["20x6"], ["1999"], ["26"]])("refuses the year „%s“ with a message and writes nothing", async (year) => {
    const before = files();
    const { code, output } = await calendar(year, "--write");
    expect(code).not.toBe(0);
    expect(output).toContain(`Посочете година с четири цифри между 2000 и 2099, а не „${year}“.`);
    expect(files()).toEqual(before);
  });

  test("refuses to run without a year", async () => {
    const { code, output } = await calendar();
    expect(code).not.toBe(0);
    expect(output).toContain("Посочете година с четири цифри");
    expect(output).toContain("Употреба: npm run calendar -- <година> [--write]");
  });
});
