/**
 * `npm run bench:lighthouse`: Lighthouse 12 (mobile, its default throttling) on each page
 * template against the built site and the Worker on a throwaway `wrangler dev` (the runtime
 * `npm start` uses, with a local D1 of its own), and prints the four category scores and the cumulative layout shift
 * per template. A benchmark, not a test: scores move a little between runs, so
 * `--runs 3` takes each template's median run.
 *
 *   npm run build && npm run bench:lighthouse
 *   npm run bench:lighthouse -- --runs 3
 *   npm run bench:lighthouse -- --url http://localhost:8787   # a server already running
 *
 * Lighthouse is fetched by npx at the pinned version the first time (it is large and
 * nothing else needs it, so it stays out of the project's dependencies).
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs, promisify } from "node:util";
import { freePort } from "./lib/ports.ts";
import { TEMPLATES } from "./lib/templates.ts";
import { startServer, stopServer } from "./lib/wrangler-dev.ts";

const LIGHTHOUSE = "lighthouse@12.2.3";
const CHROME = process.env.CHROME_PATH ?? "/usr/bin/chromium";
const ROOT = path.resolve(import.meta.dirname, "..");
const run = promisify(execFile);

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== "--"),
  options: { runs: { type: "string", default: "1" }, url: { type: "string" } },
});
const RUNS = Math.max(1, Number(values.runs) || 1);

/** Every template but the 404 page, which Lighthouse refuses to score. */
const PAGES = Object.fromEntries(Object.entries(TEMPLATES).filter(([name]) => name !== "404"));

interface Scores {
  performance: number;
  accessibility: number;
  "best-practices": number;
  seo: number;
  cls: number;
}

async function lighthouse(url: string): Promise<Scores> {
  const { stdout } = await run(
    "npx",
    [
      "--yes",
      LIGHTHOUSE,
      url,
      "--quiet",
      "--output=json",
      "--output-path=stdout",
      "--only-categories=performance,accessibility,best-practices,seo",
      "--chrome-flags=--headless=new --no-sandbox",
    ],
    { env: { ...process.env, CHROME_PATH: CHROME }, maxBuffer: 64 * 1024 * 1024 },
  );
  const report = JSON.parse(stdout) as {
    categories: Record<string, { score: number | null }>;
    audits: Record<string, { numericValue?: number }>;
  };
  const score = (id: string) => Math.round((report.categories[id]?.score ?? 0) * 100);
  return {
    performance: score("performance"),
    accessibility: score("accessibility"),
    "best-practices": score("best-practices"),
    seo: score("seo"),
    cls: report.audits["cumulative-layout-shift"]?.numericValue ?? Number.NaN,
  };
}

/**
 * One run, repeated (at most twice) when Lighthouse itself fails to record the page — it
 * says "Runtime error encountered" (NO_NAVSTART, a lost trace) now and then on a busy machine.
 */
async function lighthouseRun(url: string, attempt = 1): Promise<Scores> {
  try {
    return await lighthouse(url);
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? "");
    const runtime = /Runtime error encountered: (.*)/.exec(stderr);
    if (!runtime || attempt >= 3) throw error;
    const code = /\(([A-Z_]+)\)\s*$/.exec(runtime[1] ?? "")?.[1] ?? runtime[1];
    console.log(`  (${new URL(url).pathname}: run repeated, Lighthouse failed to record it: ${code})`);
    return lighthouseRun(url, attempt + 1);
  }
}

const median = (runs: Scores[]): Scores =>
  [...runs].sort((a, b) => a.performance - b.performance)[Math.floor(runs.length / 2)] as Scores;

/** The server to measure: the one given, or a throwaway `wrangler dev` of the built site. */
async function server(): Promise<{ url: string; stop: () => Promise<void> }> {
  if (values.url) return { url: values.url.replace(/\/$/, ""), stop: async () => {} };
  if (!existsSync(path.join(ROOT, "dist/index.html"))) throw new Error("dist/ is missing: run `npm run build` first");
  const dev = await startServer(path.join(ROOT, "wrangler.toml"), await freePort("127.0.0.1"), "/");
  return { url: dev.url, stop: () => stopServer(dev) };
}

const site = await server();
try {
  console.log(
    `Lighthouse 12.2.3, mobile, ${RUNS} run(s) per template (median by performance); ` +
      `${os.cpus().length} cores, ${os.cpus()[0]?.model ?? "unknown CPU"}, ${new Date().toISOString().slice(0, 10)}`,
  );
  console.log(`${"template".padEnd(18)} perf  a11y  best  seo   CLS`);
  let failing = 0;
  for (const [name, pathname] of Object.entries(PAGES)) {
    const runs: Scores[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await lighthouseRun(site.url + pathname));
    const s = median(runs);
    const meets = s.accessibility === 100 && s["best-practices"] === 100 && s.seo === 100 && s.performance >= 95;
    if (!meets) failing++;
    console.log(
      `${name.padEnd(18)} ${String(s.performance).padStart(4)}  ${String(s.accessibility).padStart(4)}  ` +
        `${String(s["best-practices"]).padStart(4)}  ${String(s.seo).padStart(4)}  ${s.cls.toFixed(3)}` +
        (RUNS > 1 ? `   (performance ${runs.map((r) => r.performance).join(", ")})` : "") +
        (meets ? "" : "   below target (100/100/100, performance ≥ 95)"),
    );
  }
  console.log(failing ? `${failing} template(s) below target` : "every template meets the target");
} finally {
  await site.stop();
}
