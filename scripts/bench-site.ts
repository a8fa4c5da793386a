/**
 * `npm run bench:site`: what each page template weighs (gzip bytes of HTML, CSS and JS
 * loaded on page load) and how much it moves (cumulative layout shift, the Layout
 * Instability API in Chromium), what a resident's first search costs beside Pagefind's
 * own floor, and how the build and the search scale on generated content.
 *
 *   npm run bench:site                          # the real site, then +1,000 services
 *   npm run bench:site -- --services 200        # a smaller generated corpus
 *   npm run bench:site -- --municipalities 265  # national scale: 265 municipalities, each
 *                                               # with a charter and 40 services
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Browser } from "playwright-core";
import { interpret, plan } from "../src/lib/search-query.ts";
import { launchBrowser, newPage } from "../tests/e2e/support/browser.ts";
import { createSandbox, REPO } from "../tests/unit/support/sandbox.ts";
import { layoutShift } from "./lib/layout-shift.ts";
import { firstQuery, kB, pagefindFloor, weigh } from "./lib/page-weight.ts";
import { watchMemory } from "./lib/processes.ts";
import { serveStatic } from "./lib/static-server.ts";
import { TEMPLATES } from "./lib/templates.ts";

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== "--"),
  options: { services: { type: "string", default: "1000" }, municipalities: { type: "string" } },
});
const CHARTER_BUDGET = 20 * 1024;
const QUERY = "жалби";
/** What the search page asks Pagefind for it (its first step), which the floor asks too. */
const PAGEFIND_QUERY = plan(
  interpret(QUERY, JSON.parse(readFileSync(path.join(REPO, "content/search/synonyms.json"), "utf8"))),
)[0]?.queries[0]?.query as string;

const WORDS =
  "заявление удостоверение жалба сигнал предложение данък такса разрешение строителство регистрация адрес наследници собственост имот документ срок отговор гражданин услуга община кмет служител деловодство справка копие обжалване решение".split(
    " ",
  );

/** A valid service file with varied, deterministic text (no randomness: figures repeat). */
function generatedService(i: number, municipality: string): string {
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

/** A browser that survived a long build, or a fresh one. */
const alive = async (browser: Browser) => (browser.isConnected() ? browser : launchBrowser());

/** Each first query runs this many times, each in a fresh browser context: the time is their median. */
const RUNS = 5;

/** The first query in one scope, the site's and Pagefind's floor, printed side by side. */
async function querySideBySide(browser: Browser, url: string, label: string, scope?: string) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const page = await newPage(browser);
    runs.push(await firstQuery(page, url, QUERY, scope));
    await page.context().close();
  }
  const site = runs[0] ?? { bytes: 0, ms: 0 };
  const times = runs.map((r) => Math.round(r.ms)).sort((a, b) => a - b);
  const floor = await pagefindFloor(await newPage(browser), url, PAGEFIND_QUERY, scope);
  console.log(
    `${label.padEnd(34)}${kB(site.bytes).padStart(10)}${kB(floor.bytes).padStart(10)}${`+${kB(site.bytes - floor.bytes)}`.padStart(11)}${`${times[Math.floor(RUNS / 2)]} ms`.padStart(10)}   (${times.join(", ")})`,
  );
}

const QUERY_HEADER = `${"first query".padEnd(34)}${"site".padStart(10)}${"floor".padStart(10)}${"above".padStart(11)}${"result".padStart(10)}   (each run, ms from the last keystroke)`;

function directorySize(dir: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const name of readdirSync(dir, { recursive: true, encoding: "utf8" })) {
    const s = statSync(path.join(dir, name));
    if (s.isFile()) {
      bytes += s.size;
      files += 1;
    }
  }
  return { bytes, files };
}

/** Builds the sandbox, timing it and sampling the memory of the build and Pagefind. */
function timedBuild(root: string, content: string) {
  return new Promise<{ ms: number; peak: number; output: string; code: number }>((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, [path.join(REPO, "node_modules/astro/bin/astro.mjs"), "build"], {
      cwd: root,
      env: { ...process.env, NO_COLOR: "1", ASTRO_TELEMETRY_DISABLED: "1", HARTA_CONTENT_DIR: content },
    });
    const memory = watchMemory(child.pid ?? 0);
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("close", (code) =>
      resolve({ ms: performance.now() - started, peak: memory.stop(), output, code: code ?? 1 }),
    );
  });
}

async function realSite(browser: Browser) {
  if (!existsSync("dist/pagefind")) execFileSync("npx", ["astro", "build"], { stdio: "inherit" });
  const site = await serveStatic("dist");
  const page = await newPage(browser);
  const moving = await newPage(browser);
  console.log("Page templates (gzip bytes loaded on page load; CLS: cumulative layout shift)\n");
  console.log(
    `${"template".padEnd(16)}${"HTML".padStart(10)}${"CSS".padStart(10)}${"JS".padStart(10)}${"total".padStart(10)}${"CLS".padStart(8)}`,
  );
  let charter = 0;
  for (const [name, url] of Object.entries(TEMPLATES)) {
    const w = await weigh(page, () => page.goto(`${site.url}${url}`));
    const shift = await layoutShift(moving, `${site.url}${url}`, async () => {
      if (url.includes("?q=")) await moving.locator("#search-answer[data-answered]").waitFor();
    });
    const total = w.html + w.css + w.js;
    if (name === "charter" || name === "charter (long)") charter = Math.max(charter, w.html + w.css);
    console.log(
      `${name.padEnd(16)}${kB(w.html).padStart(10)}${kB(w.css).padStart(10)}${kB(w.js).padStart(10)}${kB(total).padStart(10)}${shift.toFixed(3).padStart(8)}`,
    );
  }
  console.log(
    `\nCharter page HTML + CSS: ${kB(charter)} of a ${kB(CHARTER_BUDGET)} budget — ${charter <= CHARTER_BUDGET ? "within" : "OVER"} budget.`,
  );
  console.log(`\nSearch, first query ("${QUERY}", typed; gzip bytes from opening the search page):\n`);
  console.log(QUERY_HEADER);
  await querySideBySide(browser, site.url, "all municipalities", undefined);
  await querySideBySide(browser, site.url, "from Община Костинброд (m=)", "kostinbrod");
  await site.close();
}

