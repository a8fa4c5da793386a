/** Every chunk a page's script imports is announced in the page, so the browser fetches them together. */
import { describe, expect, it } from "vitest";
import { withModulePreloads } from "../../src/integrations/module-preload";
import { tempFolders } from "./support/temp-folders";

const site = tempFolders("harta-preload-");

const page = (scripts: string[]) =>
  `<html><head><title>т</title></head><body>${scripts.map((s) => `<script type="module" src="${s}"></script>`).join("")}</body></html>`;

describe("modulepreload links", () => {
  it("announce the chunks a script imports, and theirs, once each, in the head", () => {
    const dir = site({
      "_astro/search.js": 'import{n as e}from"./html.js";import"./render.js";console.log(e)',
      "_astro/render.js": 'import{n}from"./html.js";export const r=n;',
      "_astro/html.js": "export const n=1;",
      "_astro/form.js": 'import"./html.js";',
    });
    const html = withModulePreloads(dir, page(["/_astro/search.js", "/_astro/form.js"]));
    const links = [...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1]);
    expect(links).toEqual(["/_astro/html.js", "/_astro/render.js"]);
    expect(html.indexOf("modulepreload")).toBeLessThan(html.indexOf("</head>"));
  });

  it("leave a page whose scripts import nothing, or that has none, as it was", () => {
    const dir = site({ "_astro/alone.js": "console.log(1)" });
    for (const html of [page(["/_astro/alone.js"]), page([])]) expect(withModulePreloads(dir, html)).toBe(html);
  });
});
