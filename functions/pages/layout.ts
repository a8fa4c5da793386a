/**
 * Pages the Worker renders (receipts, errors, re-shown forms) wear the site's own
 * layout: the built shell page is fetched once from the static assets and cut at its
 * slots (src/shared/worker-data.ts), which the build guarantees are there once each.
 */
import { documentTitle } from "../../src/shared/document-title";
import { escapeHtml } from "../../src/shared/html";
import { SHELL_PATH, SHELL_SLOTS } from "../../src/shared/worker-data";

/** The shell around its slots: before the title, between title and main, after main. */
type Frame = readonly [head: string, middle: string, tail: string];

/** Only if the assets cannot be read: a plain page that still works and reads well. */
const FALLBACK: Frame = [
  `<!doctype html><html lang="bg"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>`,
  `</title></head><body><main id="main">`,
  "</main></body></html>",
];

/** The shell cut at its slots, or null when a slot is missing or repeated. */
export function cutShell(html: string): Frame | null {
  const [head, rest, ...extraTitle] = html.split(SHELL_SLOTS.title);
  if (rest === undefined || extraTitle.length) return null;
  const [middle, tail, ...extraMain] = rest.split(SHELL_SLOTS.main);
  if (tail === undefined || extraMain.length || head === undefined || middle === undefined) return null;
  return [head, middle, tail];
}

let frame: Promise<Frame> | undefined;

async function loadFrame(assets: Fetcher): Promise<Frame> {
  const response = await assets.fetch(new Request(`https://assets.invalid${SHELL_PATH}`));
  const cut = response.ok ? cutShell(await response.text()) : null;
  if (!cut) throw new Error("shell page missing or without its slots");
  return cut;
}

function frameOf(assets: Fetcher): Promise<Frame> {
  frame ??= loadFrame(assets).catch((error: unknown) => {
    frame = undefined; // try again next time
    console.error(JSON.stringify({ event: "shell.unavailable", error: String(error) }));
    return FALLBACK;
  });
  return frame;
}

export interface PageOptions {
  title: string;
  /** The page shows errors: the title gets the "Грешка:" prefix. */
  error?: boolean;
  /** Inner HTML of <main>, already escaped. */
  body: string;
}

export async function renderPage(assets: Fetcher, page: PageOptions): Promise<string> {
  const [head, middle, tail] = await frameOf(assets);
  return `${head}${escapeHtml(documentTitle(page.title, page.error))}${middle}${page.body}${tail}`;
}
