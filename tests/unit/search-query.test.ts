/**
 * How the search page reads a query and relaxes it (lib/search-query.ts), how it marks
 * the words in an excerpt (scripts/search-render.ts), and the check that keeps the
 * synonym list unambiguous (integrations/synonyms.ts).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkContent } from "../../src/integrations/content-check.ts";
import { explanation, interpret, plan, type Vocabulary } from "../../src/lib/search-query.ts";
import { bestSection, highlight, renderResult } from "../../src/scripts/search-render.ts";
import { REPO } from "./support/sandbox.ts";

const vocabulary = JSON.parse(readFileSync(path.join(REPO, "content/search/synonyms.json"), "utf8")) as Vocabulary;
const queries = (q: string) => plan(interpret(q, vocabulary)).map((s) => [s.kind, s.queries.map((x) => x.query)]);

describe("reading a query", () => {
  it("searches every word by its stem first, and little words not at all", () => {
    expect(queries("жалби срещу служителите")[0]).toEqual(["all", ["жалб срещ служител"]]);
    expect(interpret("жалба по телефона", vocabulary).map((t) => t.typed)).toEqual(["жалба", "телефона"]);
  });

  it("reads a question's wording as what it asks for", () => {
    const terms = interpret("в колко часа отваря", vocabulary);
    expect(terms.map((t) => [t.typed, t.meaning, t.fromQuestion])).toEqual([
      ["в колко часа", "работно време", true],
      ["отваря", "отваря", false],
    ]);
    // „отваря“ is found nowhere: its synonym group leads to the working hours.
    expect(queries("в колко часа отваря")[1]).toEqual(["synonyms", expect.arrayContaining(["работ врем"])]);
    expect(explanation(terms, "all", "")).toBe("„в колко часа“ търсим като „работно време“.");
  });

  it("knows phrasing that only asks („искам да“) and searches what follows", () => {
    expect(interpret("искам да се оплача от служител", vocabulary).map((t) => t.typed)).toEqual(["оплача", "служител"]);
  });

  it("tries the synonyms closest to the typed word first, then fewer words", () => {
    const steps = queries("искам да се оплача от служител");
    expect(steps[0]).toEqual(["all", ["оплач служител"]]);
    expect(steps[1]?.[0]).toBe("synonyms");
    expect(steps[1]?.[1]?.[0]).toBe("оплакван служител");
    expect(steps.at(-1)).toEqual(["fewer", expect.arrayContaining(["оплач", "служител", "жалб"])]);
  });

  it("says what it relaxed, in the resident's words", () => {
    const terms = interpret("обидни думи", vocabulary);
    expect(explanation(terms, "synonyms", "обидни изказвания")).toBe(
      "Няма резултати за „обидни думи“; показваме резултати за „обидни изказвания“.",
    );
    expect(explanation(terms, "fewer", "обидни")).toBe(
      "Няма резултати за всички думи; показваме резултати за „обидни“.",
    );
  });

  it("a query of little words only is searched as it is", () => {
    expect(queries("как")).toEqual([["all", ["как"]]]);
  });
});

describe("marking the words in a result", () => {
  it("marks words that start with a searched stem, never little words, and escapes the rest", () => {
    expect(highlight("Жалба по телефона <b>& по пощата", ["жалб", "по", "телефон"])).toBe(
      "<mark>Жалба</mark> по <mark>телефона</mark> &lt;b&gt;&amp; по пощата",
    );
  });

  it("writes one entry per page with its municipality and its best section", () => {
    const page = {
      url: "/kovachevtsi/harta/",
      excerpt: "…",
      meta: { title: "Харта <на> клиента", municipality: "Община Ковачевци" },
      sub_results: [
        { title: "Харта", url: "/kovachevtsi/harta/", excerpt: "а", weighted_locations: [{ balanced_score: 1 }] },
        {
          title: "Важно е да се знае:",
          url: "/kovachevtsi/harta/#vazhno",
          excerpt: "<mark>Анонимни</mark> сигнали и оплаквания",
          weighted_locations: [{ balanced_score: 5 }],
        },
      ],
    };
    expect(bestSection(page)?.url).toBe("/kovachevtsi/harta/#vazhno");
    const html = renderResult(page, ["оплакв"]);
    expect(html).toContain("Харта &lt;на&gt; клиента");
    expect(html).toContain('<p class="result-where">Община Ковачевци</p>');
    expect(html).toContain("Анонимни сигнали и <mark>оплаквания</mark>");
    expect(html).toContain('href="/kovachevtsi/harta/#vazhno">Важно е да се знае:</a>');
  });
});

describe("the synonym list's check", () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  const check = (text: string) => {
    const root = mkdtempSync(path.join(tmpdir(), "harta-synonyms-"));
    dirs.push(root);
    cpSync(path.join(REPO, "content"), path.join(root, "content"), { recursive: true });
    writeFileSync(path.join(root, "content/search/synonyms.json"), text);
    return checkContent(path.join(root, "content"), (f) => path.relative(root, f));
  };

  it("names the line of a word that is already in another group, in any of its forms", () => {
    const problems = check(
      '{\n  "synonyms": [\n    ["жалба", "оплакване"],\n    ["сигнал", "жалби"]\n  ],\n  "questions": []\n}\n',
    );
    expect(problems).toEqual([
      {
        file: "content/search/synonyms.json",
        line: 4,
        message:
          "„жалби“ (търси се като „жалба“) вече е в група на ред 3; една дума стои само в една група – слейте двете групи или махнете думата от едната.",
      },
    ]);
  });

  it("lets two forms of one word stand in the same group", () => {
    expect(check('{ "synonyms": [["похвала", "похваля"]], "questions": [] }\n')).toEqual([]);
  });
});
