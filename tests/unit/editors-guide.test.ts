/**
 * docs/redaktori.md, the editors' guide, matches what the project does: its catalogue
 * quotes every kind of message the content check prints, its examples are the real
 * files, and it asks nothing outside content/ of an editor who adds a municipality.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { checkContent } from "../../src/integrations/content-check.ts";
import { calendarSchema } from "../../src/lib/calendar-schema.ts";
import { PLACEHOLDER_FIELDS } from "../../src/shared/municipality.ts";
import { REPO } from "./support/sandbox.ts";

const guide = readFileSync(path.join(REPO, "docs/redaktori.md"), "utf8");

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** The check's messages for a copy of content/ with one file edited. */
function messagesFor(file: string, from: string | RegExp, to: string): string[] {
  const root = mkdtempSync(path.join(tmpdir(), "harta-guide-"));
  dirs.push(root);
  const content = path.join(root, "content");
  cpSync(path.join(REPO, "content"), content, { recursive: true });
  const text = readFileSync(path.join(content, file), "utf8");
  const edited = text.replace(from, to);
  if (edited === text) throw new Error(`${file}: nothing matched ${from}`);
  writeFileSync(path.join(content, file), edited);
  return checkContent(content, (f) => path.relative(root, f)).map((p) => p.message);
}

/** The first words of a message: what the guide must quote for an editor to find it. */
const opening = (message: string) =>
  message
    .replace(/^полетата не могат да се прочетат: /, "")
    .split(" ")
    .slice(0, 5)
    .join(" ");

type Year = { nonWorkingDays: { date: string; name: string }[]; workingDays: { date: string; reason: string }[] };

const SERVICE = "services/kostinbrod/predlozheniya.mdx";
const MUNICIPALITY = "municipalities/kostinbrod.json";
const CHARTER = "charters/kovachevtsi.mdx";

