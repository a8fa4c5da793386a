/**
 * `npm run new:service` scaffolds a service that lists every schema field and builds once
 * its two required fields are filled in (not before: a placeholder must not be published),
 * and refuses what would break the site or overwrite an editor's work.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createSandbox, REPO, type RunResult, run, type Sandbox } from "./support/sandbox.ts";

const SCRIPT = path.join(REPO, "scripts/new-service.ts");

let sandbox: Sandbox;
beforeAll(() => {
  sandbox = createSandbox();
});
afterAll(() => sandbox.remove());

const newService = (...args: string[]): Promise<RunResult> =>
  run(process.execPath, [SCRIPT, ...args, "--content-dir", sandbox.content], { cwd: REPO });

/** Every file under the sandbox's content/services, to prove that a refusal wrote nothing. */
const services = () =>
  readdirSync(path.join(sandbox.content, "services"), { recursive: true, encoding: "utf8" }).sort();

interface JsonSchema {
  properties?: Record<string, JsonSchema>;
  required?: string[];
}

describe("npm run new:service", () => {
  test("scaffolds a service with every field of the schema, which builds once title and description are written", async () => {
    // Through npm itself, as editors run it: this also checks the package.json script and the `--`.
    const args = ["run", "-s", "new:service", "--", "kostinbrod", "udostoverenie-za-semeyno-polozhenie"];
    const npmCli = process.env.npm_execpath; // set when tests run under npm; then npm need not be on PATH
    const created = await run(npmCli ? process.execPath : "npm", npmCli ? [npmCli, ...args] : args, {
      cwd: REPO,
      env: { HARTA_CONTENT_DIR: sandbox.content },
    });
    expect(created.code, created.output).toBe(0);
    expect(created.output).toContain("services/kostinbrod/udostoverenie-za-semeyno-polozhenie.mdx");
    expect(created.output).toContain("Докато някъде пише „ПОПЪЛНЕТЕ“, сайтът не се построява.");
    const file = "services/kostinbrod/udostoverenie-za-semeyno-polozhenie.mdx";
    const text = sandbox.read(file);

    // As scaffolded, the two placeholders stop the build (tests/unit/editor-errors.test.ts has the messages).
    const unfinished = await sandbox.astro("build");
    expect(unfinished.code).not.toBe(0);
    expect(unfinished.output).toContain("полето „title“ още не е попълнено");
    expect(unfinished.output).toContain("полето „description“ още не е попълнено");

    // Exactly what the next steps say: replace the placeholders in title and description.
    sandbox.edit(file, /^title: .*$/m, "title: Удостоверение за семейно положение");
    sandbox.edit(
      file,
      /^description: .*$/m,
      "description: Удостоверение, в което са изброени наследниците на починалия.",
    );
    const build = await sandbox.astro("build");
    expect(build.code, build.output).toBe(0);

    // The field list comes from the schema Astro generated, so a new field in
    // src/lib/content-schemas.ts fails here until the scaffold explains it too.
    const schema: JsonSchema = JSON.parse(
      readFileSync(path.join(sandbox.root, ".astro/collections/services.schema.json"), "utf8"),
    );
    const fields = Object.entries(schema.properties ?? {}).filter(([name]) => !name.startsWith("$"));
    expect(fields.length).toBeGreaterThan(10);
    for (const [name, field] of fields) {
      const required = schema.required?.includes(name);
      expect(text, name).toMatch(new RegExp(`^${required ? "" : "(# )?"}${name}:`, "m"));
      for (const nested of Object.keys(field.properties ?? {})) {
        expect(text, `${name}.${nested}`).toMatch(new RegExp(`^(# )? +${nested}:`, "m"));
      }
    }

    // The page exists, says plainly what is not known yet, and hides the editor's note.
    const page = readFileSync(
      path.join(sandbox.root, "dist/kostinbrod/uslugi/udostoverenie-za-semeyno-polozhenie/index.html"),
      "utf8",
    );
    expect(page).toContain("Удостоверение за семейно положение");
    expect(page).not.toContain("ПОПЪЛНЕТЕ");
    expect(page).toContain("Не е посочено");
    expect(page).toContain("Попитайте Община Костинброд на тел. 0721 68701");
    expect(page).not.toContain("Тази бележка не се вижда");
  });

  test("refuses an unknown municipality and lists the known ones", async () => {
    const before = services();
    const { code, output } = await newService("sofia", "nova-usluga");
    expect(code).not.toBe(0);
    expect(output).toContain("Няма община „sofia“");
    expect(output).toContain("kostinbrod – Община Костинброд");
    expect(output).toContain("kovachevtsi – Община Ковачевци");
    expect(services()).toEqual(before);
  });

  test.each([
    ["Cyrillic", "жалби", "Например: zhalbi"],
    ["capitals", "Zhalbi", "Например: zhalbi"],
    ["spaces", "nova usluga", "Например: nova-usluga"],
    ["underscores", "nova_usluga", "Например: nova-usluga"],
    ["a trailing hyphen", "nova-", "Например: nova"],
    ["a path", "../nova", "Например: nova"],
  ])("refuses a slug with %s", async (_, slug, suggestion) => {
    const before = services();
    const { code, output } = await newService("kovachevtsi", slug);
    expect(code).not.toBe(0);
    expect(output).toContain(`„${slug}“ не става за адрес на страница`);
    expect(output).toContain(suggestion);
    expect(services()).toEqual(before);
  });

  test("refuses to overwrite an existing service", async () => {
    const before = sandbox.read("services/kovachevtsi/predlozheniya.mdx");
    const { code, output } = await newService("kovachevtsi", "predlozheniya");
    expect(code).not.toBe(0);
    expect(output).toContain("services/kovachevtsi/predlozheniya.mdx вече съществува");
    expect(sandbox.read("services/kovachevtsi/predlozheniya.mdx")).toBe(before);
  });

  test("explains its usage when an argument is missing", async () => {
    const { code, output } = await newService("kostinbrod");
    expect(code).not.toBe(0);
    expect(output).toContain("Посочете точно две неща");
    expect(output).toContain("Употреба: npm run new:service -- <община> <адрес>");
  });
});
