/**
 * What a page costs a resident: the gzip bytes of the HTML, CSS and JavaScript the
 * browser loads with it, and what the search's first query fetches and how long it
 * takes. Measured in Chromium against a static server, so the figures are the site's
 * own, without network or Worker effects.
 */
import { gzipSync } from "node:zlib";
import type { Page, Response } from "playwright-core";
import { FULL_INDEX, scopeIndexPath, searchPath } from "../../src/lib/search-scope.ts";

export interface Weight {
  html: number;
  css: number;
  js: number;
  other: number;
  requests: number;
}

const empty = (): Weight => ({ html: 0, css: 0, js: 0, other: 0, requests: 0 });

/** Bytes as sent with gzip: files Pagefind already compresses are not compressed again. */
function wireBytes(body: Buffer): number {
  return Math.min(body.length, gzipSync(body, { level: 9 }).length);
}

function kind(response: Response): keyof Omit<Weight, "requests"> {
  const type = response.request().resourceType();
  if (type === "document") return "html";
  if (type === "stylesheet") return "css";
  if (type === "script") return "js";
  return "other";
}

/** Collects every response the page receives while `action` runs (and the network settles). */
export async function weigh(
  page: Page,
  action: () => Promise<unknown>,
  counts: (url: URL) => boolean = () => true,
): Promise<Weight> {
  const pending: Promise<void>[] = [];
  const weight = empty();
  const listener = (response: Response) => {
    if (!counts(new URL(response.url()))) return;
    pending.push(
      response
        .body()
        .then((body) => {
          weight[kind(response)] += wireBytes(body);
          weight.requests += 1;
        })
        .catch(() => {}),
    );
  };
  page.on("response", listener);
  try {
    await action();
    await page.waitForLoadState("networkidle");
    await Promise.all(pending);
  } finally {
    page.off("response", listener);
  }
  return weight;
}

export const total = (w: Weight) => w.html + w.css + w.js + w.other;

export interface FirstQuery {
  bytes: number;
  requests: number;
  /** From the last keystroke to the first result on the screen. */
  ms: number;
}

/**
 * A resident's first query: opens the search page (in `scope`, if given) in a fresh
 * context, clicks into the box, types the query as a person does, and measures from
 * the last keystroke to the first result. The bytes are everything loaded from opening
 * the page on: the page itself, Pagefind and the index files the query needed.
 */
export async function firstQuery(page: Page, baseUrl: string, query: string, scope?: string): Promise<FirstQuery> {
  let ms = 0;
  const weight = await weigh(page, async () => {
    await page.goto(`${baseUrl}${searchPath("", scope)}`, { waitUntil: "load" });
    const box = page.locator("#search-q");
    await box.click();
    await box.pressSequentially(query.slice(0, -1), { delay: 120 });
    const started = performance.now();
    await box.pressSequentially(query.slice(-1));
    // The answer to the whole query (an earlier one may have answered while typing).
    await page.locator(`#search-answer[data-answered="${query}"] a.result-link`).first().waitFor({ timeout: 30_000 });
    ms = performance.now() - started;
  });
  return { bytes: total(weight), requests: weight.requests, ms };
}

/**
 * Pagefind's floor for the same query: its JavaScript API alone on a page of the site
 * (pagefind.js, its WebAssembly, the entry and meta files, the index chunks the query
 * needs) and the fragments of the results a list shows (`shown`), nothing else counted.
 */
export async function pagefindFloor(page: Page, baseUrl: string, query: string, scope?: string, shown = 10) {
  await page.goto(`${baseUrl}/404/`, { waitUntil: "networkidle" });
  const basePath = scope ? scopeIndexPath(scope) : FULL_INDEX;
  const weight = await weigh(
    page,
    () =>
      page.evaluate(`(async () => {
        const pagefind = await import(${JSON.stringify(`${FULL_INDEX}pagefind.js`)});
        const instance = pagefind.createInstance({ basePath: ${JSON.stringify(basePath)}, noWorker: true });
        const found = await instance.search(${JSON.stringify(query)});
        await Promise.all(found.results.slice(0, ${shown}).map((r) => r.data()));
      })()`),
    (url) => url.pathname.startsWith(FULL_INDEX),
  );
  return { bytes: total(weight), requests: weight.requests };
}

export const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
