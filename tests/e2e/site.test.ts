import { describe, expect, inject, it } from "vitest";
import { evaluate, searchAnswered, searchResults } from "../../scripts/lib/search-eval";
import { axeViolations, useBrowser } from "./support/browser";

const base = inject("baseUrl");
const { withPage } = useBrowser();

/** One URL per page template. */
const TEMPLATES = {
  home: "/",
  municipality: "/kovachevtsi/",
  charter: "/kostinbrod/harta/",
  services: "/kostinbrod/uslugi/",
  service: "/kostinbrod/uslugi/dostap-do-obshtestvena-informatsiya/",
  search: "/search/?q=жалби",
  "a-z": "/a-z/",
  privacy: "/lichni-danni/",
  "not found": "/nyama-takava-stranitsa/",
};

describe("a resident finds the charter", () => {
  it("goes home → municipality → charter", () =>
    withPage(async (page) => {
      await page.goto(`${base}/`);
      await page.getByRole("link", { name: "Община Ковачевци", exact: true }).click();
      await page.waitForURL(`${base}/kovachevtsi/`);
      expect(await page.getByRole("heading", { name: "Работно време" }).isVisible()).toBe(true);
      await page.getByRole("link", { name: "Харта на клиента на Община Ковачевци" }).click();
      await page.waitForURL(`${base}/kovachevtsi/harta/`);
      expect(await page.locator("h1").textContent()).toBe("Харта на клиента на Община Ковачевци");
      expect(await page.locator("main").textContent()).toContain("01.03.2006 г.");
    }));

  it("follows the table of contents to a section", () =>
    withPage(async (page) => {
      await page.goto(`${base}/kovachevtsi/harta/`);
      const toc = page.getByRole("navigation", { name: "Съдържание" });
      await toc.getByRole("link", { name: "Важно е да се знае:" }).click();
      await page.waitForURL((url) => url.hash !== "");
      const hash = decodeURIComponent(new URL(page.url()).hash);
      expect(hash).toBe("#важно-е-да-се-знае");
      expect(await page.locator(`[id="${hash.slice(1)}"]`).textContent()).toBe("Важно е да се знае:");
    }));
});

describe("search", () => {
  it('finds the complaint passage for "жалби" from the header search box', () =>
    withPage(async (page) => {
      await page.goto(`${base}/kostinbrod/harta/`);
      await page.getByRole("searchbox", { name: "Търсене в сайта" }).fill("жалби");
      await page.getByRole("searchbox", { name: "Търсене в сайта" }).press("Enter");
      await page.waitForURL((url) => decodeURIComponent(url.href) === `${base}/search/?q=жалби`);
      expect((await searchAnswered(page)).total).toBeGreaterThan(0);
      const first = page.locator("#search-results a.pf-result-link").first();
      await first.waitFor();
      // Pagefind's Component UI speaks Bulgarian (its strings come from us).
      expect(await page.locator("#search-results ul.pf-results").getAttribute("aria-label")).toBe(
        "Резултати от търсенето",
      );
      // Results can be re-ranked once more while they load: wait until the first one holds still.
      let href = await first.getAttribute("href");
      for (let settled = 0; settled < 3; ) {
        await page.waitForTimeout(200);
        const now = await first.getAttribute("href");
        settled = now === href ? settled + 1 : 0;
        href = now;
      }
      await first.focus();
      await page.keyboard.press("Enter");
      await page.waitForURL(`${base}${href}`);
      expect((await page.locator("main").textContent())?.toLowerCase()).toContain("жалба, оплакване или сигнал");
    }));

  it("says so plainly when nothing matches, and points to the A–Z index", () =>
    withPage(async (page) => {
      await page.goto(`${base}/search/?q=${encodeURIComponent("зеленчукопроизводство")}`);
      // The summary is the page's own word that the search has answered (however long it took).
      const { summary } = await searchAnswered(page);
      expect(summary).toContain("Няма резултати");
      expect(await page.locator("#search-results a.pf-result-link").count()).toBe(0);
      expect(
        await page
          .getByRole("link", { name: /теми от А до Я/ })
          .first()
          .isVisible(),
      ).toBe(true);
    }));

  it("indexes adjacent table cells as separate words (finds the phone after its label)", () =>
    withPage(async (page) => {
      const urls = await searchResults(page, base, "0721 68701");
      expect(urls.map((u) => new URL(u).pathname)).toContain("/kostinbrod/");
    }));

  it("passes every query of the shared evaluation set", () =>
    withPage(async (page) => {
      const outcomes = await evaluate(page, base);
      const failed = outcomes.filter((o) => !o.pass).map((o) => `${o.q}: ${o.top.join(", ")}`);
      expect(failed).toEqual([]);
      expect(outcomes.length).toBe(12);
    }));
});

