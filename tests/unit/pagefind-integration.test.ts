/** The search index step fails the build loudly instead of shipping a site without search. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { AstroIntegrationLogger } from "astro";
import { afterEach, describe, expect, it } from "vitest";
import pagefind from "../../src/integrations/pagefind";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function site(pages: Record<string, string>): URL {
  const dir = mkdtempSync(path.join(tmpdir(), "harta-pagefind-"));
  dirs.push(dir);
  for (const [name, html] of Object.entries(pages)) writeFileSync(path.join(dir, name), html);
  return pathToFileURL(`${dir}/`);
}

const logged: string[] = [];
const logger = { info: (m: string) => logged.push(m) } as unknown as AstroIntegrationLogger;

async function runHook(dir: URL) {
  const hook = pagefind().hooks["astro:build:done"];
  if (!hook) throw new Error("no astro:build:done hook");
  // Only `dir` and `logger` are read by the hook.
  await hook({ dir, logger } as unknown as Parameters<typeof hook>[0]);
}

describe("the Pagefind build step", () => {
  it("indexes a built site and writes the bundle", async () => {
    const dir = site({
      "index.html": '<html lang="bg"><body><main data-pagefind-body><h1>Жалби</h1><p>Жалба</p></main></body></html>',
    });
    await runHook(dir);
    expect(logged.at(-1)).toMatch(/^индексирани 1 страници/);
  });

  it("fails the build when there is nothing to index", async () => {
    await expect(runHook(site({}))).rejects.toThrow(/Pagefind: индексирането на страниците се провали/);
  });
});
