/**
 * What an editor sees when a content file is wrong: the build stops, and each mistake is
 * explained in Bulgarian with the file, the line and what to write instead — no English
 * parser messages, no stack traces, no hints meant for programmers. Each case breaks one
 * thing in its own copy of content/; the copies are independent, so the builds run
 * concurrently.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import type { Sandbox } from "./support/sandbox.ts";
import { REPO, run } from "./support/sandbox.ts";
import { sandboxBuilds } from "./support/sandbox-builds.ts";

const { fresh, buildWith } = sandboxBuilds();

/** The 1-based number of the only line of `relative` that contains `needle`. */
function lineNumber(sandbox: Sandbox, relative: string, needle: string): number {
  const lines = sandbox.read(relative).split("\n");
  const found = lines.flatMap((line, i) => (line.includes(needle) ? [i + 1] : []));
  if (found.length !== 1) throw new Error(`${relative}: expected one line with ${needle}, found ${found.length}`);
  return found[0] as number;
}

/** Output meant for programmers, which an editor must not have to read past. */
function expectNoNoise(output: string) {
  expect(output).not.toContain("Stack trace");
  expect(output).not.toContain("Hint:");
  expect(output).not.toContain("client:only");
  expect(output).not.toContain("Location:");
}

const SERVICE = "services/kostinbrod/predlozheniya.mdx";
const SHOWN = `content/${SERVICE}`;

describe.concurrent("unfilled placeholders", () => {
  test("a freshly scaffolded service fails, naming the file and each unfilled field", async () => {
    const file = "services/kostinbrod/udostoverenie-za-semeyno-polozhenie.mdx";
    const sandbox = fresh();
    const script = path.join(REPO, "scripts/new-service.ts");
    const scaffold = await run(
      process.execPath,
      [script, "kostinbrod", "udostoverenie-za-semeyno-polozhenie", "--content-dir", sandbox.content],
      { cwd: REPO },
    );
    expect(scaffold.code, scaffold.output).toBe(0);

    const { code, output } = await sandbox.astro("build");
    expect(code).not.toBe(0);
    expect(output).toContain(
      `content/${file}, ред ${lineNumber(sandbox, file, "title:")}: полето „title“ още не е попълнено: ` +
        'title: "ПОПЪЛНЕТЕ: име на услугата".',
    );
    expect(output).toContain(
      `content/${file}, ред ${lineNumber(sandbox, file, "description:")}: полето „description“ още не е попълнено`,
    );
    // The scaffold's comments say the word too, but comments are not published.
    expect(output.match(/още не е попълнено/g)).toHaveLength(2);
    expectNoNoise(output);
    expect(
      existsSync(path.join(sandbox.root, "dist/kostinbrod/uslugi/udostoverenie-za-semeyno-polozhenie/index.html")),
    ).toBe(false);
  });

  test("any frontmatter field with a placeholder fails, nested ones by their full name", async () => {
    const { code, output, sandbox } = await buildWith((s) => {
      s.edit(SERVICE, /^title: .*$/m, '$&\nfee: "ПОПЪЛНЕТЕ: таксата"');
      s.edit(SERVICE, /^ {2}source: .*$/m, '  source: "ПОПЪЛНЕТЕ: източникът"');
    });
    expect(code).not.toBe(0);
    expect(output).toContain(
      `${SHOWN}, ред ${lineNumber(sandbox, SERVICE, "fee:")}: полето „fee“ още не е попълнено: fee: "ПОПЪЛНЕТЕ: таксата".`,
    );
    // An optional field may simply be switched off, and the message says how.
    expect(output).toContain("сложете „# “ в началото на редовете му");
    expect(output).toContain(
      `${SHOWN}, ред ${lineNumber(sandbox, SERVICE, "source:")}: полето „deadline.source“ още не е попълнено`,
    );
    expectNoNoise(output);
  });

  test("a placeholder in the text under the fields fails, with its line", async () => {
    const { code, output, sandbox } = await buildWith((s) =>
      s.write(SERVICE, `${s.read(SERVICE)}\nПодава се в ПОПЪЛНЕТЕ: кое звено.\n`),
    );
    expect(code).not.toBe(0);
    expect(output).toContain(
      `${SHOWN}, ред ${lineNumber(sandbox, SERVICE, "кое звено")}: в текста под полетата още пише „ПОПЪЛНЕТЕ“`,
    );
    expectNoNoise(output);
  });

  test("a placeholder in a municipality's JSON fails, naming the field", async () => {
    const file = "municipalities/kovachevtsi.json";
    const { code, output, sandbox } = await buildWith((s) =>
      s.edit(file, /"registryIndex": "[^"]*"/, '"registryIndex": "ПОПЪЛНЕТЕ"'),
    );
    expect(code).not.toBe(0);
    expect(output).toContain(
      `content/${file}, ред ${lineNumber(sandbox, file, `"registryIndex":`)}: полето „registryIndex“ още не е попълнено`,
    );
  });
});

