/**
 * "Полезна ли беше тази страница?" — POST /api/feedback stores the answer and
 * sends a browser to a thank-you page that links back; scripts get JSON.
 */
import { type Context, Hono } from "hono";
import {
  type FeedbackErrors,
  feedbackFieldId,
  isSitePath,
  renderPageFeedback,
  validateFeedback,
} from "../../src/shared/forms/feedback";
import type { FeedbackField } from "../../src/shared/forms/fields";
import type { RawInput } from "../../src/shared/forms/schema";
import { escapeHtml } from "../../src/shared/html";
import { renderErrorSummary } from "../../src/shared/partials/error-summary";
import { insertPageFeedback } from "../db/page-feedback";
import type { AppEnv } from "../env";
import { limitedBody, readBody } from "../http/body";
import { isBot } from "../http/honeypot";
import { REQUEST_ERRORS } from "../http/messages";
import { htmlPage, problem, wantsJson } from "../http/respond";
import { logError } from "../log";
import { FEEDBACK_THANKS_PATH } from "../pages/paths";
import { isRateLimited, RETRY_AFTER_SECONDS } from "../rate-limit";

type C = Context<AppEnv>;

export const feedback = new Hono<AppEnv>();

feedback.post("/", limitedBody(), async (c) => {
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
  const page = isSitePath(input.page) ? input.page : "/";
  if (isBot(input)) return thanked(c, page);
  const result = validateFeedback(input);
  if (!result.ok) return invalid(c, input, page, result.errors);
  try {
    await insertPageFeedback(c.env.DB, result.value, new Date().toISOString());
  } catch (error) {
    logError("feedback.store_failed", error);
    return problem(c, {
      status: 503,
      message: "Отговорът не беше записан поради технически проблем. Опитайте отново след малко.",
    });
  }
  return thanked(c, result.value.page);
});

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
  const items = (Object.entries(errors) as [FeedbackField, string][]).map(([field, message]) => ({
    target: feedbackFieldId(field),
    message,
  }));
  const title = "Обратна връзка за страницата";
  const body = `${renderErrorSummary({ items })}<h1>${title}</h1><p><a href="${escapeHtml(page)}">Обратно към страницата</a></p>${renderPageFeedback(page, { values, errors })}`;
  return htmlPage(c, 422, { title, body, error: true });
}
