/**
 * The built pages speak to residents: what is meant for editors or for us says so or is
 * not there, and the home page's cards look like cards. One build of the committed
 * content, in a sandbox so it does not race a build in the repository.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createSandbox, type Sandbox } from "./support/sandbox.ts";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = createSandbox();
  const { code, output } = await sandbox.astro("build");
  if (code !== 0) throw new Error(output);
}, 120_000);
afterAll(() => sandbox?.remove());

const page = (url: string) => readFileSync(path.join(sandbox.root, "dist", url, "index.html"), "utf8");

/** The visible text of the page's <main>, tags dropped. */
const mainText = (html: string) =>
  (html.match(/<main[^>]*>([\s\S]*)<\/main>/)?.[1] ?? "").replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

/** Every built service page, as URLs. */
function servicePages(): string[] {
  const dist = path.join(sandbox.root, "dist");
  return readdirSync(dist, { recursive: true, encoding: "utf8" })
    .filter((file) => /^[^/]+\/uslugi\/[^/]+\/index\.html$/.test(file.split(path.sep).join("/")))
    .map((file) => path.dirname(file));
}

/** The site's stylesheet as built, with its rules as [selector, declarations] pairs. */
function builtRules(): [string, string][] {
  const assets = path.join(sandbox.root, "dist/_astro");
  const css = readdirSync(assets)
    .filter((name) => name.endsWith(".css"))
    .map((name) => readFileSync(path.join(assets, name), "utf8"))
    .join("\n")
    .replace(/\/\*[\s\S]*?\*\//g, "");
  return [...css.matchAll(/([^{}]+)\{([^{}]*)\}/g)].flatMap(([, selectors = "", body = ""]) =>
    selectors.split(",").map((selector): [string, string] => [selector.trim().replace(/\s+/g, " "), body]),
  );
}

describe("pages for residents", () => {
  test("the edit link says it is for editors and is set apart from the resident's feedback", () => {
    const html = page("kostinbrod/uslugi/predlozheniya");
    expect(html).not.toContain("Предложете промяна");
    const link = html.match(/<p class="page-meta-editors">\s*<a href="([^"]+)">([\s\S]*?)<\/a>/);
    expect(link, "no edit link in a .page-meta-editors paragraph").not.toBeNull();
    expect(link?.[1]).toMatch(/\/edit\/[^/]+\/content\/services\/kostinbrod\/predlozheniya\.mdx$/);
    expect(link?.[2]).toContain("За редактори: редактирайте тази страница в GitHub");
    // Secondary: smaller than the text around it, and after the feedback form.
    const rule = builtRules().find(([selector]) => selector.endsWith(".page-meta-editors"));
    expect(rule?.[1]).toMatch(/font-size:\s*0?\.\d+rem/);
    expect(html.indexOf("page-meta-editors")).toBeGreaterThan(html.indexOf("Полезна ли беше тази страница"));
  });

  test("the home page styles only the cards themselves, not the links listed inside them", () => {
    // The nested list the bug hit is still there.
    expect(page("")).toMatch(/<ul class="cards">\s*<li>[\s\S]*?<ul>\s*<li>/);
    const cardRules = builtRules().filter(([selector]) => /\.cards\b.*\bli\b/.test(selector));
    expect(cardRules.length).toBeGreaterThan(0);
    for (const [selector] of cardRules) expect(selector).toMatch(/^\.cards ?> ?li$/);
  });

  test("service pages do not tell residents how the form is built", () => {
    const pages = servicePages();
    expect(pages.length).toBeGreaterThanOrEqual(8);
    const withForm = pages.filter((url) => page(url).includes("онлайн</a>"));
    expect(withForm.length).toBeGreaterThan(0);
    for (const url of pages) expect(mainText(page(url)), url).not.toContain("JavaScript");
  });
});