async function generatedServices(browser: Browser, count: number) {
  // Built in a sandbox copy of the project with its own caches, so neither run sees the
  // other's content store.
  const sandbox = createSandbox();
  try {
    for (let i = 1; i <= count; i++) {
      const municipality = i % 2 ? "kostinbrod" : "kovachevtsi";
      const dir = path.join(sandbox.content, "services", municipality);
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, `generirana-${i}.mdx`), generatedService(i, municipality));
    }
    const build = await timedBuild(sandbox.root, sandbox.content);
    if (build.code !== 0) throw new Error(`the generated corpus did not build:\n${build.output}`);
    const indexed = build.output.match(/индексирани (\d+) страници.*? за (\d+) ms/);
    console.log(
      `\n+${count} services: ${indexed?.[1]} pages indexed. Build + index: ${(build.ms / 1000).toFixed(1)} s (Pagefind ${indexed?.[2]} ms).\n`,
    );
    const big = await serveStatic(path.join(sandbox.root, "dist"));
    const fresh = await alive(browser);
    console.log(QUERY_HEADER);
    await querySideBySide(fresh, big.url, "all municipalities", undefined);
    await querySideBySide(fresh, big.url, "from Община Костинброд (m=)", "kostinbrod");
    if (fresh !== browser) await fresh.close();
    await big.close();
  } finally {
    sandbox.remove();
  }
}

/** 265 municipalities (the two real ones and generated ones), each with a charter and 40 services. */
async function nationalScale(browser: Browser, count: number) {
  const sandbox = createSandbox();
  try {
    const template = JSON.parse(sandbox.read("municipalities/kovachevtsi.json"));
    const charter = sandbox.read("charters/kovachevtsi.mdx");
    const statement = sandbox.read("accessibility/kovachevtsi.json");
    const ids = ["kostinbrod", "kovachevtsi"];
    for (let n = 1; ids.length < count; n++) {
      const id = `obshtina-${String(n).padStart(3, "0")}`;
      const name = `Община Пробна ${n}`;
      const data = JSON.parse(
        JSON.stringify(template).replaceAll("kovachevtsi", id).replaceAll("Ковачевци", `Пробна ${n}`),
      );
      data.registryIndex = `94-${String(n).padStart(3, "0")}`;
      sandbox.write(`municipalities/${id}.json`, `${JSON.stringify({ ...data, name }, null, 2)}\n`);
      sandbox.write(`charters/${id}.mdx`, charter.replaceAll("kovachevtsi", id).replaceAll("Ковачевци", `Пробна ${n}`));
      sandbox.write(`accessibility/${id}.json`, statement.replaceAll("kovachevtsi", id));
      ids.push(id);
    }
    let i = 0;
    for (const id of ids) {
      const have = existsSync(sandbox.file(`services/${id}`)) ? readdirSync(sandbox.file(`services/${id}`)).length : 0;
      mkdirSync(sandbox.file(`services/${id}`), { recursive: true });
      for (let k = have; k < 40; k++) sandbox.write(`services/${id}/generirana-${++i}.mdx`, generatedService(i, id));
    }
    const build = await timedBuild(sandbox.root, sandbox.content);
    if (build.code !== 0) throw new Error(`the national corpus did not build:\n${build.output.slice(-4000)}`);
    const indexed = build.output.match(/индексирани (\d+) страници.*? за (\d+) ms/);
    const dist = path.join(sandbox.root, "dist");
    const all = directorySize(path.join(dist, "pagefind"));
    const scope = directorySize(path.join(dist, "pagefind/scope"));
    console.log(
      `\nNational scale: ${ids.length} municipalities, ${i} generated services (40 each), ${indexed?.[1]} pages indexed.`,
    );
    console.log(
      `Build + index: ${(build.ms / 1000).toFixed(1)} s (Pagefind ${((Number(indexed?.[2]) || 0) / 1000).toFixed(1)} s); memory peak ${(build.peak / 1024 / 1024).toFixed(0)} MB (Astro and Pagefind together).`,
    );
    console.log(
      `Index on disk: ${(all.bytes / 1024 / 1024).toFixed(1)} MB in ${all.files} files, of which the ${ids.length} municipalities' own indexes ${(scope.bytes / 1024 / 1024).toFixed(1)} MB in ${scope.files} files.\n`,
    );
    const big = await serveStatic(dist);
    const fresh = await alive(browser);
    console.log(QUERY_HEADER);
    await querySideBySide(fresh, big.url, "all municipalities", undefined);
    await querySideBySide(fresh, big.url, "from Община Костинброд (m=)", "kostinbrod");
    if (ids.includes("obshtina-100"))
      await querySideBySide(fresh, big.url, "from Община Пробна 100 (m=)", "obshtina-100");
    if (fresh !== browser) await fresh.close();
    await big.close();
  } finally {
    sandbox.remove();
  }
}

const browser = await launchBrowser();
try {
  if (values.municipalities) {
    await nationalScale(browser, Number(values.municipalities));
  } else {
    await realSite(browser);
    await generatedServices(browser, Number(values.services));
  }
} finally {
  await browser.close();
}
