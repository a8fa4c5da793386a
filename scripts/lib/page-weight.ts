/**
 * What a page costs a resident: the gzip bytes of the HTML, CSS and JavaScript the
 * browser loads with it, and what the search's first query fetches and how long it
 * takes. Measured in Chromium against a static server, so the figures are the site's
 * own, without network or Worker effects.
 */
import { gzipSync } from "node:zlib";
import type { Page, Response } from "playwright-core";

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
export async function weigh(page: Page, action: () => Promise<unknown>): Promise<Weight> {
  const pending: Promise<void>[] = [];
  const weight = empty();
  const listener = (response: Response) => {
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

export interface FirstQuery {
  bytes: number;
  requests: number;
  ms: number;
}

/** Opens the search page, then measures one query from submit to the first result link. */
export async function firstQuery(page: Page, baseUrl: string, query: string): Promise<FirstQuery> {
  await page.goto(`${baseUrl}/search/`, { waitUntil: "networkidle" });
  let ms = 0;
  const weight = await weigh(page, async () => {
    const started = performance.now();
    await page.locator("#search-q").fill(query);
    await page.locator("#search-q").press("Enter");
    await page.locator("#search-results a.pf-result-link").first().waitFor({ timeout: 30_000 });
    ms = performance.now() - started;
  });
  return { bytes: weight.html + weight.css + weight.js + weight.other, requests: weight.requests, ms };
}

export const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
