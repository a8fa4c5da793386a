/**
 * `npm run eval:search`: the search evaluation sets against the built site (dist/), in
 * Chromium — the site's search and plain Pagefind on the same index, side by side. Prints
 * each query's top 3 and rank for both, and per set s@1 and s@3; exits 1 unless the site's
 * search answers every query in its top 3 and is at least as good as plain Pagefind.
 */
import { existsSync } from "node:fs";
import { launchBrowser, newPage } from "../tests/e2e/support/browser.ts";
import { evalSets, evaluate, score, scoreLine } from "./lib/search-eval.ts";
import { serveStatic } from "./lib/static-server.ts";

if (!existsSync("dist/pagefind")) {
  console.error("Няма изграден сайт: изпълнете първо `npm run build`.");
  process.exit(2);
}
const server = await serveStatic("dist");
const browser = await launchBrowser();
const verbose = process.argv.includes("--verbose");
try {
  const page = await newPage(browser);
  const { sets, missing } = evalSets();
  if (missing) console.log(missing);
  const lines: string[] = [];
  let ok = true;
  for (const set of sets) {
    const site = await evaluate(page, server.url, set, "site");
    const plain = await evaluate(page, server.url, set, "pagefind");
    console.log(`\n${set.name}\n  rank site/plain  query`);
    for (const [i, o] of site.entries()) {
      const p = plain[i];
      const mark = o.rank ? "✓" : "✗";
      const shown = (urls: string[]) => urls.map((u) => new URL(u).pathname).join("  ");
      console.log(`${mark} ${o.rank || "–"}/${p?.rank || "–"}  ${o.q}${o.m ? ` [m=${o.m}]` : ""}`);
      if (verbose || !o.rank) console.log(`      site: ${shown(o.top)}\n      plain: ${shown(p?.top ?? [])}`);
    }
    const s = score(site);
    const b = score(plain);
    lines.push(scoreLine(set.name, s, b));
    ok &&= s.at3 === s.of && s.at1 >= b.at1 && s.at3 >= b.at3;
  }
  console.log(`\n${lines.join("\n")}`);
  process.exitCode = ok ? 0 : 1;
} finally {
  await browser.close();
  await server.close();
}
