/**
 * Builds the Pagefind search indexes through its Node API once Astro has written the
 * site: one of every page (/pagefind/) and one per municipality, of its pages and the
 * shared ones (/pagefind/scope/<id>/), so that a search from a municipality's pages
 * loads only what that municipality needs (src/lib/search-scope.ts). Any error Pagefind
 * reports fails the build: a site whose search silently broke must not be deployed.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import * as pagefind from "pagefind";
import {
  ENTRY_FILE,
  FULL_INDEX,
  INDEX_FILES_ATTRIBUTE,
  type IndexStart,
  SCOPE_FILTER,
  SHARED_PAGES,
  scopeIndexPath,
  startFiles,
} from "../lib/search-scope.ts";
import { escapeHtml } from "../shared/html.ts";

function fail(step: string, errors: string[]): never {
  throw new Error(`Pagefind: ${step} се провали:\n${errors.join("\n")}`);
}

/** A built page the index takes (its main content is marked `data-pagefind-body`). */
export interface IndexedPage {
  url: string;
  content: string;
  /** Its municipality's id, or SHARED_PAGES. */
  scope: string;
}

const SCOPE_ATTRIBUTE = new RegExp(`data-pagefind-filter="${SCOPE_FILTER}:([^"]+)"`);

/** The pages of the built site in `site` that are marked for the index. */
export function indexedPages(site: string): IndexedPage[] {
  const pages: IndexedPage[] = [];
  const files = readdirSync(site, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".html"));
  for (const file of files.sort()) {
    const content = readFileSync(path.join(site, file), "utf8");
    if (!content.includes("data-pagefind-body")) continue;
    const relative = file.split(path.sep).join("/");
    const url = `/${relative.replace(/(^|\/)index\.html$/, "$1")}`;
    pages.push({ url, content, scope: SCOPE_ATTRIBUTE.exec(content)?.[1] ?? SHARED_PAGES });
  }
  return pages;
}

/** What a municipality's index needs of what Pagefind writes; the UI bundles are left out. */
const SCOPE_KEEPS = /^(pagefind-entry\.json|.*\.pf_meta|wasm\..*|index|fragment|filter)$/;

/** How each index starts (its entry file's one language), checked against the files Pagefind wrote. */
function indexStarts(site: string, indexes: Record<string, string>): Record<string, IndexStart> {
  return Object.fromEntries(
    Object.entries(indexes).map(([scope, base]) => {
      const entry = JSON.parse(readFileSync(path.join(site, base, ENTRY_FILE), "utf8")) as {
        languages: Record<string, { hash: string; wasm: string | null }>;
      };
      const languages = Object.values(entry.languages);
      const language = languages[0];
      if (languages.length !== 1 || !language) fail(`индексът ${base}`, ["очаква се точно един език"]);
      const start = { hash: language.hash, wasm: language.wasm ?? "unknown" };
      const missing = startFiles(start).filter((f) => !existsSync(path.join(site, base, f.split("?")[0] ?? f)));
      if (missing.length)
        fail(
          `индексът ${base}`,
          missing.map((f) => `Pagefind не е записал ${f}`),
        );
      return [scope, start];
    }),
  );
}

/**
 * Writes into each page that asks for it (INDEX_FILES_ATTRIBUTE, the search page) how each
 * index starts, so the page can fetch those files while Pagefind's own script is still on
 * its way (scripts/search.ts).
 */
function announceIndexStarts(pages: string[], starts: Record<string, IndexStart>): void {
  // The page holds an empty map until the indexes exist.
  const marker = `${INDEX_FILES_ATTRIBUTE}="{}"`;
  for (const page of pages) {
    const html = readFileSync(page, "utf8");
    if (!html.includes(marker)) continue;
    writeFileSync(page, html.replace(marker, `${INDEX_FILES_ATTRIBUTE}="${escapeHtml(JSON.stringify(starts))}"`));
  }
}

async function writeIndex(pages: IndexedPage[], outputPath: string): Promise<void> {
  // Forms' labels are no content of the page (the page feedback, the submission form's fields).
  const { index, errors } = await pagefind.createIndex({ forceLanguage: "bg", excludeSelectors: ["form"] });
  if (!index || errors.length) fail("създаването на индекса", errors);
  try {
    for (const page of pages) {
      const added = await index.addHTMLFile({ url: page.url, content: page.content });
      if (added.errors.length) fail(`индексирането на ${page.url}`, added.errors);
    }
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length) fail("записването на индекса", written.errors);
  } finally {
    await index.deleteIndex();
  }
}

export default function pagefindIntegration(): AstroIntegration {
  return {
    name: "harta:pagefind",
    hooks: {
      "astro:build:done": async ({ dir, logger }) => {
        const site = fileURLToPath(dir);
        const started = performance.now();
        try {
          const pages = indexedPages(site);
          if (pages.length === 0) fail("индексирането на страниците", ["няма нито една страница"]);
          const root = path.join(site, "pagefind");
          await writeIndex(pages, root);
          const scopes = [...new Set(pages.map((p) => p.scope))].filter((s) => s !== SHARED_PAGES);
          for (const scope of scopes) {
            const out = path.join(site, scopeIndexPath(scope));
            await writeIndex(
              pages.filter((p) => p.scope === scope || p.scope === SHARED_PAGES),
              out,
            );
            for (const name of readdirSync(out)) {
              if (!SCOPE_KEEPS.test(name)) rmSync(path.join(out, name), { recursive: true });
            }
          }
          announceIndexStarts(
            readdirSync(site, { recursive: true, encoding: "utf8" })
              .filter((f) => f.endsWith(".html"))
              .map((f) => path.join(site, f)),
            indexStarts(site, Object.fromEntries([["", FULL_INDEX], ...scopes.map((s) => [s, scopeIndexPath(s)])])),
          );
          const shown = scopes.length === 1 ? "1 община" : `${scopes.length} общини`;
          logger.info(
            `индексирани ${pages.length} страници (и поотделно за ${shown}) за ${Math.round(performance.now() - started)} ms`,
          );
        } finally {
          await pagefind.close();
        }
      },
    },
  };
}
