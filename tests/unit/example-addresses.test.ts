/**
 * Shipped content holds no real address as a recipient: every staff recipient and every
 * staff sign-in address is on an example domain, and the field is marked in `placeholders`
 * — the content check refuses an example address whose field is not marked, so the deploy
 * can trust the marks.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkContent } from "../../src/integrations/content-check.ts";
import { isExampleAddress, isExampleHost } from "../../src/lib/example-domains.ts";
import { municipalitySchema } from "../../src/shared/municipality.ts";
import { REPO } from "./support/sandbox.ts";

const MUNICIPALITIES = path.join(REPO, "content/municipalities");
const shipped = readdirSync(MUNICIPALITIES)
  .filter((name) => name.endsWith(".json"))
  .map((name) => ({ name, data: JSON.parse(readFileSync(path.join(MUNICIPALITIES, name), "utf8")) }));

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** The content check's messages for a copy of content/ with one municipality's data changed. */
function messagesWith(name: string, change: (data: Record<string, unknown>) => void): string[] {
  const root = mkdtempSync(path.join(tmpdir(), "harta-examples-"));
  dirs.push(root);
  const content = path.join(root, "content");
  cpSync(path.join(REPO, "content"), content, { recursive: true });
  const file = path.join(content, "municipalities", name);
  const data = JSON.parse(readFileSync(file, "utf8"));
  change(data);
  writeFileSync(file, JSON.stringify(data, null, 2));
  return checkContent(content, (f) => path.relative(root, f)).map((p) => `${p.file}, ред ${p.line}: ${p.message}`);
}

describe("shipped municipalities", () => {
  it.each(shipped)("$name sends staff mail and sign-in links only to marked example addresses", ({ data }) => {
    const recipients = Object.values(data.recipients as Record<string, string[]>).flat();
    const staff = (data.staff as { email: string }[]).map((s) => s.email);
    expect(recipients.length).toBeGreaterThan(0);
    expect(staff.length).toBeGreaterThan(0);
    expect([...recipients, ...staff].filter((a) => !isExampleAddress(a))).toEqual([]);
    expect(data.placeholders).toEqual(expect.arrayContaining(["recipients", "staff", "registryIndex"]));
  });
});

describe("the content check", () => {
  it("refuses an example address in a field that is not marked as a placeholder, naming it and the line", () => {
    const messages = messagesWith("kostinbrod.json", (data) => {
      data.placeholders = ["registryIndex", "staff", "personalDataRetention"];
    });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(
      /^content\/municipalities\/kostinbrod\.json, ред \d+: адресът delovodstvo@kostinbrod\.example в „recipients“ е примерен/,
    );
    expect(messages[0]).toContain('добавете "recipients" в „placeholders“');
  });

  it("accepts real addresses once the mark is gone", () => {
    const messages = messagesWith("kovachevtsi.json", (data) => {
      data.staff = [{ email: "maria.petrova@kovachevtsi.bg", name: "Мария Петрова, деловодител", role: "clerk" }];
      data.placeholders = ["registryIndex", "recipients", "personalDataRetention"];
    });
    expect(messages).toEqual([]);
  });

  it("knows only the fields that can hold example values", () => {
    const data = { ...shipped[0]?.data, placeholders: ["phones"] };
    const result = municipalitySchema.safeParse(data);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["placeholders", 0]);
  });
});

describe("example domains", () => {
  it("are the names reserved for examples, tests and this machine", () => {
    for (const host of [
      "kostinbrod.example",
      "a.test",
      "x.invalid",
      "localhost",
      "example.org",
      "mail.example.com",
      "127.0.0.1",
    ]) {
      expect(isExampleHost(host), host).toBe(true);
    }
    for (const host of ["kbrod.net", "kostinbrod.bg", "example.bg", "examples.org", "harta.obshtina.bg"]) {
      expect(isExampleHost(host), host).toBe(false);
    }
  });
});
