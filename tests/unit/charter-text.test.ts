/**
 * Both charters are published in full, word for word: every line of the source texts
 * (tests/fixtures/charters/, the municipalities' public documents) must appear, in order,
 * in the built charter page. Typography may differ (quotes, dashes, list bullets, spacing,
 * letter case), so both sides are compared after folding those. When ../shared/seeds/ is
 * beside the repository (as in CI), the copies here must also be the texts there.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO } from "./support/sandbox.ts";

const FIXTURES = path.join(REPO, "tests/fixtures/charters");
const SHARED_SEEDS = path.resolve(REPO, "../shared/seeds");
const charters = [
  { seed: "kostinbrod-charter.txt", page: "dist/kostinbrod/harta/index.html" },
  { seed: "kovachevtsi-charter.txt", page: "dist/kovachevtsi/harta/index.html" },
];

/** Folds typography so only words, digits and meaningful punctuation are compared. */
function fold(text: string): string {
  return text
    .toLowerCase()
    .replace(/[<>]/g, "")
    .replace(/[„“”"«»]/g, '"')
    .replace(/[–—−-]/g, "-")
    .replace(/^\s*[•·*-]\s+/gm, "")
    .replace(/\s+/g, "");
}

function decodeEntities(html: string): string {
  return html
    .replace(/&nbsp;/g, " ")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** The text of the page's main content, without the site's header, footer or scripts. */
function mainText(html: string): string {
  const main = html.match(/<main[^>]*>([\s\S]*)<\/main>/)?.[1] ?? "";
  return decodeEntities(main.replace(/<br\s*\/?>/g, "\n").replace(/<[^>]+>/g, "\n"));
}

const source = (seed: string) => readFileSync(path.join(FIXTURES, seed), "utf8");

describe.each(charters)("the charter in $page", ({ seed, page }) => {
  it("holds every line of the source, in order", () => {
    expect(existsSync(page), `${page} is missing: run the build first`).toBe(true);
    const published = fold(mainText(readFileSync(page, "utf8")));
    const lines = source(seed).split("\n").map(fold).filter(Boolean);
    expect(lines.length).toBeGreaterThan(20);
    let from = 0;
    for (const line of lines) {
      const at = published.indexOf(line, from);
      expect(at, `line not found (after position ${from}): ${line}`).toBeGreaterThanOrEqual(0);
      from = at + line.length;
    }
  });

  it("fails when a word of the source is changed", () => {
    const published = fold(mainText(readFileSync(page, "utf8")));
    const line = fold(
      source(seed)
        .split("\n")
        .filter((l) => l.length > 60)[0] ?? "",
    );
    expect(published.includes(line)).toBe(true);
    const mid = Math.floor(line.length / 2);
    const changed = `${line.slice(0, mid)}${line[mid] === "ж" ? "з" : "ж"}${line.slice(mid + 1)}`;
    expect(published.includes(changed)).toBe(false);
  });
});

// Without ../shared (a plain clone) there is nothing to compare the copies with: say so once.
if (existsSync(SHARED_SEEDS)) {
  describe.each(charters)("tests/fixtures/charters/$seed", ({ seed }) => {
    it("is the text in ../shared/seeds/", () => {
      expect(source(seed)).toBe(readFileSync(path.join(SHARED_SEEDS, seed), "utf8"));
    });
  });
} else {
  console.info(
    `${path.relative(REPO, SHARED_SEEDS)} not found: the charters were checked against tests/fixtures/charters/ only`,
  );
}
