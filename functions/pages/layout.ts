/**
 * Pages the Worker renders (receipts, errors, re-shown forms) wear the site's own
 * layout: the built page /shell/ (Base.astro with a marker in <main>) is fetched
 * once from the static assets and filled in. One layout, one stylesheet.
 */
import { escapeHtml } from "../../src/shared/forms/html";
import { ERROR_PREFIX } from "../../src/shared/forms/messages";

export const SHELL_PATH = "/shell/";
const TITLE_MARK = "@@TITLE@@";
const CONTENT = /<!--harta:content-->[\s\S]*<!--\/harta:content-->/;

let shell: Promise<string> | undefined;

/** Only if the assets cannot be read: a plain page that still works and reads well. */
const FALLBACK = `<!doctype html><html lang="bg"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${TITLE_MARK} – Харта на клиента</title></head><body><main id="main"><!--harta:content--><!--/harta:content--></main></body></html>`;

async function loadShell(assets: Fetcher): Promise<string> {
  const response = await assets.fetch(new Request(`https://assets.invalid${SHELL_PATH}`));
  const html = await response.text();
  if (!response.ok || !CONTENT.test(html) || !html.includes(TITLE_MARK)) throw new Error("shell page missing");
  return html;
}

function shellOf(assets: Fetcher): Promise<string> {
  shell ??= loadShell(assets).catch((error: unknown) => {
    shell = undefined; // try again next time
    console.error(JSON.stringify({ event: "shell.unavailable", error: String(error) }));
    return FALLBACK;
  });
  return shell;
}

export interface PageOptions {
  title: string;
  /** The page shows errors: the title gets the "Грешка:" prefix. */
  error?: boolean;
  /** Inner HTML of <main>, already escaped. */
  body: string;
}

export async function renderPage(assets: Fetcher, page: PageOptions): Promise<string> {
  const html = await shellOf(assets);
  const title = `${page.error ? `${ERROR_PREFIX} ` : ""}${escapeHtml(page.title)}`;
  return html
    .replace(TITLE_MARK, () => title)
    .replace(/<link rel="canonical"[^>]*>/, "")
    .replace(CONTENT, () => page.body);
}
