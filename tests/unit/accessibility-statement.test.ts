/**
 * Every municipality has an accessibility statement whose facts the schema holds to the
 * EU model (a status that matches the list of problems, a review not before the first
 * version), a municipality without one stops the build, and a statement over a year
 * without review warns the editors on every build.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { z } from "astro/zod";
import { afterAll, describe, expect, it } from "vitest";
import { checkContent, contentWarnings } from "../../src/integrations/content-check.ts";
import { accessibilitySchema } from "../../src/lib/content-schemas.ts";
import { REPO } from "./support/sandbox.ts";

const STATEMENT = "content/accessibility/kovachevtsi.json";
const shipped = () => JSON.parse(readFileSync(path.join(REPO, STATEMENT), "utf8")) as Record<string, unknown>;
const schema = accessibilitySchema(z.string());

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A copy of content/ changed by `edit`, and how messages name its files. */
function contentCopy(edit: (content: string) => void) {
  const root = mkdtempSync(path.join(tmpdir(), "harta-statement-"));
  dirs.push(root);
  const content = path.join(root, "content");
  cpSync(path.join(REPO, "content"), content, { recursive: true });
  edit(content);
  return { content, show: (f: string) => path.relative(root, f) };
}

describe("the accessibility statements", () => {
  it("are valid as shipped, one per municipality, and none is due for review on its own date", () => {
    const { content, show } = contentCopy(() => {});
    expect(checkContent(content, show)).toEqual([]);
    const reviewed = new Date(String(shipped().reviewedOn));
    expect(contentWarnings(content, show, reviewed)).toEqual([]);
  });

  it("stop the build when a municipality has none, naming the file to create", () => {
    const { content, show } = contentCopy((dir) => unlinkSync(path.join(dir, "accessibility/kovachevtsi.json")));
    const messages = checkContent(content, show).map((p) => `${p.file}: ${p.message}`);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain("content/accessibility/kovachevtsi.json: община „kovachevtsi“ няма декларация");
  });

  it("warn, with the file, the line and the date, more than a year after the last review", () => {
    const { content, show } = contentCopy((dir) => {
      const file = path.join(dir, "accessibility/kovachevtsi.json");
      const text = readFileSync(file, "utf8").replace(/"(preparedOn|reviewedOn)": "[^"]+"/g, '"$1": "2025-12-01"');
      writeFileSync(file, text);
    });
    // Kostinbrod's statement, reviewed on 2026-12-02, is not due on either day.
    expect(contentWarnings(content, show, new Date("2026-12-01"))).toEqual([]);
    const late = contentWarnings(content, show, new Date("2026-12-02"));
    expect(late).toHaveLength(1);
    expect(late[0]?.file).toBe(STATEMENT);
    expect(late[0]?.line).toBeGreaterThan(1);
    expect(late[0]?.message).toContain("преглеждана за последно на 2025-12-01, преди 366 дни");
    // A warning is not an error: the build goes on.
    expect(checkContent(content, show)).toEqual([]);
  });

  it("refuse a status that does not match the list of problems", () => {
    const full = schema.safeParse({ ...shipped(), status: "full" });
    expect(full.success).toBe(false);
    expect(full.error?.issues[0]?.path).toEqual(["knownProblems"]);
    const partial = schema.safeParse({ ...shipped(), knownProblems: [] });
    expect(partial.success).toBe(false);
    expect(schema.safeParse({ ...shipped(), status: "full", knownProblems: [] }).success).toBe(true);
  });

  it("refuse a review dated before the statement was prepared", () => {
    const result = schema.safeParse({ ...shipped(), preparedOn: "2026-12-02", reviewedOn: "2026-11-30" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain("не може да е преди");
  });
});
