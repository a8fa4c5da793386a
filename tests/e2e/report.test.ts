/**
 * The public report in a real Chromium against `wrangler dev`, after `npm run seed:demo`
 * has filled the e2e server's D1 with a demo year: found from the municipality page, read
 * without JavaScript, nothing for axe to find, every chart an image with a text alternative
 * followed by its table, the same numbers as the CSV and JSON, and a print layout that holds.
 */
import { execFileSync, spawnSync } from "node:child_process";
import path from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { axeViolations, useBrowser } from "./support/browser";

const base = inject("baseUrl");
const YEAR = 2025;
const REPORT = `${base}/kostinbrod/otchet/${YEAR}/`;
const { withPage } = useBrowser();

beforeAll(() => {
  // The seeder itself, on the e2e server's state (a past year, so the other tests' current year is left alone).
  const out = execFileSync(
    process.execPath,
    [path.resolve("scripts/seed-demo.ts"), "--year", String(YEAR), "--persist-to", inject("stateDir")],
    { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } },
  );
  expect(out).toContain("kostinbrod:");
  // Twice is refused: the year is seeded already.
  const again = spawnSync(
    process.execPath,
    [path.resolve("scripts/seed-demo.ts"), "--year", String(YEAR), "--persist-to", inject("stateDir")],
    { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } },
  );
  expect(again.status).toBe(2);
  expect(again.stderr).toMatch(/already holds \d+ demo submissions of 2025: nothing was added/);
}, 180_000);

/** The cells of a table by its caption's id: the row heading, then the cells. */
const tableRows = (page: Page, id: string) =>
  page.evaluate(
    (captionId) =>
      [...(document.getElementById(captionId)?.closest("table")?.querySelectorAll("tbody tr") ?? [])].map((tr) =>
        [...tr.children].map((cell) => cell.textContent?.trim() ?? ""),
      ),
    id,
  );

describe("the report", () => {
  it("is linked from the municipality page and reads without JavaScript", () =>
    withPage(
      async (page) => {
        await page.goto(`${base}/kostinbrod/`);
        await page.getByRole("link", { name: "Отчетът за обратната връзка на Община Костинброд" }).click();
        const thisYear = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Sofia", year: "numeric" }).format(
          new Date(),
        );
        await page.waitForURL(`${base}/kostinbrod/otchet/${thisYear}/`);
        await page.getByRole("link", { name: `${YEAR} г.` }).click();
        await page.waitForURL(REPORT);
        expect(await page.locator("h1").textContent()).toBe(`Отчет за обратната връзка ${YEAR} г.`);
        const main = (await page.locator("main").textContent()) ?? "";
        expect(main).toContain("Примерни данни.");
        expect(main).toContain("Наредбата за административното обслужване");
        expect(await page.locator("svg.chart").count()).toBe(5);
        expect((await tableRows(page, "table-kinds")).length).toBe(5);
      },
      { javaScriptEnabled: false },
    ));

  it("axe finds nothing", () =>
    withPage(async (page) => {
      await page.goto(REPORT);
      expect(await axeViolations(page)).toEqual([]);
    }));

  it("every chart is an image whose text alternative gives its numbers, and a table follows it", () =>
    withPage(async (page) => {
      await page.goto(REPORT);
      const charts = await page.evaluate(() =>
        [...document.querySelectorAll("svg.chart")].map((svg) => {
          const [title = "", desc = ""] = (svg.getAttribute("aria-labelledby") ?? "")
            .split(" ")
            .map((id) => document.getElementById(id)?.textContent ?? "");
          const values = [...svg.querySelectorAll(".chart-value")].map((t) => t.textContent ?? "");
          const next = svg.closest("figure")?.nextElementSibling;
          return {
            role: svg.getAttribute("role"),
            title: title ?? "",
            desc: desc ?? "",
            values,
            table: Boolean(next?.querySelector("table")),
          };
        }),
      );
      expect(charts.length).toBe(5);
      for (const c of charts) {
        expect(c.role).toBe("img");
        expect(c.title.length).toBeGreaterThan(10);
        expect(c.table).toBe(true);
        // Every number drawn is said in the description ("< 3" as "по-малко от 3").
        for (const v of c.values) expect(c.desc).toContain(v === "< 3" ? "по-малко от 3" : v);
      }
      const kinds = page.getByRole("img", { name: /Получени по вид/ });
      expect(await kinds.count()).toBe(1);
    }));

  it("shows the same numbers as its CSV and JSON", () =>
    withPage(async (page) => {
      await page.goto(REPORT);
      const json = (await (await fetch(`${base}/kostinbrod/otchet/${YEAR}.json`)).json()) as {
        rows: { section: string; kind: string; month: number | ""; measure: string; value: unknown; label: string }[];
      };
      const csv = await (await fetch(`${base}/kostinbrod/otchet/${YEAR}.csv`)).text();
      const shown = (v: unknown) => (typeof v === "number" ? new Intl.NumberFormat("bg-BG").format(v) : String(v));
      const received = json.rows.filter((r) => r.section === "received" && r.month === "");
      const kinds = await tableRows(page, "table-kinds");
      // The four kinds, then all of them together, in the table as in the data.
      expect(kinds.map(([, value]) => value)).toEqual(received.map((r) => shown(r.value)));
      const months = await tableRows(page, "table-months");
      const monthTotals = json.rows.filter((r) => r.section === "received" && r.kind === "" && r.month !== "");
      expect(months.slice(0, 12).map((cells) => cells.at(-1))).toEqual(monthTotals.map((r) => shown(r.value)));
      const outcomes = await tableRows(page, "table-outcomes");
      const late = json.rows.find((r) => r.section === "handling" && r.kind === "complaint" && r.measure === "late");
      expect(outcomes.find(([h]) => h === "Отговорени след срока")?.[1]).toBe(shown(late?.value));
      // The CSV has the JSON's rows, one a line after the header.
      expect(csv.trimEnd().split("\r\n").length - 1).toBe(json.rows.length);
      expect(csv).toContain(`,handling,complaint,,,late,${late?.value},count,`);
    }));

  it("prints: the charts and tables on the paper, the site's header, footer and forms not", () =>
    withPage(async (page) => {
      await page.goto(REPORT);
      await page.emulateMedia({ media: "print" });
      const layout = await page.evaluate(() => {
        const hidden = (selector: string) =>
          [...document.querySelectorAll(selector)].every((e) => getComputedStyle(e).display === "none");
        const charts = [...document.querySelectorAll("svg.chart")].map((svg) => svg.getBoundingClientRect());
        return {
          chrome: hidden(".site-header") && hidden(".site-footer") && hidden("form") && hidden(".report-years"),
          charts: charts.length,
          chartsFit: charts.every((r) => r.width > 100 && r.right <= document.documentElement.clientWidth),
          breakInside: getComputedStyle(document.querySelector(".report-figure") as Element).breakInside,
          overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          tables: [...document.querySelectorAll(".report-table")].every((t) => t.getBoundingClientRect().height > 0),
        };
      });
      expect(layout).toEqual({
        chrome: true,
        charts: 5,
        chartsFit: true,
        breakInside: "avoid",
        overflow: 0,
        tables: true,
      });
      const pdf = await page.pdf({ format: "A4" });
      expect(pdf.length).toBeGreaterThan(10_000);
    }));
});
