/**
 * Every staff page: the site's own layout (the Worker's shell), a bar saying who is
 * signed in with the staff links and "Изход", and the headers that keep the page out
 * of caches, search engines and other sites' Referer logs.
 */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { type Crumb, renderBreadcrumbs } from "../../../src/shared/partials/breadcrumbs";
import { renderErrorSummary, type SummaryItem } from "../../../src/shared/partials/error-summary";
import type { AppEnv } from "../../env";
import { htmlPage } from "../../http/respond";
import { RECORD_PATH, SIGN_OUT_PATH, STAFF_HOME, STAFF_REPORT_PATH } from "../../pages/paths";
import { isManager, type SignedIn } from "../auth/directory";
import { type Html, html, raw } from "./html";

export const STAFF_HEADERS = {
  "Cache-Control": "no-store",
  "X-Robots-Tag": "noindex, nofollow",
  "Referrer-Policy": "no-referrer",
};

export interface StaffPage {
  title: string;
  body: Html;
  crumbs?: Crumb[];
  /** Shown in an error summary at the top, which takes focus; the title gets "Грешка:". */
  problems?: { items?: SummaryItem[]; problem?: string };
  /** A confirmation of what was just done. */
  notice?: string;
}

function bar(me: SignedIn): Html {
  return html`<nav class="staff-bar" aria-label="Служители"><p>${me.name} · ${me.municipality.name}</p><ul><li><a href="${STAFF_HOME}">Регистър</a></li><li><a href="${STAFF_REPORT_PATH}">Отчет</a></li>${isManager(me) ? html`<li><a href="${RECORD_PATH}">Запис на действията</a></li>` : ""}<li><form method="post" action="${SIGN_OUT_PATH}"><button type="submit" class="link-button">Изход</button></form></li></ul></nav>`;
}

export function staffPage<E extends AppEnv>(
  c: Context<E>,
  me: SignedIn | null,
  status: ContentfulStatusCode,
  page: StaffPage,
): Promise<Response> {
  const crumbs = page.crumbs ? raw(renderBreadcrumbs(page.crumbs)) : "";
  const summary = page.problems ? raw(renderErrorSummary(page.problems)) : "";
  const notice = page.notice ? html`<div class="notice" role="status"><p>${page.notice}</p></div>` : "";
  const body = html`<div class="staff">${me ? bar(me) : ""}${crumbs}${summary}${notice}${page.body}</div>`;
  return htmlPage(c, status, { title: page.title, body: String(body), error: Boolean(page.problems) }, STAFF_HEADERS);
}