describe("the editors' guide", () => {
  test.each([
    ["an unfilled field", SERVICE, /^title: .*$/m, '$&\nfee: "ПОПЪЛНЕТЕ"'],
    ["a placeholder in the text", SERVICE, "затова посочете", "затова ПОПЪЛНЕТЕ посочете"],
    ["a colon in a value", SERVICE, /^title: .*$/m, "title: Предложения: как се подават"],
    ["a tab", SERVICE, /^ {2}- Административно/m, "\t- Административно"],
    ["a field written twice", SERVICE, /^result:/m, "title: Отново\nresult:"],
    ["an unclosed quote", SERVICE, /^title: .*$/m, 'title: "Предложения за подобряване'],
    ["an unclosed list", SERVICE, /^topics: .*$/m, "topics: [предложение, идея"],
    ["a missing colon", SERVICE, /^form: proposal$/m, "form proposal"],
    ["a misspelled field", SERVICE, /^result:/m, "rezult:"],
    ["a curly brace in the text", SERVICE, "(АПК, чл. 111), затова", "(АПК, чл. 111) {виж}, затова"],
    [
      "a bold paragraph standing as a heading",
      CHARTER,
      "## Основните цели, които си поставяме, са",
      "**Основните цели, които си поставяме, са**",
    ],
    ["an unknown municipality", SERVICE, "municipality: kostinbrod", "municipality: kostinbrot"],
    ["a missing comma in JSON", MUNICIPALITY, '"fax": "0721 68777",', '"fax": "0721 68777"'],
    [
      "a trailing comma in JSON",
      MUNICIPALITY,
      '"survey": ["delovodstvo@kostinbrod.example"]',
      '"survey": ["delovodstvo@kostinbrod.example"],',
    ],
    ["typographic quotes in JSON", MUNICIPALITY, '"http://www.kostinbrod.bg"', "„http://www.kostinbrod.bg“"],
    ["a comment in JSON", MUNICIPALITY, '"fax": "0721 68777",', '// факс\n  "fax": "0721 68777",'],
    ["an unclosed string in JSON", MUNICIPALITY, '"fax": "0721 68777",', '"fax": "0721 68777,'],
    [
      "an example address whose field is not marked as a placeholder",
      "municipalities/kovachevtsi.json",
      '"placeholders": ["registryIndex", "recipients", ',
      '"placeholders": ["registryIndex", ',
    ],
    [
      "a word in two synonym groups",
      "search/synonyms.json",
      '["телефон", "обадя", "звънна"]',
      '["телефон", "обадя", "звънна", "оплакване"]',
    ],
    [
      "a question written twice",
      "search/synonyms.json",
      '{ "ask": "къде", "means": "адрес" },',
      '{ "ask": "къде", "means": "адрес" },\n    { "ask": "кога", "means": "срок" },',
    ],
    [
      "a staff address in two municipalities",
      "municipalities/kovachevtsi.json",
      "delovoditel@kovachevtsi",
      "delovoditel@kostinbrod",
    ],
  ])("quotes the message for %s", (_, file, from, to) => {
    const messages = messagesFor(file, from, to);
    expect(messages).toHaveLength(1);
    expect(guide).toContain(opening(messages[0] ?? ""));
  });

  test("leaves bold words inside a paragraph or a list alone: only a bold paragraph of its own is a heading", () => {
    const messages = messagesFor(CHARTER, "- Безпристрастно да предоставяме", "- **Безпристрастно** да предоставяме");
    expect(messages).toEqual([]);
    expect(messagesFor(CHARTER, "## Основните цели", "**Важно:** Основните цели\n\n## Основните цели")).toEqual([]);
  });

  test("shows Ковачевци's file as it is", () => {
    const example = guide.split("Пример (Община Ковачевци):")[1]?.match(/```json\n([\s\S]*?)\n```/)?.[1];
    expect(example, "no JSON example of Ковачевци").toBeDefined();
    const real = readFileSync(path.join(REPO, "content/municipalities/kovachevtsi.json"), "utf8");
    expect(JSON.parse(example ?? "")).toEqual(JSON.parse(real));
  });

  test("adding a municipality asks for its content files only", () => {
    const section = guide.split("## Добавяне на община")[1]?.split("\n## ")[0] ?? "";
    expect(section).toContain("content/municipalities/");
    expect(section).not.toMatch(/src\//);
    expect(guide).not.toContain("registry.ts");
  });

  test.each([
    ["a Saturday as a day off", (y: Year) => y.nonWorkingDays.unshift({ date: "2026-05-02", name: "събота" })],
    [
      "a date of another year",
      (y: Year) => y.nonWorkingDays.push({ date: "2025-09-22", name: "Ден на Независимостта" }),
    ],
    ["a weekday as a working day", (y: Year) => y.workingDays.push({ date: "2026-06-03", reason: "сряда" })],
    ["a date twice", (y: Year) => y.nonWorkingDays.push({ date: "2026-05-01", name: "Ден на труда" })],
    ["a date that does not exist", (y: Year) => y.nonWorkingDays.push({ date: "2026-09-31", name: "няма го" })],
  ])("quotes the calendar's message for %s", (_, edit) => {
    const year = JSON.parse(readFileSync(path.join(REPO, "content/calendar/2026.json"), "utf8")) as Year;
    edit(year);
    const result = calendarSchema.safeParse(year);
    const messages = result.success ? [] : result.error.issues.map((issue) => issue.message);
    expect(messages).toHaveLength(1);
    expect(guide).toContain(opening(messages[0] ?? ""));
  });

  test("tells how to draft a new year of the calendar and what to add by hand", () => {
    const section = guide.split("## Календар на неработните дни")[1]?.split("\n## ")[0] ?? "";
    expect(section).toContain("npm run calendar -- 2028 --write");
    expect(section).toContain("Добавете на ръка решенията на Министерския съвет");
    expect(section).toContain('сменете `"status"` на `"checked"`');
  });

  test("says where the real addresses go, and names every field that can be marked as a placeholder", () => {
    const section = guide.split("## Примерни стойности")[1]?.split("\n## ")[0] ?? "";
    expect(section).toContain("content/municipalities/<община>.json");
    expect(section).toContain("npm run deploy");
    for (const field of PLACEHOLDER_FIELDS) expect(section).toContain(field);
  });

  test("calls the edit link what the pages call it", () => {
    expect(guide).toContain("„За редактори: редактирайте тази страница в GitHub“");
    expect(guide).not.toContain("Предложете промяна");
  });
});
