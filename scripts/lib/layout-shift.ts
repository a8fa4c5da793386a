/**
 * Cumulative layout shift of a page load, as Chromium's Layout Instability API reports it
 * (a PerformanceObserver on "layout-shift", shifts right after the reader's own input
 * left out, as the metric defines). For the site benchmark and the search page's test.
 */
import type { Page } from "playwright-core";

declare global {
  interface Window {
    __layoutShift?: number;
  }
}

const observed = new WeakSet<Page>();

/** Opens `url`, waits for `settled`, and gives the sum of the shifts seen until then. */
export async function layoutShift(page: Page, url: string, settled: () => Promise<unknown> = async () => {}) {
  if (!observed.has(page)) {
    observed.add(page);
    await page.addInitScript(() => {
      window.__layoutShift = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
          if (!entry.hadRecentInput) window.__layoutShift = (window.__layoutShift ?? 0) + entry.value;
        }
      }).observe({ type: "layout-shift", buffered: true });
    });
  }
  await page.goto(url, { waitUntil: "load" });
  await settled();
  // Two frames and a moment more: the shifts of the last render are reported after it.
  await page.evaluate(
    () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 250)))),
  );
  return page.evaluate(() => window.__layoutShift ?? 0);
}
