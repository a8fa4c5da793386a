/**
 * Invalid content must stop the build with a message that names the file and the field,
 * so an editor knows what to fix. Each case builds its own copy of content/ with one
 * thing broken; the copies are independent, so the builds run concurrently.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { sandboxBuilds } from "./support/sandbox-builds.ts";

const { fresh, buildWith } = sandboxBuilds();

/** The printed line that carries the field's message (Astro may wrap names in ** for bold). */
function lineOf(output: string, field: string): string {
  const line = output.split("\n").find((l) => new RegExp(`^\\s*\\**${field.replaceAll(".", "\\.")}\\**:`).test(l));
  if (!line) throw new Error(`no line names the field "${field}" in:\n${output}`);
  return line;
}

const CYRILLIC = /[А-Яа-я]{3}/;

const STATEMENT_DUE = "декларацията за достъпност е преглеждана за последно";

describe.concurrent("content validation in `astro build`", () => {
  test("the committed content, copied as it is, builds without a warning", async () => {
    const { code, output, sandbox } = await buildWith(() => {});
    expect(code, output).toBe(0);
    expect(output, output).not.toContain("[ERROR]");
    // Rolldown's [MODULE_LEVEL_DIRECTIVE] about Astro's own directive used to come ten times a build.
    // A statement's yearly review falling due is the one warning content can earn by time alone.
    const warnings = output.split("\n").filter((line) => line.includes("[WARN]") && !line.includes(STATEMENT_DUE));
    expect(warnings, output).toEqual([]);
    expect(existsSync(path.join(sandbox.root, "dist/kostinbrod/harta/index.html"))).toBe(true);
    expect(existsSync(path.join(sandbox.root, "dist/kovachevtsi/uslugi/zhalbi-i-signali/index.html"))).toBe(true);
  });

  test("an accessibility statement not reviewed for over a year warns, and the site is still built", async () => {
    const { code, output } = await buildWith((s) => {
      s.edit("accessibility/kovachevtsi.json", /"preparedOn": "[^"]+"/, '"preparedOn": "2020-01-15"');
      s.edit("accessibility/kovachevtsi.json", /"reviewedOn": "[^"]+"/, '"reviewedOn": "2020-01-15"');
    });
    expect(code, output).toBe(0);
    expect(output).toMatch(
      /\[WARN\].*content\/accessibility\/kovachevtsi\.json, ред \d+: декларацията за достъпност е преглеждана за последно на 2020-01-15/,
    );
  });

  test("a service without a title fails, naming the file and the field", async () => {
    const { code, output } = await buildWith((s) =>
      s.edit("services/kostinbrod/predlozheniya.mdx", /^title: .*\n/m, ""),
    );
    expect(code).not.toBe(0);
    expect(output).toContain("content/services/kostinbrod/predlozheniya.mdx");
    expect(output).toContain("services → kostinbrod/predlozheniya");
    expect(lineOf(output, "title")).toContain("Задължително поле – липсва");
  });

  test("a misspelled field name fails instead of vanishing, naming the field", async () => {
    const { code, output } = await buildWith((s) =>
      s.edit("services/kostinbrod/predlozheniya.mdx", /^result:/m, "rezult:"),
    );
    expect(code).not.toBe(0);
    expect(output).toContain("content/services/kostinbrod/predlozheniya.mdx, ред 19: непознато поле „rezult“");
  });

  // Below the top level the schema's own message names the path, so Astro's report is clear enough.
  test("a misspelled nested field fails too, naming its path", async () => {
    const { code, output } = await buildWith((s) =>
      s.edit("services/kostinbrod/predlozheniya.mdx", /^ {2}source:/m, "  sorce:"),
    );
    expect(code).not.toBe(0);
    expect(output).toContain("content/services/kostinbrod/predlozheniya.mdx");
    expect(lineOf(output, "deadline")).toContain("Непознато поле: sorce");
  });

  test("a charter's approval date written as 29.01.2015 fails with a Bulgarian message", async () => {
    const { code, output } = await buildWith((s) =>
      s.edit("charters/kostinbrod.mdx", "approvedOn: 2015-01-29", "approvedOn: 29.01.2015"),
    );
    expect(code).not.toBe(0);
    expect(output).toContain("content/charters/kostinbrod.mdx");
    expect(lineOf(output, "approvedOn")).toContain("Датата трябва да е във формат ГГГГ-ММ-ДД, напр. 2015-01-29");
  });

  test("a service of an unknown municipality fails, naming the file, the field and the known ones", async () => {
    const { code, output } = await buildWith((s) =>
      s.edit("services/kostinbrod/predlozheniya.mdx", "municipality: kostinbrod", "municipality: sofia"),
    );
    expect(code).not.toBe(0);
    expect(output).toContain(
      "content/services/kostinbrod/predlozheniya.mdx, ред 2: полето „municipality“ е „sofia“, но такава община няма " +
        "(няма файл content/municipalities/sofia.json). Познати общини: kostinbrod, kovachevtsi.",
    );
  });

  // Every entry is checked up front, not only those whose pages happen to look their municipality up.
  test("a charter of an unknown municipality fails too", async () => {
    const { code, output } = await buildWith((s) =>
      s.edit("charters/kovachevtsi.mdx", "municipality: kovachevtsi", "municipality: kovachevci"),
    );
    expect(code).not.toBe(0);
    expect(output).toContain("content/charters/kovachevtsi.mdx, ред 2: полето „municipality“ е „kovachevci“");
  });

  // Astro alone only logs a broken reference and `astro sync` (run by `astro check`) passes.
  test("`astro sync` stops on an unknown municipality as well", async () => {
    const sandbox = fresh();
    sandbox.edit("services/kovachevtsi/zhalbi-i-signali.mdx", "municipality: kovachevtsi", "municipality: kovachevtsy");
    const { code, output } = await sandbox.astro("sync");
    expect(code).not.toBe(0);
    expect(output).toContain(
      "content/services/kovachevtsi/zhalbi-i-signali.mdx, ред 2: полето „municipality“ е „kovachevtsy“",
    );
  });

  // The file name becomes the municipality's URL.
  test("a municipality file named in Cyrillic fails", async () => {
    const { code, output } = await buildWith((s) =>
      s.write("municipalities/София.json", s.read("municipalities/kostinbrod.json")),
    );
    expect(code).not.toBe(0);
    expect(output).toContain("content/municipalities/София.json: името на файла „София.json“ става адрес на страница");
  });

  test("a municipality with a bad e-mail among its recipients fails with a Bulgarian message", async () => {
    const { code, output } = await buildWith((s) =>
      s.edit(
        "municipalities/kostinbrod.json",
        '"proposal": ["delovodstvo@kostinbrod.example"]',
        '"proposal": ["delovodstvo.kostinbrod.example"]',
      ),
    );
    expect(code).not.toBe(0);
    expect(output).toContain("content/municipalities/kostinbrod.json");
    expect(lineOf(output, "recipients.proposal.0")).toContain("Невалиден адрес на електронна поща");
  });

  test("a staff member with an unknown role fails, naming the field", async () => {
    const { code, output } = await buildWith((s) =>
      s.edit("municipalities/kostinbrod.json", '"role": "manager"', '"role": "boss"'),
    );
    expect(code).not.toBe(0);
    expect(output).toContain("content/municipalities/kostinbrod.json");
    expect(lineOf(output, "staff.1.role")).toMatch(CYRILLIC);
  });

  test("a staff address listed by two municipalities stops the build, naming both files", async () => {
    const { code, output } = await buildWith((s) =>
      s.edit("municipalities/kovachevtsi.json", "delovoditel@kovachevtsi.example", "delovoditel@kostinbrod.example"),
    );
    expect(code).not.toBe(0);
    expect(output).toMatch(
      /content\/municipalities\/kovachevtsi\.json, ред \d+: служителят delovoditel@kostinbrod\.example е записан и в content\/municipalities\/kostinbrod\.json/,
    );
  });

  test("a calendar with a weekend day off, or a date of another year, fails with a Bulgarian message", async () => {
    const { code, output } = await buildWith((s) => {
      s.edit("calendar/2026.json", '"date": "2026-01-01"', '"date": "2026-01-03"');
      s.edit("calendar/2026.json", '"date": "2026-03-03"', '"date": "2025-03-03"');
    });
    expect(code).not.toBe(0);
    expect(output).toContain("content/calendar/2026.json");
    expect(output).toContain("2026-01-03 е събота или неделя – тя и без това е почивен ден; махнете я");
    expect(output).toContain("Датата 2025-03-03 не е от 2026 г., годината на файла");
  });

  test("a too short description is explained in Bulgarian", async () => {
    const { code, output } = await buildWith((s) =>
      s.edit("services/kovachevtsi/predlozheniya.mdx", /^description: .*$/m, "description: Кратко"),
    );
    expect(code).not.toBe(0);
    expect(output).toContain("content/services/kovachevtsi/predlozheniya.mdx");
    expect(lineOf(output, "description")).toMatch(CYRILLIC);
  });
});
