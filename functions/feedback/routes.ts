/**
 * "Полезна ли беше тази страница?" — POST /api/feedback stores the answer and
 * sends a browser to a thank-you page that links back; scripts get JSON.
 */
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { type FeedbackErrors, renderPageFeedback, validateFeedback } from "../../src/shared/forms/feedback";
import { BODY_LIMIT_BYTES, FEEDBACK_THANKS_PATH } from "../../src/shared/forms/fields";
import { escapeHtml } from "../../src/shared/forms/html";
import { REQUEST_ERRORS } from "../../src/shared/forms/messages";
import { isBot, type RawInput } from "../../src/shared/forms/schema";
import type { AppEnv } from "../env";
import { readBody } from "../http/body";
import { htmlPage, problem, wantsJson } from "../http/respond";
import { logError } from "../log";
import { isRateLimited, RETRY_AFTER_SECONDS } from "../rate-limit";

type C = Context<AppEnv>;

export const feedback = new Hono<AppEnv>();

const SAFE_PATH = /^\/(?!\/)[A-Za-z0-9\-._~/%]*$/;

feedback.post(
  "/",
  bodyLimit({
    maxSize: BODY_LIMIT_BYTES,
    onError: (c) => problem(c as C, { status: 413, message: REQUEST_ERRORS.tooLarge }),
  }),
  async (c) => {
    const limited = await isRateLimited(c.env, c.req.raw, "feedback");
    const body = await readBody(c.req.raw);
    if (!body.ok) return problem(c, { status: body.status, message: body.message });
    if (limited) {
      return problem(c, {
        status: 429,
        message: REQUEST_ERRORS.rateLimited,
        headers: { "Retry-After": String(RETRY_AFTER_SECONDS) },
      });
    }
    const input = body.input;
    const page = typeof input.page === "string" && SAFE_PATH.test(input.page) ? input.page : "/";
    if (isBot(input)) return thanked(c, page);
    const result = validateFeedback(input);
    if (!result.ok) return invalid(c, input, page, result.errors);
    try {
      await c.env.DB.prepare("INSERT INTO page_feedback (page, useful, comment, received_at) VALUES (?, ?, ?, ?)")
        .bind(result.value.page, result.value.useful ? 1 : 0, result.value.comment, new Date().toISOString())
        .run();
    } catch (error) {
      logError("feedback.store_failed", error);
      return problem(c, {
        status: 503,
        message: "Отговорът не беше записан поради технически проблем. Опитайте отново след малко.",
      });
    }
    return thanked(c, result.value.page);
  },
);

function thanked(c: C, page: string): Response {
  if (wantsJson(c.req.raw)) return c.json({ ok: true }, 201);
  return c.redirect(`${FEEDBACK_THANKS_PATH}?stranitsa=${encodeURIComponent(page)}`, 303);
}

function invalid(c: C, input: RawInput, page: string, errors: FeedbackErrors) {
  if (wantsJson(c.req.raw)) return c.json({ errors }, 422);
  const values = {
    useful: typeof input.useful === "string" ? input.useful : undefined,
    comment: typeof input.comment === "string" ? input.comment : undefined,
  };
  const list = Object.entries(errors)
    .map(
      ([field, message]) =>
        `<li><a href="#pf-${field === "useful" ? "useful-yes" : field}">${escapeHtml(message)}</a></li>`,
    )
    .join("");
  const body = `<div class="error-summary" tabindex="-1" autofocus aria-labelledby="error-summary-title"><div role="alert"><h2 class="error-summary-title" id="error-summary-title">Има проблем</h2><ul class="error-summary-list">${list}</ul></div></div><h1>Обратна връзка за страницата</h1><p><a href="${escapeHtml(page)}">Обратно към страницата</a></p>${renderPageFeedback(page, { values, errors })}`;
  return htmlPage(c, 422, { title: "Обратна връзка за страницата", body, error: true });
}

export const feedbackPages = new Hono<AppEnv>();

feedbackPages.get("/blagodarim/", (c) => {
  const back = c.req.query("stranitsa");
  const link = back && SAFE_PATH.test(back) ? back : "/";
  return htmlPage(c, 200, {
    title: "Благодарим за отговора",
    body: `<h1>Благодарим за отговора</h1><p>Отговорът Ви е записан. Той ни помага да подобрим страниците на сайта.</p><p><a href="${escapeHtml(link)}">Обратно към страницата</a></p>`,
  });
});
