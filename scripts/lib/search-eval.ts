/**
 * The search evaluation: sets of queries residents type, each with phrases the page
 * they need contains. A query passes at k when one of its top k results is a page whose
 * text contains one of its phrases (lower case); a query with `m` is asked from that
 * municipality's pages and passes only on that municipality's own pages. Each set runs
 * through the site's search page in Chromium and through plain Pagefind on the same
 * index (its JavaScript API with the query as typed; `m` as its municipality filter), so
 * the two can be compared query by query.
 *
 * The project's own set (tests/fixtures/search-queries.json) always runs; the sets in
 * ../shared/eval, kept back from development, run too when that folder is there.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { FULL_INDEX, SCOPE_FILTER, SHARED_PAGES, searchPath } from "../../src/lib/search-scope.ts";

export interface EvalQuery {
  q: string;
  expect: string[];
  /** Asked from this municipality's pages. */
  m?: string;
}
export interface EvalSet {
  name: string;
  queries: EvalQuery[];
}
export type Engine = "site" | "pagefind";
export interface QueryOutcome {
  q: string;
  m?: string;
  /** Position (1–3) of the first page that answers, or 0. */
  rank: number;
  top: string[];
}

const REPO = path.resolve(import.meta.dirname, "../..");
export const OWN_SET = path.join(REPO, "tests/fixtures/search-queries.json");
export const SHARED_EVAL = path.resolve(REPO, "../shared/eval");
export const SHARED_SETS = ["search-queries.json", "search-queries-more.json"];

export function loadSet(file: string): EvalSet {
  const { queries } = JSON.parse(readFileSync(file, "utf8")) as { queries: EvalQuery[] };
  return { name: path.relative(REPO, file), queries };
}

/** The project's own set, and the shared ones when ../shared/eval is there (`missing` names them otherwise). */
export function evalSets(): { sets: EvalSet[]; missing?: string } {
  const sets = [loadSet(OWN_SET)];
  const shared = SHARED_SETS.map((f) => path.join(SHARED_EVAL, f));
  if (!shared.every((f) => existsSync(f))) {
    return {
      sets,
      missing: `../shared/eval/{${SHARED_SETS.join(",")}} not found: searched with ${sets[0]?.name} only`,
    };
  }
  return { sets: [...sets, ...shared.map(loadSet)] };
}

const normalise = (text: string) => text.toLowerCase().replace(/\s+/g, " ");

/** The visible text of a page, as a resident would read it. */
async function pageText(page: Page, url: string): Promise<string> {
  const response = await page.request.get(url);
  const html = await response.text();
  return normalise(
    html
      .replace(/<(script|style)[\s\S]*?<\/\1>/g, " ")
      .replace(/<[^>]+>/g, " ")
      .replace(/&nbsp;/g, " ")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, "&"),
  );
}

/** Waits until the search page has answered the query it was opened with. */
export async function searchAnswered(page: Page): Promise<{ summary: string; total: number }> {
  await page.locator("#search-answer[data-answered]").waitFor();
  const summary = ((await page.locator("#search-summary").textContent()) ?? "").trim();
  const total = /^Няма/.test(summary) ? 0 : Number.parseInt(summary, 10);
  return { summary, total };
}

/** The site's results for a query (page addresses, best first), from its search page. */
export async function searchResults(page: Page, baseUrl: string, query: string, m?: string): Promise<string[]> {
  await page.goto(`${baseUrl}${searchPath(query, m)}`);
  await searchAnswered(page);
  return page
    .locator("#search-results a.result-link")
    .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
}

/** Plain Pagefind's results for the query as typed, on the full index (`m` as a filter). */
export async function pagefindResults(page: Page, baseUrl: string, query: string, m?: string): Promise<string[]> {
  if (!page.url().startsWith(baseUrl)) await page.goto(`${baseUrl}/404/`);
  const filters = m ? { [SCOPE_FILTER]: { any: [m, SHARED_PAGES] } } : undefined;
  // As source text: test runners rewrite a dynamic import() in a function they are handed.
  const paths: string[] = await page.evaluate(`(async () => {
    const pagefind = await import(${JSON.stringify(`${FULL_INDEX}pagefind.js`)});
    const instance = pagefind.createInstance({ basePath: ${JSON.stringify(FULL_INDEX)} });
    const found = await instance.search(${JSON.stringify(query)}, ${JSON.stringify(filters ? { filters } : {})});
    const top = await Promise.all(found.results.slice(0, 3).map((r) => r.data()));
    await instance.destroy();
    return top.map((d) => d.url);
  })()`);
  return paths.map((p) => new URL(p, baseUrl).href);
}

export async function evaluate(page: Page, baseUrl: string, set: EvalSet, engine: Engine): Promise<QueryOutcome[]> {
  const texts = new Map<string, string>();
  const outcomes: QueryOutcome[] = [];
  for (const { q, expect, m } of set.queries) {
    const found =
      engine === "site" ? await searchResults(page, baseUrl, q, m) : await pagefindResults(page, baseUrl, q, m);
    const top = found.slice(0, 3).map((u) => u.split("#")[0] ?? u);
    let rank = 0;
    for (const [i, url] of top.entries()) {
      if (m && !new URL(url).pathname.startsWith(`/${m}/`)) continue;
      if (!texts.has(url)) texts.set(url, await pageText(page, url));
      const text = texts.get(url) ?? "";
      if (expect.some((phrase) => text.includes(normalise(phrase)))) {
        rank = i + 1;
        break;
      }
    }
    outcomes.push({ q, m, rank, top });
  }
  return outcomes;
}

export interface Score {
  at1: number;
  at3: number;
  of: number;
}
export const score = (outcomes: QueryOutcome[]): Score => ({
  at1: outcomes.filter((o) => o.rank === 1).length,
  at3: outcomes.filter((o) => o.rank > 0).length,
  of: outcomes.length,
});

/** "own: site s@1 30/32 s@3 32/32 | plain Pagefind s@1 20/32 s@3 25/32" */
export const scoreLine = (name: string, site: Score, plain: Score) =>
  `${name}: site s@1 ${site.at1}/${site.of}, s@3 ${site.at3}/${site.of} | plain Pagefind s@1 ${plain.at1}/${plain.of}, s@3 ${plain.at3}/${plain.of}`;
