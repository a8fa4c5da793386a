/**
 * Lets the browser fetch a page's scripts in one round trip: for every module script of a
 * built page, the chunks it imports statically (and theirs) are announced with
 * `<link rel="modulepreload">` in the head. Without it the browser meets a shared chunk
 * (src/shared/html.ts, say) only once the script that imports it has arrived, one round
 * trip later — on a phone's network that delay is most of what the search page waits for.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";

const MODULE_SCRIPT = /<script type="module" src="(\/_astro\/[^"]+\.js)"><\/script>/g;
/** A static import as the bundler writes it: `import{a as b}from"./x.js"` or `import"./x.js"`. */
const STATIC_IMPORT = /\bimport\s*(?:[\w$*{},\s]+?\s*from\s*)?["'](\.\/[^"']+\.js)["']/g;

/** The chunks `script` (a path under the site's root) imports statically, and theirs, in order. */
export function staticImports(site: string, script: string, seen = new Set<string>()): string[] {
  const code = readFileSync(path.join(site, script), "utf8");
  const found: string[] = [];
  for (const [, relative] of code.matchAll(STATIC_IMPORT)) {
    const chunk = path.posix.join(path.posix.dirname(script), relative ?? "");
    if (seen.has(chunk)) continue;
    seen.add(chunk);
    found.push(chunk, ...staticImports(site, chunk, seen));
  }
  return found;
}

/** The page with a modulepreload link before `</head>` for each chunk its scripts import. */
export function withModulePreloads(site: string, html: string): string {
  const seen = new Set<string>();
  const chunks = [...html.matchAll(MODULE_SCRIPT)].flatMap(([, src]) => {
    seen.add(src ?? "");
    return staticImports(site, src ?? "", seen);
  });
  if (chunks.length === 0) return html;
  const links = chunks.map((c) => `<link rel="modulepreload" href="${c}">`).join("\n");
  return html.replace("</head>", `${links}\n</head>`);
}

export default function modulePreloadIntegration(): AstroIntegration {
  return {
    name: "harta:module-preload",
    hooks: {
      "astro:build:done": ({ dir }) => {
        const site = fileURLToPath(dir);
        for (const file of readdirSync(site, { recursive: true, encoding: "utf8" })) {
          if (!file.endsWith(".html")) continue;
          const page = path.join(site, file);
          const html = readFileSync(page, "utf8");
          const preloaded = withModulePreloads(site, html);
          if (preloaded !== html) writeFileSync(page, preloaded);
        }
      },
    },
  };
}