describe.concurrent("syntax mistakes", () => {
  test("a colon inside a value is explained in Bulgarian, with the line and the fix", async () => {
    const { code, output } = await buildWith((s) =>
      s.edit(SERVICE, /^title: .*$/m, "title: Предложения: как се подават"),
    );
    expect(code).not.toBe(0);
    expect(output).toContain(`${SHOWN}, ред 3: полетата не могат да се прочетат`);
    expect(output).toContain('title: "Предложения: как се подават"');
    expect(output).not.toContain("bad indentation");
    expectNoNoise(output);
  });

  // Astro's own report of this one carried a hint about `client:only`, because the text
  // around the mistake contains the word "documents".
  test("a wrongly indented line near `documents` gets no hint meant for programmers", async () => {
    const { code, output, sandbox } = await buildWith((s) =>
      s.edit(SERVICE, /^legalBasis:$/m, "documents:\n  - Предложение\n fee: Няма\nlegalBasis:"),
    );
    expect(code).not.toBe(0);
    expect(output).toContain(`${SHOWN}, ред ${lineNumber(sandbox, SERVICE, " fee: Няма")}: полетата не могат`);
    expect(output).toContain("отстъп");
    expectNoNoise(output);
  });

  test("a tab in the indentation is named as such", async () => {
    const { code, output, sandbox } = await buildWith((s) =>
      s.edit(SERVICE, /^ {2}- Административно/m, "\t- Административно"),
    );
    expect(code).not.toBe(0);
    expect(output).toContain(`${SHOWN}, ред ${lineNumber(sandbox, SERVICE, "\t")}: `);
    expect(output).toContain("табулация");
    expectNoNoise(output);
  });

  test("a missing comma in a municipality's JSON names the line where it belongs", async () => {
    const file = "municipalities/kostinbrod.json";
    const { code, output, sandbox } = await buildWith((s) =>
      s.edit(file, '"fax": "0721 68777",', '"fax": "0721 68777"'),
    );
    expect(code).not.toBe(0);
    expect(output).toContain(
      `content/${file}, ред ${lineNumber(sandbox, file, '"fax"')}: в края на реда липсва запетая`,
    );
    expect(output).not.toContain("Expected ','");
    expect(output).not.toContain("DataCollectionEntryParseError");
    expectNoNoise(output);
  });

  test("a comma after the last field in JSON is named too", async () => {
    const file = "municipalities/kostinbrod.json";
    const { code, output, sandbox } = await buildWith((s) =>
      s.edit(file, '"survey": ["delovodstvo@kostinbrod.example"]', '"survey": ["delovodstvo@kostinbrod.example"],'),
    );
    expect(code).not.toBe(0);
    expect(output).toContain(`content/${file}, ред ${lineNumber(sandbox, file, '"survey"')}: излишна запетая`);
    expectNoNoise(output);
  });

  test("a curly brace in MDX text is explained, with line and column, instead of the parser's message", async () => {
    const { code, output, sandbox } = await buildWith((s) =>
      s.write(SERVICE, `${s.read(SERVICE)}\nТакса {5 лв. на страница}.\n`),
    );
    expect(code).not.toBe(0);
    expect(output).toContain(`${SHOWN}, ред ${lineNumber(sandbox, SERVICE, "Такса {")}, знак 7: знакът „{“`);
    expect(output).toContain("\\{");
    expect(output).not.toContain("Could not parse expression");
    expectNoNoise(output);
  });

  test("escaped braces, braces in code and MDX comments are fine", async () => {
    const { code, output } = await buildWith((s) =>
      s.write(
        SERVICE,
        `${s.read(SERVICE)}\nТакса \\{5 лв.\\} и \`{код}\`.\n\n{/* Бележка за редакторите\n   на два реда. */}\n\n\`\`\`\n{ "a": 1 }\n\`\`\`\n`,
      ),
    );
    expect(code, output).toBe(0);
  });
});

describe.concurrent("unknown fields", () => {
  test("an unknown field is named with its file and line, not a masked path", async () => {
    const { code, output, sandbox } = await buildWith((s) => s.edit(SERVICE, /^title: .*$/m, "$&\ntaksa: 5 лв."));
    expect(code).not.toBe(0);
    expect(output).toContain(`${SHOWN}, ред ${lineNumber(sandbox, SERVICE, "taksa:")}: непознато поле „taksa“`);
    // What to write instead: the fields a service may have.
    expect(output).toMatch(/Полетата на услуга са: municipality, iisdaNumber, title, .*fee/);
    expect(output).not.toContain("****");
    expectNoNoise(output);
  });

  test("a misspelled field gets the likely intended name", async () => {
    const { code, output, sandbox } = await buildWith((s) => s.edit(SERVICE, /^result:/m, "rezult:"));
    expect(code).not.toBe(0);
    expect(output).toContain(
      `${SHOWN}, ред ${lineNumber(sandbox, SERVICE, "rezult:")}: непознато поле „rezult“. Може би „result“?`,
    );
  });

  test("an unknown field in a municipality's JSON is named with its line", async () => {
    const file = "municipalities/kostinbrod.json";
    const { code, output, sandbox } = await buildWith((s) =>
      s.edit(file, '"fax": "0721 68777",', '"fax": "0721 68777",\n  "telefon": "0721 68701",'),
    );
    expect(code).not.toBe(0);
    expect(output).toContain(`content/${file}, ред ${lineNumber(sandbox, file, "telefon")}: непознато поле „telefon“`);
    expect(output).toContain("Полетата на община са: name, shortName,");
  });
});
