import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { layoutShift } from "../../scripts/lib/layout-shift";
import { evalSets, evaluate, score, scoreLine, searchAnswered, searchResults } from "../../scripts/lib/search-eval";
import { searchPath } from "../../src/lib/search-scope";
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
  "a-z (municipality)": "/kovachevtsi/a-z/",
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
  /** The site's results for a query: address, title and municipality of each, best first. */
  async function resultsFor(page: Page, query: string, m?: string) {
    await page.goto(`${base}${searchPath(query, m)}`);
    const { summary } = await searchAnswered(page);
    const items = await page.locator("#search-results > li").evaluateAll((lis) =>
      lis.map((li) => ({
        path: new URL((li.querySelector("a.result-link") as HTMLAnchorElement).href).pathname,
        title: li.querySelector("h2")?.textContent ?? "",
        where: li.querySelector(".result-where")?.textContent ?? "",
        marks: [...li.querySelectorAll("mark")].map((m) => m.textContent ?? ""),
        section: (li.querySelector("a.result-section-link") as HTMLAnchorElement | null)?.getAttribute("href") ?? "",
      })),
    );
    return { summary, items };
  }

  it('finds the complaint passage for "жалби" from the header search box, in that municipality', () =>
    withPage(async (page) => {
      await page.goto(`${base}/kostinbrod/harta/`);
      await page.getByRole("searchbox", { name: "Търсене в сайта" }).fill("жалби");
      await page.getByRole("searchbox", { name: "Търсене в сайта" }).press("Enter");
      await page.waitForURL((url) => decodeURIComponent(url.href) === `${base}/search/?q=жалби&m=kostinbrod`);
      const { total, summary } = await searchAnswered(page);
      expect(total).toBeGreaterThan(0);
      expect(summary).toContain("в Община Костинброд");
      expect(await page.getByLabel("Къде да търсим").inputValue()).toBe("kostinbrod");
      const first = page.locator("#search-results a.result-link").first();
      const href = await first.getAttribute("href");
      expect(href).toMatch(/^\/kostinbrod\//);
      await first.focus();
      await page.keyboard.press("Enter");
      await page.waitForURL(`${base}${href}`);
      expect((await page.locator("main").textContent())?.toLowerCase()).toMatch(/жалб/);
    }));

  it("a resident of one municipality gets its pages first; one choice searches all", () =>
    withPage(async (page) => {
      for (const [m, other] of [
        ["kostinbrod", "kovachevtsi"],
        ["kovachevtsi", "kostinbrod"],
      ] as const) {
        for (const query of ["такса", "работно време", "жалба", "удостоверение"]) {
          const { items } = await resultsFor(page, query, m);
          expect(items.length, `${query} in ${m}`).toBeGreaterThan(0);
          expect(items[0]?.path, `${query} in ${m}`).toMatch(new RegExp(`^/${m}/`));
          expect(items.some((i) => i.path.startsWith(`/${other}/`))).toBe(false);
        }
      }
      await page.getByLabel("Къде да търсим").selectOption("");
      await page.waitForURL((url) => !url.searchParams.has("m"));
      await page.locator("#search-answer[data-answered]").waitFor();
      const paths = await page
        .locator("#search-results a.result-link")
        .evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
      expect(paths.some((p) => p.startsWith("/kostinbrod/"))).toBe(true);
      expect(paths.some((p) => p.startsWith("/kovachevtsi/"))).toBe(true);
    }));

  it("the empty search page and the A–Z link keep to the municipality", () =>
    withPage(async (page) => {
      await page.goto(`${base}/search/?m=kovachevtsi`);
      expect(await page.getByLabel("Къде да търсим").inputValue()).toBe("kovachevtsi");
      const az = page.getByRole("link", { name: "всички теми от А до Я" });
      await expect.poll(() => az.getAttribute("href")).toBe("/kovachevtsi/a-z/");
      const example = page.getByRole("link", { name: "работно време", exact: true });
      expect(await example.getAttribute("href")).toContain("m=kovachevtsi");
      await page.goto(`${base}/kovachevtsi/uslugi/`);
      expect(
        await page
          .getByRole("navigation", { name: "Основна навигация" })
          .getByRole("link", { name: "Теми от А до Я" })
          .getAttribute("href"),
      ).toBe("/kovachevtsi/a-z/");
    }));

  it.each([
    ["в колко часа отваря", "от 8.30 до 17.00", "„в колко часа“ търсим като „работно време“"],
    ["до кога ще ми отговорят", "едномесечен срок", "„до кога“ търсим като „срок“"],
    ["обидни думи", "обидни изказвания", "показваме резултати за"],
    ["искам да се оплача от служител", "оплаквания", "показваме резултати за"],
  ])("„%s“ finds the page that answers it, and says how it read the words", (query, phrase, said) =>
    withPage(async (page) => {
      const { summary, items } = await resultsFor(page, query);
      expect(summary).toContain(said);
      const texts = await Promise.all(
        items.slice(0, 3).map(async (i) => (await (await page.request.get(`${base}${i.path}`)).text()).toLowerCase()),
      );
      expect(texts.some((t) => t.includes(phrase))).toBe(true);
    }),
  );

  it("finds the certificates residents ask for, with what is known and where to ask the rest", () =>
    withPage(async (page) => {
      const { items } = await resultsFor(page, "удостоверение", "kostinbrod");
      const titles = items.map((i) => i.title);
      for (const title of [
        "Удостоверение за наследници",
        "Удостоверение за настоящ адрес",
        "Удостоверение за постоянен адрес",
        "Удостоверение за наличие или липса на задължения по ЗМДТ",
      ]) {
        expect(titles).toContain(title);
      }
      await page.goto(`${base}/kostinbrod/uslugi/udostoverenie-za-naslednitsi/`);
      const main = (await page.locator("main").textContent()) ?? "";
      expect(main).toContain("услуга № 2016 в регистъра на административните услуги");
      expect(main).toMatch(/Такса\s*Не е посочено/);
      expect(main).toContain("Попитайте Община Костинброд на тел. 0721 68701");
    }));

  it("lists each page once, names its municipality and marks the words searched for, never little words", () =>
    withPage(async (page) => {
      const { items } = await resultsFor(page, "жалби и сигнали");
      expect(items.length).toBeGreaterThan(2);
      expect(new Set(items.map((i) => i.path)).size).toBe(items.length);
      const complaints = items.filter((i) => i.title === "Жалби и сигнали").map((i) => i.where);
      expect(complaints.sort()).toEqual(["Община Ковачевци", "Община Костинброд"]);
      const marks = items.flatMap((i) => i.marks.map((m) => m.toLowerCase()));
      expect(marks.length).toBeGreaterThan(0);
      expect(marks.every((m) => /^(жалб|сигнал)/.test(m))).toBe(true);
    }));

  it("links the page's best section under it, not as a result of its own", () =>
    withPage(async (page) => {
      const { items } = await resultsFor(page, "обедна почивка", "kovachevtsi");
      const charter = items.find((i) => i.path === "/kovachevtsi/harta/");
      expect(charter?.section).toMatch(/^\/kovachevtsi\/harta\/#/);
      expect(items.filter((i) => i.path === "/kovachevtsi/harta/")).toHaveLength(1);
      await page.locator(`a.result-section-link[href="${charter?.section}"]`).click();
      await page.waitForURL((url) => url.hash !== "");
      expect(await page.locator("main").textContent()).toContain("Обедната почивка");
    }));

  it("says so plainly when nothing matches, and points to the A–Z index", () =>
    withPage(async (page) => {
      const { summary, items } = await resultsFor(page, "зеленчукопроизводство");
      expect(summary).toContain("Няма резултати");
      expect(items).toEqual([]);
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

  it("holds still while the results arrive (layout shift under 0.1)", () =>
    withPage(async (page) => {
      for (const url of ["/search/?q=жалба", "/search/?q=удостоверение&m=kostinbrod", "/search/?q=зеленчук"]) {
        const shift = await layoutShift(page, `${base}${url}`, () => searchAnswered(page));
        expect(shift, url).toBeLessThanOrEqual(0.1);
      }
    }));

  it(
    "the site's search answers every evaluation query in its top 3, at least as well as plain Pagefind",
    () =>
      withPage(async (page) => {
        const { sets, missing } = evalSets();
        if (missing) console.log(missing);
        for (const set of sets) {
          const site = await evaluate(page, base, set, "site");
          const plain = await evaluate(page, base, set, "pagefind");
          const s = score(site);
          const p = score(plain);
          console.log(scoreLine(set.name, s, p));
          expect(
            site.filter((o) => !o.rank).map((o) => `${o.q}: ${o.top.join(", ")}`),
            set.name,
          ).toEqual([]);
          expect(s.at1, `${set.name}: s@1`).toBeGreaterThanOrEqual(p.at1);
          expect(s.at3, `${set.name}: s@3`).toBeGreaterThanOrEqual(p.at3);
        }
      }),
    300_000,
  );
});

describe("the A–Z index", () => {
  const links = (page: Page) =>
    page.locator("main a").evaluateAll((as) =>
      as.map((a) => ({
        label: (a.textContent ?? "").trim(),
        href: (a as HTMLAnchorElement).getAttribute("href") ?? "",
      })),
    );

  it.each(["/a-z/", "/kostinbrod/a-z/", "/kovachevtsi/a-z/"])("%s: never one label for two places", (url) =>
    withPage(async (page) => {
      await page.goto(`${base}${url}`);
      const hrefs = new Map<string, Set<string>>();
      for (const { label, href } of await links(page)) hrefs.set(label, (hrefs.get(label) ?? new Set()).add(href));
      const twice = [...hrefs].filter(([, h]) => h.size > 1).map(([label, h]) => `${label}: ${[...h].join(", ")}`);
      expect(twice).toEqual([]);
      // Topics, not every charter sub-heading.
      expect(await page.locator("main").textContent()).not.toContain("В замяна, очакваме от Клиентите");
    }),
  );

  it("a municipality's index lists its own pages and the shared ones only", () =>
    withPage(async (page) => {
      await page.goto(`${base}/kostinbrod/a-z/`);
      const hrefs = (await links(page)).map((l) => l.href).filter((h) => !h.startsWith("#"));
      expect(hrefs.some((h) => h.startsWith("/kovachevtsi/"))).toBe(false);
      expect(hrefs).toContain("/kostinbrod/uslugi/udostoverenie-za-naslednitsi/");
      expect(hrefs).toContain("/lichni-danni/");
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
      // From the search page's own box, Tab reaches the first result; Enter opens it.
      await page.locator("#search-q").focus();
      let onResult = false;
      for (let i = 0; i < 10 && !onResult; i++) {
        await page.keyboard.press("Tab");
        onResult = await page.evaluate(() => document.activeElement?.classList.contains("result-link") ?? false);
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
      if (url.startsWith("/search/")) await searchAnswered(page);
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
          .getByRole("link", { name: "Подайте жалба – Община Костинброд" })
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

  it("a query in the address asks for Pagefind's first files at once, each once, and only its municipality's", () =>
    withPage(async (page) => {
      const requests: string[] = [];
      page.on("request", (r) => {
        const url = new URL(r.url());
        if (url.pathname.startsWith("/pagefind/") || url.pathname.startsWith("/_astro/")) {
          requests.push(url.pathname + url.search);
        }
      });
      const events: string[] = [];
      page.on("request", (r) => events.push(`asked ${new URL(r.url()).pathname}`));
      page.on("requestfinished", (r) => events.push(`got ${new URL(r.url()).pathname}`));
      await page.goto(`${base}${searchPath("жалби", "kostinbrod")}`);
      await searchAnswered(page);
      const first = (path: string) => requests.findIndex((r) => r.startsWith(path));
      const scope = "/pagefind/scope/kostinbrod/";
      const starts = [`${scope}pagefind-entry.json`, `${scope}wasm.`, `${scope}pagefind.bg_`];
      // Asked for before any index chunk, and not again by Pagefind: the preloads were used.
      for (const start of starts) {
        expect(
          requests.filter((r) => r.startsWith(start)),
          start,
        ).toHaveLength(1);
        expect(first(start)).toBeLessThan(first(`${scope}index/`));
      }
      // The entry file and the WebAssembly are asked for while Pagefind's script is still on its way.
      const pagefindArrived = events.indexOf("got /pagefind/pagefind.js");
      expect(pagefindArrived).toBeGreaterThan(-1);
      for (const start of starts) {
        expect(events.findIndex((e) => e.startsWith(`asked ${start}`))).toBeLessThan(pagefindArrived);
      }
      // Nothing of the index of all municipalities: the resident searches one.
      expect(
        requests.filter((r) => r.startsWith("/pagefind/") && !r.startsWith(scope) && r !== "/pagefind/pagefind.js"),
      ).toEqual([]);
      // The shared chunk of the page's script was announced in the HTML, not found a round trip later.
      const preloads = await page
        .locator('link[rel="modulepreload"]')
        .evaluateAll((ls) => ls.map((l) => l.getAttribute("href")));
      expect(preloads.length).toBeGreaterThan(0);
      for (const href of preloads) expect(requests).toContain(href);
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
