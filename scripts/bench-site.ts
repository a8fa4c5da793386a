/**
 * `npm run bench:site`: what each page template weighs (gzip bytes of HTML, CSS and
 * JS loaded on page load), what the search's first query costs, and how the build and
 * the search scale on a generated corpus of 1,000 services.
 *
 *   npm run bench:site                # the real site (builds it first if needed)
 *   npm run bench:site -- --services 200   # a smaller generated corpus
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { launchBrowser, newPage } from "../tests/e2e/support/browser.ts";
import { firstQuery, kB, weigh } from "./lib/page-weight.ts";
import { serveStatic } from "./lib/static-server.ts";

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== "--"),
  options: { services: { type: "string", default: "1000" } },
});
const CORPUS = Number(values.services);
const CHARTER_BUDGET = 20 * 1024;

const TEMPLATES: Record<string, string> = {
  home: "/",
  municipality: "/kovachevtsi/",
  charter: "/kostinbrod/harta/",
  "charter (long)": "/kovachevtsi/harta/",
  services: "/kostinbrod/uslugi/",
  service: "/kostinbrod/uslugi/dostap-do-obshtestvena-informatsiya/",
  "search (empty)": "/search/",
  "a-z": "/a-z/",
  privacy: "/lichni-danni/",
  "404": "/nyama-takava-stranitsa/",
};

function build(outDir: string, contentDir?: string): { ms: number; indexMs: number; pages: number } {
  const started = performance.now();
  const log = execFileSync("npx", ["astro", "build", "--outDir", outDir], {
    encoding: "utf8",
    env: { ...process.env, ...(contentDir ? { HARTA_CONTENT_DIR: contentDir } : {}), NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = performance.now() - started;
  const m = log.match(/индексирани (\d+) страници за (\d+) ms/);
  return { ms, indexMs: Number(m?.[2] ?? Number.NaN), pages: Number(m?.[1] ?? Number.NaN) };
}

const WORDS =
  "заявление удостоверение жалба сигнал предложение данък такса разрешение строителство регистрация адрес наследници собственост имот документ срок отговор гражданин услуга община кмет служител деловодство справка копие обжалване решение".split(
    " ",
  );

/** A valid service file with varied, deterministic text (no randomness: figures repeat). */
function generatedService(i: number): string {
  const municipality = i % 2 ? "kostinbrod" : "kovachevtsi";
  const pick = (k: number) => WORDS[(i * 7 + k * 13) % WORDS.length];
  const words = Array.from({ length: 120 }, (_, k) => pick(k)).join(" ");
  return `---
municipality: ${municipality}
title: Генерирана услуга ${i} – ${pick(1)} и ${pick(2)}
description: Служебна услуга ${i} за измерване на търсенето – ${pick(3)}, ${pick(4)}, ${pick(5)}.
topics: [${pick(6)}, ${pick(7)}]
---

${words}.

## Подробности

${words.split(" ").reverse().join(" ")}.
`;
}

const browser = await launchBrowser();
try {
  // 1. The real site.
  if (!existsSync("dist/pagefind")) build("dist");
  const site = await serveStatic("dist");
  const page = await newPage(browser);
  console.log("Page templates (gzip bytes loaded on page load)\n");
  console.log(
    `${"template".padEnd(16)}${"HTML".padStart(10)}${"CSS".padStart(10)}${"JS".padStart(10)}${"total".padStart(10)}`,
  );
  let charter = 0;
  for (const [name, url] of Object.entries(TEMPLATES)) {
    const w = await weigh(page, () => page.goto(`${site.url}${url}`));
    const total = w.html + w.css + w.js;
    if (name === "charter" || name === "charter (long)") charter = Math.max(charter, w.html + w.css);
    console.log(
      `${name.padEnd(16)}${kB(w.html).padStart(10)}${kB(w.css).padStart(10)}${kB(w.js).padStart(10)}${kB(total).padStart(10)}`,
    );
  }
  console.log(
    `\nCharter page HTML + CSS: ${kB(charter)} of a ${kB(CHARTER_BUDGET)} budget — ${charter <= CHARTER_BUDGET ? "within" : "OVER"} budget.`,
  );
  const q = await firstQuery(await newPage(browser), site.url, "жалби");
  console.log(
    `Search, first query ("жалби"): ${kB(q.bytes)} in ${q.requests} requests, ${Math.round(q.ms)} ms to the first result.`,
  );
  await site.close();

  // 2. A generated corpus.
  const work = mkdtempSync(path.join(tmpdir(), "harta-bench-"));
  try {
    const content = path.join(work, "content");
    cpSync("content", content, { recursive: true });
    for (let i = 1; i <= CORPUS; i++) {
      const dir = path.join(content, "services", i % 2 ? "kostinbrod" : "kovachevtsi");
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, `generirana-${i}.mdx`), generatedService(i));
    }
    const out = path.join(work, "dist");
    const b = build(out, content);
    console.log(
      `\nGenerated corpus: ${CORPUS} services, ${b.pages} pages indexed. Build + index: ${(b.ms / 1000).toFixed(1)} s (Pagefind indexing ${b.indexMs} ms).`,
    );
    const big = await serveStatic(out);
    const bq = await firstQuery(await newPage(browser), big.url, "жалби");
    console.log(
      `Search at that scale, first query ("жалби"): ${kB(bq.bytes)} in ${bq.requests} requests, ${Math.round(bq.ms)} ms to the first result.`,
    );
    await big.close();
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
} finally {
  await browser.close();
}
