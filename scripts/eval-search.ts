/**
 * `npm run eval:search`: the shared search evaluation against the built site (dist/),
 * in Chromium. Prints each query's top 3 and the score; exits 1 unless all pass.
 */
import { existsSync } from "node:fs";
import { launchBrowser, newPage } from "../tests/e2e/support/browser.ts";
import { evaluate } from "./lib/search-eval.ts";
import { serveStatic } from "./lib/static-server.ts";

if (!existsSync("dist/pagefind")) {
  console.error("Няма изграден сайт: изпълнете първо `npm run build`.");
  process.exit(2);
}
const server = await serveStatic("dist");
const browser = await launchBrowser();
try {
  const page = await newPage(browser);
  const outcomes = await evaluate(page, server.url);
  for (const o of outcomes) {
    const top = o.top.map((u) => new URL(u).pathname + new URL(u).hash).join("  ");
    console.log(`${o.pass ? "✓" : "✗"} ${o.q.padEnd(24)} ${top}`);
  }
  const passed = outcomes.filter((o) => o.pass).length;
  console.log(`\nsearch eval: ${passed}/${outcomes.length}`);
  process.exitCode = passed === outcomes.length ? 0 : 1;
} finally {
  await browser.close();
  await server.close();
}
