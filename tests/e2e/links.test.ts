/**
 * No dead ends inside the site: every internal link and fragment of every built page
 * leads somewhere — a page, a file, or an element with that id on the target page.
 * Addresses the Worker answers (forms' endpoints, receipts, the staff side) are asked
 * of the e2e server instead of the files.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";

const base = inject("baseUrl");
const DIST = path.resolve("dist");
const WORKER_PATHS = ["/api/", "/potvarzhdenie/", "/obratna-vrazka/", "/sluzhiteli/"];
/** A municipality's report, /<municipality>/otchet/…, which the Worker renders too. */
const REPORT_PATH = /^\/[a-z0-9-]+\/otchet(\/|$)/;

const pages = readdirSync(DIST, { recursive: true, encoding: "utf8" })
  .map((f) => f.split(path.sep).join("/"))
  .filter((f) => f.endsWith(".html") && !f.startsWith("harta-data/"));

/** The built file a path is served from, or null. */
function fileFor(pathname: string): string | null {
  const clean = decodeURIComponent(pathname);
  for (const candidate of [clean, path.posix.join(clean, "index.html")]) {
    const file = path.join(DIST, candidate);
    if (existsSync(file) && statSync(file).isFile()) return file;
  }
  return null;
}

const idsCache = new Map<string, Set<string>>();
function idsOf(file: string): Set<string> {
  let ids = idsCache.get(file);
  if (!ids) {
    const html = readFileSync(file, "utf8");
    ids = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => decodeEntities(m[1] ?? "")));
    idsCache.set(file, ids);
  }
  return ids;
}

const decodeEntities = (s: string) =>
  s
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">");

describe("internal links", () => {
  it("every link and fragment on every built page leads somewhere", async () => {
    expect(pages.length).toBeGreaterThan(20);
    const broken: string[] = [];
    const askWorker = new Set<string>();
    for (const page of pages) {
      const html = readFileSync(path.join(DIST, page), "utf8");
      const here = new URL(`/${page.replace(/index\.html$/, "")}`, "https://site.invalid");
      for (const match of html.matchAll(/\s(?:href|src|action)="([^"]*)"/g)) {
        const raw = decodeEntities(match[1] ?? "");
        if (/^(mailto:|tel:|data:|javascript:)/.test(raw)) continue;
        const url = new URL(raw, here);
        if (url.origin !== here.origin) continue;
        if (WORKER_PATHS.some((p) => url.pathname.startsWith(p)) || REPORT_PATH.test(url.pathname)) {
          askWorker.add(url.pathname);
          continue;
        }
        const target = fileFor(url.pathname);
        if (!target) {
          broken.push(`${page}: ${raw} (no such page)`);
          continue;
        }
        const id = decodeURIComponent(url.hash.slice(1));
        if (id && target.endsWith(".html") && !idsOf(target).has(id)) broken.push(`${page}: ${raw} (no id "${id}")`);
      }
    }
    for (const pathname of askWorker) {
      // A GET of a form's endpoint answers 404/405, of the staff side 303: anything but a 5xx or a
      // 404 from the static site means the Worker owns the address.
      const r = await fetch(`${base}${pathname}`, { redirect: "manual" });
      if (r.status >= 500) broken.push(`${pathname}: the Worker answers ${r.status}`);
    }
    expect(broken).toEqual([]);
  });
});
