/**
 * Both charters are published in full, word for word: every line of the source texts
 * in ../shared/seeds/ must appear, in order, in the built charter page. Typography may
 * differ (quotes, dashes, list bullets, spacing, letter case), so both sides are
 * compared after folding those.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const SEEDS = path.resolve(import.meta.dirname, "../../../shared/seeds");
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

describe.each(charters)("the charter in $page", ({ seed, page }) => {
  it("holds every line of the source, in order", () => {
    expect(existsSync(page), `${page} is missing: run the build first`).toBe(true);
    const published = fold(mainText(readFileSync(page, "utf8")));
    const lines = readFileSync(path.join(SEEDS, seed), "utf8").split("\n").map(fold).filter(Boolean);
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
      readFileSync(path.join(SEEDS, seed), "utf8")
        .split("\n")
        .filter((l) => l.length > 60)[0] ?? "",
    );
    expect(published.includes(line)).toBe(true);
    const mid = Math.floor(line.length / 2);
    const changed = `${line.slice(0, mid)}${line[mid] === "ж" ? "з" : "ж"}${line.slice(mid + 1)}`;
    expect(published.includes(changed)).toBe(false);
  });
});
