/** The search index step fails the build loudly instead of shipping a site without search. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { AstroIntegrationLogger } from "astro";
import { describe, expect, it } from "vitest";
import pagefind from "../../src/integrations/pagefind";
import {
  FULL_INDEX,
  INDEX_FILES_ATTRIBUTE,
  type IndexStart,
  scopeIndexPath,
  startFiles,
} from "../../src/lib/search-scope";
import { tempFolders } from "./support/temp-folders";

const tempSite = tempFolders("harta-pagefind-");
const site = (pages: Record<string, string>): URL => pathToFileURL(`${tempSite(pages)}/`);

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

  it("writes each municipality an index of its own pages and the shared ones, without Pagefind's UI", async () => {
    const page = (scope: string | undefined, text: string) =>
      `<html lang="bg"><body><main data-pagefind-body${scope ? ` data-pagefind-filter="municipality:${scope}"` : ""}><h1>${text}</h1></main></body></html>`;
    const dir = site({
      "kostinbrod/index.html": page("kostinbrod", "Костинброд"),
      "kostinbrod/harta/index.html": page("kostinbrod", "Харта"),
      "kovachevtsi/index.html": page("kovachevtsi", "Ковачевци"),
      "lichni-danni/index.html": page(undefined, "Лични данни"),
      "a-z/index.html": '<html lang="bg"><body><main><h1>Не се индексира</h1></main></body></html>',
    });
    await runHook(dir);
    expect(logged.at(-1)).toMatch(/^индексирани 4 страници \(и поотделно за 2 общини\)/);
    const files = (p: string) => readdirSync(path.join(dir.pathname, "pagefind", p));
    expect(files("fragment")).toHaveLength(4);
    expect(files("scope/kostinbrod/fragment")).toHaveLength(3);
    expect(files("scope/kovachevtsi/fragment")).toHaveLength(2);
    expect(files("scope/kostinbrod").sort()).toEqual(
      expect.arrayContaining(["filter", "fragment", "index", "pagefind-entry.json", "wasm.unknown.pagefind"]),
    );
    expect(files("scope/kostinbrod").filter((f) => /ui|\.js$|\.css$/.test(f))).toEqual([]);
  });

  it("tells the search page how each index starts: files that exist, named by a hash that changes with the index", async () => {
    const page = (scope: string, text: string) =>
      `<html lang="bg"><body><main data-pagefind-body data-pagefind-filter="municipality:${scope}"><h1>${text}</h1></main></body></html>`;
    const searchPage = `<html lang="bg"><body><form ${INDEX_FILES_ATTRIBUTE}="{}"></form></body></html>`;
    const build = async (text: string) => {
      const dir = site({
        "a/index.html": page("a", text),
        "b/index.html": page("b", "Б"),
        "search/index.html": searchPage,
      });
      await runHook(dir);
      const html = readFileSync(path.join(dir.pathname, "search/index.html"), "utf8");
      const value = new RegExp(`${INDEX_FILES_ATTRIBUTE}="([^"]*)"`).exec(html)?.[1] ?? "";
      const starts = JSON.parse(value.replaceAll("&quot;", '"')) as Record<string, IndexStart>;
      return { dir, starts };
    };
    const { dir, starts } = await build("Жалби");
    expect(Object.keys(starts).sort()).toEqual(["", "a", "b"]);
    for (const [scope, start] of Object.entries(starts)) {
      const folder = path.join(dir.pathname, scope ? scopeIndexPath(scope) : FULL_INDEX);
      for (const file of startFiles(start))
        expect(existsSync(path.join(folder, file.split("?")[0] ?? "")), file).toBe(true);
    }
    const changed = await build("Сигнали");
    expect(changed.starts.a?.hash).not.toBe(starts.a?.hash);
    expect(changed.starts[""]?.hash).not.toBe(starts[""]?.hash);
    // b's own index holds no page of a: it keeps its name, and browsers their copy.
    expect(changed.starts.b?.hash).toBe(starts.b?.hash);
  });
});
