/**
 * /sluzhiteli/otchet/?year=YYYY — the report's figures for the signed-in member's own
 * municipality, exact (staff see the registry anyway), and the comments left under its
 * pages with "Полезна ли беше тази страница?", newest first, for editors to act on.
 * Behind requireStaff like everything under /sluzhiteli/; never cached.
 */
import type { Context } from "hono";
import { formatReceived, sofiaDate } from "../../src/shared/dates";
import { calendar } from "../content/calendar";
import { commentsOf, type PageComment } from "../db/page-feedback";
import { STAFF_HOME, STAFF_REPORT_PATH } from "../pages/paths";
import type { StaffEnv } from "../staff/guard";
import { staffPage } from "../staff/pages/frame";
import { type Html, html } from "../staff/pages/html";
import { loadFigures, yearSpan } from "./figures";
import { reportBody } from "./page";
import { reportYears } from "./routes";

export const COMMENTS_PAGE_SIZE = 50;

const yearHref = (year: number) => `${STAFF_REPORT_PATH}?year=${year}`;

function commentsSection(year: number, comments: readonly PageComment[], more: string | null): Html {
  const list = comments.length
    ? html`<ol class="report-comments">${comments.map(
        (c) =>
          html`<li><p><a href="${c.page}">${c.page}</a> · ${formatReceived(c.receivedAt)} · полезна: ${c.useful ? "да" : "не"}</p><blockquote>${c.comment}</blockquote></li>`,
      )}</ol>`
    : html`<p>Няма коментари за ${year} г.</p>`;
  return html`<h2 id="komentari">Коментари за страниците</h2><p>Какво са написали читателите под „Полезна ли беше тази страница?“ на страниците на общината, най-новите първи. Коментарите не се публикуват.</p>${list}${more ? html`<p><a href="${more}" rel="next">По-стари коментари</a></p>` : ""}`;
}

export async function staffReport(c: Context<StaffEnv>) {
  const me = c.var.staff;
  const m = me.municipality;
  const now = new Date();
  const thisYear = Number(sofiaDate(now).slice(0, 4));
  const yearText = c.req.query("year") ?? String(thisYear);
  const beforeText = c.req.query("before");
  const year = Number(yearText);
  if (!/^\d{4}$/.test(yearText) || year > thisYear || (beforeText !== undefined && !/^\d+$/.test(beforeText))) {
    return staffPage(c, me, 400, {
      title: "Отчет",
      crumbs: [{ href: STAFF_HOME, label: "Регистър" }, { label: "Отчет" }],
      problems: { problem: `Посочете година с четири цифри до ${thisYear}, напр. ?year=${thisYear}.` },
      body: html`<h1>Отчет</h1><p><a href="${STAFF_REPORT_PATH}">Отчетът за ${thisYear} г.</a></p>`,
    });
  }
  const before = beforeText === undefined ? null : Number(beforeText);
  const [figures, comments] = await Promise.all([
    loadFigures(c.env.DB, { municipality: m.id, year, now, calendar: await calendar(c.env.ASSETS) }),
    commentsOf(c.env.DB, m.id, yearSpan(year), { before, limit: COMMENTS_PAGE_SIZE }),
  ]);
  const last = comments.at(-1);
  const more = last && comments.length === COMMENTS_PAGE_SIZE ? `${yearHref(year)}&before=${last.id}#komentari` : null;
  const body = reportBody(
    { municipality: m, figures, rows: figures.rows, years: reportYears(figures), yearHref, exact: true },
    html``,
    commentsSection(year, comments, more),
  );
  return staffPage(c, me, 200, {
    title: `Отчет ${year} г.`,
    crumbs: [{ href: STAFF_HOME, label: "Регистър" }, { label: `Отчет ${year} г.` }],
    body,
  });
}
