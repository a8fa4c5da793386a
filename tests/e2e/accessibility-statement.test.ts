/**
 * Each municipality's accessibility statement: reachable from every page's footer, its
 * facts and dates as content gives them, readable without JavaScript, free of axe
 * violations, and its ways to report a barrier lead where they say.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { axeViolations, useBrowser } from "./support/browser";

const base = inject("baseUrl");
const { withPage } = useBrowser();
const ROOT = path.resolve(import.meta.dirname, "../..");

interface Statement {
  status: string;
  reviewedOn: string;
  preparedOn: string;
  knownProblems: { problem: string }[];
  enforcement: { name: string };
}
const statement = (id: string) =>
  JSON.parse(readFileSync(path.join(ROOT, "content/accessibility", `${id}.json`), "utf8")) as Statement;
/** 2026-12-02 → 02.12.2026 г., as the page writes dates. */
const shown = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)} г.`;

const footerLink = "footer >> role=link[name='Декларация за достъпност']";

describe("the accessibility statement", () => {
  it.each(["kostinbrod", "kovachevtsi"])("of %s is linked from the footer of its pages, with its facts", (id) =>
    withPage(async (page) => {
      await page.goto(`${base}/${id}/uslugi/`);
      await page.locator(footerLink).click();
      await page.waitForURL(`${base}/${id}/dostapnost/`);
      const s = statement(id);
      const main = page.locator("main");
      await expect(main.locator("h1").textContent()).resolves.toBe("Декларация за достъпност");
      const text = (await main.allInnerTexts()).join(" ").replace(/\s+/g, " ");
      expect(text).toContain(`Последен преглед ${shown(s.reviewedOn)}`);
      expect(text).toContain(`Изготвена на ${shown(s.preparedOn)}`);
      expect(text).toContain(s.status === "partial" ? "в частично съответствие" : "съответствие");
      for (const problem of s.knownProblems) expect(text).toContain(problem.problem);
      expect(text).toContain(s.enforcement.name);
      expect(await axeViolations(page)).toEqual([]);
    }),
  );

  it("offers the signal form of the same municipality to report a barrier", () =>
    withPage(async (page) => {
      await page.goto(`${base}/kovachevtsi/dostapnost/`);
      await page.getByRole("link", { name: "сигнал през формата" }).click();
      await page.waitForURL(`${base}/kovachevtsi/signal/`);
      expect(await page.locator("h1").textContent()).toBe("Сигнал до Община Ковачевци");
    }));

  it("is reached from pages of no municipality through the list of statements", () =>
    withPage(async (page) => {
      await page.goto(`${base}/a-z/`);
      await page.locator(footerLink).click();
      await page.waitForURL(`${base}/dostapnost/`);
      await page.getByRole("link", { name: "Община Костинброд" }).click();
      await page.waitForURL(`${base}/kostinbrod/dostapnost/`);
    }));

  it("reads without JavaScript", () =>
    withPage(
      async (page) => {
        const response = await page.goto(`${base}/kostinbrod/dostapnost/`);
        expect(response?.status()).toBe(200);
        expect(await page.getByRole("heading", { name: "Процедура по прилагане" }).isVisible()).toBe(true);
      },
      { javaScriptEnabled: false },
    ));
});
