/**
 * Runs the shared search evaluation (../shared/eval/search-queries.json) through the
 * real search page in Chromium: a query passes when one of its top 3 results is a
 * page whose text contains one of its expected phrases (compared in lower case).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";

export interface EvalQuery {
  q: string;
  expect: string[];
}
export interface QueryOutcome {
  q: string;
  pass: boolean;
  top: string[];
  /** The first top-3 page containing an expected phrase, if any. */
  matched?: string;
}

export const EVAL_FILE = path.resolve(import.meta.dirname, "../../../shared/eval/search-queries.json");

export function loadQueries(file = EVAL_FILE): EvalQuery[] {
  return (JSON.parse(readFileSync(file, "utf8")) as { queries: EvalQuery[] }).queries;
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

/**
 * Waits for the search page's own signal that a search has answered: the summary line
 * ("N резултата за …" or "Няма резултати за …") that src/scripts/search.ts writes when
 * Pagefind's `results` event fires. Resolves with the summary and the number it states.
 */
export async function searchAnswered(page: Page): Promise<{ summary: string; total: number }> {
  await page.locator("#search-summary").filter({ hasText: /\S/ }).waitFor();
  const summary = ((await page.locator("#search-summary").textContent()) ?? "").trim();
  const total = /^Няма/.test(summary) ? 0 : Number.parseInt(summary, 10);
  return { summary, total };
}

/** The links of the search results, best first, once the search has answered. */
export async function searchResults(page: Page, baseUrl: string, query: string): Promise<string[]> {
  await page.goto(`${baseUrl}/search/?q=${encodeURIComponent(query)}`);
  const { total } = await searchAnswered(page);
  const links = page.locator("#search-results a.pf-result-link");
  // Each result shows its link once its own data has loaded: wait for the top three.
  if (total > 0) await links.nth(Math.min(total, 3) - 1).waitFor();
  return links.evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
}

export async function evaluate(page: Page, baseUrl: string, queries = loadQueries()): Promise<QueryOutcome[]> {
  const texts = new Map<string, string>();
  const outcomes: QueryOutcome[] = [];
  for (const { q, expect } of queries) {
    const top = (await searchResults(page, baseUrl, q)).slice(0, 3);
    let matched: string | undefined;
    for (const url of top) {
      const pageUrl = url.split("#")[0] ?? url;
      if (!texts.has(pageUrl)) texts.set(pageUrl, await pageText(page, pageUrl));
      const text = texts.get(pageUrl) ?? "";
      if (expect.some((phrase) => text.includes(normalise(phrase)))) {
        matched = pageUrl;
        break;
      }
    }
    outcomes.push({ q, pass: matched !== undefined, top, matched });
  }
  return outcomes;
}
