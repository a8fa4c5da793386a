import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  accountingRow,
  readAccountedRows,
  staleReferences,
  TABLE_HEADING,
} from "../../scripts/lib/accounted-survivors";
import { readMutatedSources } from "../../scripts/lib/mutated-sources";

const table = (...rows: string[]) =>
  `Some text.\n\n${TABLE_HEADING}\n\n| where | mutant | why |\n| --- | --- | --- |\n${rows.join("\n")}\n\nAfter the table | not a row |\n`;

describe("the README's table of survivors that do not matter", () => {
  it("accounts for a survivor on a line it names, and not for the line between", () => {
    const rows = readAccountedRows(
      table("| `functions/staff/page.ts:12, 14–16` (fallbacks) | another string | never empty |"),
    );
    const at = (file: string, line: number) => accountingRow(rows, { file, line, code: "anything" }) !== undefined;
    expect([12, 13, 14, 15, 16, 17].map((n) => at("functions/staff/page.ts", n))).toEqual([
      true,
      false,
      true,
      true,
      true,
      false,
    ]);
    expect(at("functions/report/page.ts", 12)).toBe(false); // the same name in another folder
  });

  it("accounts by the code of the line: `…` stands for anything, in order", () => {
    const rows = readAccountedRows(
      table('| `functions/pages/next-steps.ts` `s.deadline ? … : ""` | another string | … |'),
    );
    const code = (line: string) =>
      accountingRow(rows, { file: "functions/pages/next-steps.ts", line: 25, code: line }) !== undefined;
    expect(code('const by = s.deadline ?   " до " + d : "";')).toBe(true);
    expect(code('const by = "" ? s.deadline : x;')).toBe(false);
    expect(code("const by = other;")).toBe(false);
  });

  it("files named one after another share the code after them; a glob stays within a folder", () => {
    const rows = readAccountedRows(
      table(
        '| `functions/content/*.ts`, `pages/layout.ts` `throw new Error(…)`; `submissions/routes.ts` `"dedup.failed"` | the message | logs |',
      ),
    );
    const is = (file: string, code: string) => accountingRow(rows, { file, line: 1, code }) !== undefined;
    expect(is("functions/content/calendar.ts", 'throw new Error("no calendar")')).toBe(true);
    expect(is("functions/pages/layout.ts", 'throw new Error("no slots")')).toBe(true);
    expect(is("functions/content/deep/calendar.ts", 'throw new Error("x")')).toBe(false);
    expect(is("functions/submissions/routes.ts", 'throw new Error("x")')).toBe(false);
    expect(is("functions/submissions/routes.ts", 'logError("dedup.failed", e)')).toBe(true);
  });

  it("reads a bar written `\\|` inside a cell, and stops at the table's end", () => {
    const rows = readAccountedRows(table("| `functions/a.ts` `x \\|\\| y` | `&&` | same |"));
    expect(rows).toHaveLength(1);
    expect(accountingRow(rows, { file: "functions/a.ts", line: 3, code: "if (x || y) go();" })).toBeDefined();
  });

  it("in README.md, every row names a file, and each file with the lines or the code it is about", () => {
    const rows = readAccountedRows(readFileSync("README.md", "utf8"));
    expect(rows.length).toBeGreaterThan(40);
    const vague = rows.filter(
      (r) =>
        r.refs.length === 0 || r.refs.some((g) => g.snippets.length === 0 && g.files.some((f) => f.lines.size === 0)),
    );
    expect(vague.map((r) => r.text)).toEqual([]);
  });

  it("tells a row whose file, line or code is no longer there", () => {
    const rows = readAccountedRows(
      table(
        "| `functions/a.ts` `keep()`, `gone()` | x | y |",
        "| `functions/b.ts:3` (a fallback) | x | y |",
        "| `functions/moved.ts` `keep()` | x | y |",
      ),
    );
    const sources = new Map([
      ["functions/a.ts", "const a = 1;\nkeep();"],
      ["functions/b.ts", "one\ntwo"],
    ]);
    const stale = staleReferences(rows, sources).map((s) => s.split("\n  ")[1]);
    expect(stale).toEqual([
      "no line holds gone()",
      "functions/b.ts has no line 3",
      "no file matches functions/moved.ts",
    ]);
  });

  it("in README.md, every row's code is still in the files it names", () => {
    const rows = readAccountedRows(readFileSync("README.md", "utf8"));
    expect(staleReferences(rows, readMutatedSources("."))).toEqual([]);
  });
});
