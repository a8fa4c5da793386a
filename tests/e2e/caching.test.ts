/**
 * Caching that fits the files, as the real runtime (wrangler dev, public/_headers) sends
 * it: fingerprinted files for a year, immutable; what keeps its name across builds
 * (HTML, pagefind.js, its entry file and WebAssembly) revalidated every time.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";

const base = inject("baseUrl");
const cacheOf = async (p: string) => {
  const r = await fetch(`${base}${p}`);
  expect(r.status, p).toBe(200);
  return r.headers.get("cache-control") ?? "";
};
const first = (dir: string, suffix: string) => {
  const name = readdirSync(path.resolve("dist", dir)).find((f) => f.endsWith(suffix));
  if (!name) throw new Error(`no ${suffix} in dist/${dir}`);
  return `/${dir}/${name}`;
};

describe("Cache-Control", () => {
  it("fingerprinted files: a year, immutable", async () => {
    for (const file of [
      first("_astro", ".css"),
      first("_astro", ".js"),
      first("pagefind/index", ".pf_index"),
      first("pagefind/fragment", ".pf_fragment"),
      first("pagefind", ".pf_meta"),
      first("pagefind/scope/kostinbrod/index", ".pf_index"),
      first("pagefind/scope/kostinbrod/fragment", ".pf_fragment"),
      first("pagefind/scope/kostinbrod/filter", ".pf_filter"),
      first("pagefind/scope/kostinbrod", ".pf_meta"),
    ]) {
      expect(await cacheOf(file), file).toBe("public, max-age=31536000, immutable");
    }
  });

  it("files that keep their name are revalidated", async () => {
    for (const file of [
      "/",
      "/kostinbrod/harta/",
      "/pagefind/pagefind.js",
      "/pagefind/pagefind-entry.json",
      "/pagefind/wasm.unknown.pagefind",
      "/pagefind/scope/kostinbrod/pagefind-entry.json",
      "/pagefind/scope/kostinbrod/wasm.unknown.pagefind",
    ]) {
      const value = await cacheOf(file);
      expect(value, file).not.toContain("immutable");
      expect(value, file).toMatch(/max-age=0|no-cache|must-revalidate/);
    }
  });
});
