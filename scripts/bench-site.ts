/**
 * `npm run bench:site`: what each page template weighs (gzip bytes of HTML, CSS and
 * JS loaded on page load), what the search's first query costs, and how the build and
 * the search scale on a generated corpus of 1,000 services.
 *
 *   npm run bench:site                # the real site (builds it first if needed)
 *   npm run bench:site -- --services 200   # a smaller generated corpus
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { launchBrowser, newPage } from "../tests/e2e/support/browser.ts";
import { createSandbox } from "../tests/unit/support/sandbox.ts";
import { firstQuery, kB, weigh } from "./lib/page-weight.ts";
import { serveStatic } from "./lib/static-server.ts";
import { TEMPLATES } from "./lib/templates.ts";

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== "--"),
  options: { services: { type: "string", default: "1000" } },
});
const CORPUS = Number(values.services);
const CHARTER_BUDGET = 20 * 1024;

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
  if (!existsSync("dist/pagefind")) execFileSync("npx", ["astro", "build"], { stdio: "inherit" });
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

  // 2. A generated corpus, built in a sandbox copy of the project with its own caches,
  // so neither run sees the other's content store.
  const sandbox = createSandbox();
  try {
    for (let i = 1; i <= CORPUS; i++) {
      const dir = path.join(sandbox.content, "services", i % 2 ? "kostinbrod" : "kovachevtsi");
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, `generirana-${i}.mdx`), generatedService(i));
    }
    const started = performance.now();
    const result = await sandbox.astro("build");
    const ms = performance.now() - started;
    if (result.code !== 0) throw new Error(`the generated corpus did not build:\n${result.output}`);
    const indexed = result.output.match(/индексирани (\d+) страници за (\d+) ms/);
    console.log(
      `\nGenerated corpus: ${CORPUS} services, ${indexed?.[1]} pages indexed. Build + index: ${(ms / 1000).toFixed(1)} s (Pagefind indexing ${indexed?.[2]} ms).`,
    );
    const big = await serveStatic(path.join(sandbox.root, "dist"));
    // A browser left idle through a long build may be gone by now: the query gets a fresh one.
    const fresh = browser.isConnected() ? browser : await launchBrowser();
    const bq = await firstQuery(await newPage(fresh), big.url, "жалби");
    if (fresh !== browser) await fresh.close();
    console.log(
      `Search at that scale, first query ("жалби"): ${kB(bq.bytes)} in ${bq.requests} requests, ${Math.round(bq.ms)} ms to the first result.`,
    );
    await big.close();
  } finally {
    sandbox.remove();
  }
} finally {
  await browser.close();
}
