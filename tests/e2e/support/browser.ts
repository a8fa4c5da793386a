/** Debian's Chromium driven by playwright-core (no browser download), plus axe-core. */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { type Browser, type BrowserContextOptions, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      // A page the tests drive is the one a resident looks at: never throttled as a background
      // tab, whose rendering (and with it `autofocus`, run at the next rendering update) waits.
      "--disable-renderer-backgrounding",
      "--disable-background-timer-throttling",
      "--disable-backgrounding-occluded-windows",
    ],
  });
}

export async function newPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ locale: "bg-BG", ...options });
  const page = await context.newPage();
  await page.bringToFront();
  return page;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core's WCAG 2.0/2.1/2.2 A and AA rules on the page as it is now. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through DevTools, not as an inline <script>: the site's CSP forbids inline scripts.
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected at run time
    const axe = (window as any).axe;
    const result = await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    });
    return result.violations.map((v: AxeViolation) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
}

/**
 * One Chromium per test file, closed after it; `withPage` gives each test a fresh
 * context (no shared cookies or storage) and closes it afterwards. `defaults` runs
 * per page, so a file can give every page its own client address, for instance.
 */
export function useBrowser(defaults: () => BrowserContextOptions = () => ({})) {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  const opened = () => {
    if (!browser) throw new Error("useBrowser: the browser starts in beforeAll");
    return browser;
  };
  return {
    newPage: (options: BrowserContextOptions = {}) => newPage(opened(), { ...defaults(), ...options }),
    async withPage<T>(fn: (page: Page) => Promise<T>, options: BrowserContextOptions = {}): Promise<T> {
      const page = await newPage(opened(), { ...defaults(), ...options });
      try {
        return await fn(page);
      } finally {
        await page.context().close();
      }
    },
  };
}
