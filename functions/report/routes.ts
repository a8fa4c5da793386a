/**
 * The public report, /<municipality>/otchet/<year>/, and its open data, <year>.csv and
 * <year>.json. Rendered from D1's aggregates and kept in the edge cache for 10 minutes,
 * so the figures are computed at most every 10 minutes per address whatever the traffic.
 */
import { type Context, Hono } from "hono";
import { sofiaDate } from "../../src/shared/dates";
import { renderPageFeedback } from "../../src/shared/forms/feedback";
import { escapeHtml } from "../../src/shared/html";
import type { Municipality } from "../../src/shared/municipality";
import { type Crumb, renderBreadcrumbs } from "../../src/shared/partials/breadcrumbs";
import { calendar } from "../content/calendar";
import { municipalities } from "../content/municipalities";
import type { AppEnv } from "../env";
import { htmlPage, wantsJson } from "../http/respond";
import { reportDataPath, reportIndexPath, reportPath } from "../pages/paths";
import { raw } from "../staff/pages/html";
import { type Figures, loadFigures } from "./figures";
import { LICENCE, toOpenCsv, toOpenJson } from "./open-data";
import { reportBody, yearTitle } from "./page";
import { published } from "./suppress";

type C = Context<AppEnv>;

export const REPORT_ERRORS = {
  noSuchYear: "Няма отчет за тази година: отчетите започват от 2000 г. и стигат до текущата година.",
  noSuchMunicipality: "Няма такава община в сайта.",
  noFormat: "Отворените данни са в CSV или JSON: …/<година>.csv или …/<година>.json.",
} as const;

/** How long a computed page or file is served from the cache: at most this often are the figures recomputed. */
export const REPORT_MAX_AGE_SECONDS = 600;
const FIRST_YEAR = 2000;

export const report = new Hono<AppEnv>();

const currentYear = () => Number(sofiaDate(new Date()).slice(0, 4));

/** The years a report can be read for, latest first: those with submissions, and this one. */
export function reportYears(f: Figures): number[] {
  const years = new Set([currentYear(), ...f.years]);
  return [...years].filter((y) => y >= FIRST_YEAR && y <= currentYear()).sort((a, b) => b - a);
}

/** Served from the edge cache when it is there; otherwise built, and kept for REPORT_MAX_AGE_SECONDS. */
async function cached(c: C, build: () => Promise<Response>): Promise<Response> {
  const key = new Request(new URL(c.req.path, c.req.url).toString());
  const cache = caches.default;
  const hit = await cache.match(key);
  if (hit) return new Response(hit.body, hit);
  const response = await build();
  if (response.status === 200) c.executionCtx.waitUntil(cache.put(key, response.clone()));
  return response;
}

const CACHE_HEADERS = { "Cache-Control": `public, max-age=${REPORT_MAX_AGE_SECONDS}` };

/** 404 in words: a page in the site's look, or `{ error }` for the JSON file and scripts. */
function missing(c: C, message: string, crumbs: Crumb[] = [{ href: "/", label: "Общини" }, { label: "Отчет" }]) {
  if (wantsJson(c.req.raw) || c.req.path.endsWith(".json")) return c.json({ error: message }, 404);
  const title = "Няма такъв отчет";
  const body = `${renderBreadcrumbs(crumbs)}<h1>${title}</h1><p>${escapeHtml(message)}</p><p><a href="/">Към началната страница</a></p>`;
  return htmlPage(c, 404, { title, body });
}

/** The municipality and year of the address, or the 404 to answer. */
async function target(c: C, yearText: string): Promise<{ m: Municipality; year: number } | Response> {
  const m = (await municipalities(c.env.ASSETS)).byId(c.req.param("municipality"));
  if (!m) return missing(c, REPORT_ERRORS.noSuchMunicipality);
  const year = Number(yearText);
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > currentYear()) {
    return missing(c, REPORT_ERRORS.noSuchYear, [
      { href: "/", label: "Общини" },
      { href: `/${m.id}/`, label: m.name },
      { label: "Отчет" },
    ]);
  }
  return { m, year };
}

async function figuresOf(c: C, m: Municipality, year: number): Promise<Figures> {
  return loadFigures(c.env.DB, { municipality: m.id, year, now: new Date(), calendar: await calendar(c.env.ASSETS) });
}

report.get("/:municipality/otchet", (c) => c.redirect(reportIndexPath(c.req.param("municipality")), 301));
report.get("/:municipality/otchet/", async (c) => {
  const m = (await municipalities(c.env.ASSETS)).byId(c.req.param("municipality"));
  if (!m) return missing(c, REPORT_ERRORS.noSuchMunicipality);
  return c.redirect(reportPath(m.id, currentYear()), 302);
});
report.get("/:municipality/otchet/:year{[0-9]{4}}", (c) =>
  c.redirect(reportPath(c.req.param("municipality"), Number(c.req.param("year"))), 301),
);

report.get("/:municipality/otchet/:year{[0-9]{4}}/", (c) =>
  cached(c, async () => {
    const t = await target(c, c.req.param("year"));
    if (t instanceof Response) return t;
    const { m, year } = t;
    const figures = await figuresOf(c, m, year);
    const path = reportPath(m.id, year);
    const crumbs = renderBreadcrumbs([
      { href: "/", label: "Общини" },
      { href: `/${m.id}/`, label: m.name },
      { label: `Отчет ${year} г.` },
    ]);
    const feedback = `<aside class="page-meta" aria-label="За тази страница">${renderPageFeedback(path)}</aside>`;
    const body = reportBody(
      {
        municipality: m,
        figures,
        rows: published(figures),
        years: reportYears(figures),
        yearHref: (y) => reportPath(m.id, y),
        dataHref: (format) => reportDataPath(m.id, year, format),
        exact: false,
      },
      raw(crumbs),
      feedback,
    );
    return htmlPage(c, 200, { title: `${yearTitle(figures)} – ${m.name}`, body: String(body) }, CACHE_HEADERS);
  }),
);

report.get("/:municipality/otchet/:file{[0-9]{4}\\.[a-z]+}", (c) =>
  cached(c, async () => {
    const [yearText, format] = c.req.param("file").split(".");
    if (format !== "csv" && format !== "json") return missing(c, REPORT_ERRORS.noFormat);
    const t = await target(c, yearText ?? "");
    if (t instanceof Response) return t;
    const figures = await figuresOf(c, t.m, t.year);
    const rows = published(figures);
    const headers = {
      ...CACHE_HEADERS,
      // Open data: any site's script may read it.
      "Access-Control-Allow-Origin": "*",
      Link: `<${LICENCE.url}>; rel="license"`,
    };
    if (format === "json") return c.json(toOpenJson(figures, rows), 200, headers);
    return c.body(toOpenCsv(figures, rows), 200, {
      ...headers,
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="otchet-${t.m.id}-${t.year}.csv"`,
    });
  }),
);