describe("keyboard only", () => {
  it("reaches the skip link first and lands in the main content", () =>
    withPage(async (page) => {
      await page.goto(`${base}/kostinbrod/harta/`);
      await page.keyboard.press("Tab");
      const skip = page.locator(":focus");
      expect(await skip.textContent()).toBe("Към основното съдържание");
      expect(await skip.isVisible()).toBe(true);
      await page.keyboard.press("Enter");
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("main");
    }));

  it("tabs through the header in order, with a visible focus, and searches", () =>
    withPage(async (page) => {
      await page.goto(`${base}/`);
      const order: string[] = [];
      for (let i = 0; i < 7; i++) {
        await page.keyboard.press("Tab");
        order.push(
          await page.evaluate(() => {
            const el = document.activeElement as HTMLElement;
            const style = getComputedStyle(el);
            const visible = style.outlineStyle !== "none" || style.boxShadow !== "none";
            return `${el.tagName.toLowerCase()}:${(el.textContent || el.getAttribute("name") || "").trim()}:${visible}`;
          }),
        );
      }
      expect(order).toEqual([
        "a:Към основното съдържание:true",
        "a:Харта на клиента:true",
        "input:q:true",
        "button:Търсене:true",
        "a:Общини:true",
        "a:Теми от А до Я:true",
        "a:Лични данни:true",
      ]);
      await page.keyboard.press("Shift+Tab");
      await page.keyboard.press("Shift+Tab");
      await page.keyboard.press("Shift+Tab");
      await page.keyboard.press("Shift+Tab");
      await page.keyboard.type("корупция");
      await page.keyboard.press("Enter");
      await page.waitForURL((url) => url.pathname === "/search/");
      expect((await searchAnswered(page)).total).toBeGreaterThan(0);
      await page.locator("#search-results a.pf-result-link").first().waitFor();
      // From the search page's own box, Tab reaches the first result; Enter opens it.
      await page.locator("#search-q").focus();
      let onResult = false;
      for (let i = 0; i < 10 && !onResult; i++) {
        await page.keyboard.press("Tab");
        onResult = await page.evaluate(() => document.activeElement?.classList.contains("pf-result-link") ?? false);
      }
      expect(onResult).toBe(true);
      const href = await page.evaluate(() => document.activeElement?.getAttribute("href"));
      await page.keyboard.press("Enter");
      await page.waitForURL(`${base}${href}`);
    }));
});

describe("accessibility (axe-core, WCAG 2.2 A/AA)", () => {
  it.each(Object.entries(TEMPLATES))("%s page has no violations", (_name, url) =>
    withPage(async (page) => {
      await page.goto(`${base}${url}`);
      if (url.startsWith("/search/")) {
        await searchAnswered(page);
        await page.locator("#search-results a.pf-result-link").first().waitFor();
      }
      expect(await axeViolations(page)).toEqual([]);
    }),
  );
});

describe("without JavaScript", () => {
  it.each(Object.entries(TEMPLATES).filter(([name]) => name !== "search"))("the %s page reads fine", (_n, url) =>
    withPage(
      async (page) => {
        const response = await page.goto(`${base}${url}`);
        expect(response?.status()).toBe(url.startsWith("/nyama") ? 404 : 200);
        expect((await page.locator("h1").textContent())?.length).toBeGreaterThan(3);
        expect(await page.locator("main").isVisible()).toBe(true);
      },
      { javaScriptEnabled: false },
    ),
  );

  it("the search box leads to the A–Z index", () =>
    withPage(
      async (page) => {
        await page.goto(`${base}/kostinbrod/harta/`);
        await page.getByRole("searchbox", { name: "Търсене в сайта" }).fill("жалби");
        await page.getByRole("button", { name: "Търсене", exact: true }).click();
        await page.waitForURL(`${base}/a-z/`);
        expect(await page.locator("h1").textContent()).toBe("Теми от А до Я");
        expect(await page.getByRole("link", { name: "Община Костинброд" }).count()).toBeGreaterThan(0);
        // From there, without JavaScript, to the complaint form.
        await page
          .getByRole("listitem")
          .filter({ hasText: /^\s*Жалба:/ })
          .getByRole("link", { name: "формуляр – Община Костинброд" })
          .click();
        await page.waitForURL(`${base}/kostinbrod/zhalba/`);
        expect(await page.locator("h1").textContent()).toContain("Жалба");
      },
      { javaScriptEnabled: false },
    ));
});

describe("weight and print", () => {
  it("the charter page loads no JavaScript until the reader searches", () =>
    withPage(async (page) => {
      const scripts: string[] = [];
      page.on("request", (r) => {
        if (r.resourceType() === "script") scripts.push(r.url());
      });
      // By the load event the browser has requested everything the HTML refers to; with no
      // <script> element in the page, nothing can ask for more later.
      await page.goto(`${base}/kostinbrod/harta/`, { waitUntil: "load" });
      expect(scripts).toEqual([]);
      expect(await page.locator("script").count()).toBe(0);
    }));

  it("prints the charter without the site's header, search and footer", () =>
    withPage(async (page) => {
      await page.goto(`${base}/kovachevtsi/harta/`);
      await page.emulateMedia({ media: "print" });
      expect(await page.locator(".site-header").isVisible()).toBe(false);
      expect(await page.locator(".site-footer").isVisible()).toBe(false);
      expect(await page.getByText("едномесечен срок").first().isVisible()).toBe(true);
    }));
});
