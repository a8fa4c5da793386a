/** Answers in the form the client asked for: JSON for scripts, the site's HTML pages for browsers. */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { type Crumb, renderBreadcrumbs } from "../../src/shared/partials/breadcrumbs";
import { renderErrorSummary } from "../../src/shared/partials/error-summary";
import type { AppEnv } from "../env";
import { renderPage } from "../pages/layout";

/** Scripts ask for JSON (Accept) or send JSON; browsers without JavaScript get HTML. */
export function wantsJson(request: Request): boolean {
  const accept = request.headers.get("accept") ?? "";
  const type = request.headers.get("content-type") ?? "";
  return accept.includes("application/json") || type.toLowerCase().startsWith("application/json");
}

export async function htmlPage<E extends AppEnv>(
  c: Context<E>,
  status: ContentfulStatusCode,
  page: { title: string; body: string; error?: boolean },
  headers: Record<string, string> = {},
): Promise<Response> {
  const html = await renderPage(c.env.ASSETS, page);
  return c.html(html, status, headers);
}

export interface Problem {
  status: ContentfulStatusCode;
  message: string;
  headers?: Record<string, string>;
}

/** A request-level problem: `{ error }` as JSON, or a short page in the site's look. */
export async function problem<E extends AppEnv>(c: Context<E>, p: Problem, crumbs?: Crumb[]): Promise<Response> {
  if (wantsJson(c.req.raw)) return c.json({ error: p.message }, p.status, p.headers);
  const title = p.status >= 500 ? "Временен проблем" : "Съобщението не е изпратено";
  const body = `${renderBreadcrumbs(crumbs ?? [{ href: "/", label: "Общини" }, { label: title }])}${renderErrorSummary({ title, problem: p.message, heading: "h1" })}<p><a href="/">Към началната страница</a></p>`;
  return htmlPage(c, p.status, { title, body, error: true }, p.headers);
}
