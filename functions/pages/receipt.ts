/**
 * GET /potvarzhdenie/<token>/ — the receipt: reference, dates, where it stands
 * (status, extended deadline and why, the answer's date — never the answer's text),
 * and what happens next.
 * The token is random; the page shows no personal data, and a reference number
 * alone opens nothing.
 */
import { Hono } from "hono";
import { formatBgDate, formatReceived } from "../../src/shared/dates";
import { escapeHtml, paragraphs } from "../../src/shared/html";
import { formPath, KIND_SPECS } from "../../src/shared/kinds";
import { renderBreadcrumbs } from "../../src/shared/partials/breadcrumbs";
import { type Municipality, municipalities } from "../content/municipalities";
import { findByReceiptToken, type SubmissionRecord } from "../db/submissions";
import type { AppEnv } from "../env";
import { htmlPage, problem } from "../http/respond";
import { logError } from "../log";
import { isReceiptToken } from "../submissions/identity";
import { isFinal, STATUS_LABELS } from "../submissions/statuses";
import { deadlineDescription, nextSteps } from "./next-steps";

export const receipts = new Hono<AppEnv>();

// The receipt's address must not leak to other sites through the Referer header.
const PRIVATE = { "Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex" };

receipts.get("/:token{[A-Za-z0-9_-]+}/", async (c) => {
  const token = c.req.param("token");
  let found: { s: SubmissionRecord; m: Municipality | undefined } | null = null;
  if (isReceiptToken(token)) {
    try {
      const s = await findByReceiptToken(c.env.DB, token);
      if (s) found = { s, m: (await municipalities(c.env.ASSETS)).byId(s.municipality) };
    } catch (error) {
      logError("receipt.read_failed", error);
      return problem(c, {
        status: 503,
        message: "Потвърждението не може да бъде показано в момента. Опитайте отново след малко.",
      });
    }
  }
  if (!found?.m) {
    return htmlPage(
      c,
      404,
      {
        title: "Потвърждението не е намерено",
        body: `<h1>Потвърждението не е намерено</h1><p>Проверете адреса. Входящият номер и срокът са и в писмото, което получихте, ако сте посочили електронна поща.</p><p><a href="/">Към началната страница</a></p>`,
      },
      PRIVATE,
    );
  }
  return htmlPage(c, 200, { title: `Потвърждение ${found.s.reference}`, body: receiptBody(found.s, found.m) }, PRIVATE);
});

receipts.get("/:token{[A-Za-z0-9_-]+}", (c) => c.redirect(`/potvarzhdenie/${c.req.param("token")}/`, 301));

function receiptBody(s: SubmissionRecord, m: Municipality): string {
  const spec = KIND_SPECS[s.kind];
  const deadline = deadlineDescription(s, m);
  const heading = `${spec.theSubject} е ${spec.registered}`;
  const facts: [string, string][] = [
    ["Вид", spec.label],
    ["До", m.name],
    ["Дата на получаване", formatReceived(s.receivedAt)],
    ["Състояние", STATUS_LABELS[s.status]],
  ];
  if (deadline) facts.push(["Срок за отговор", `до ${deadline}`]);
  // The charter's promise: a later date comes with the reason, and both stay visible.
  if (s.extendedDeadline) {
    facts.push(["Удължен срок", `до ${formatBgDate(s.extendedDeadline)}`], ["Причина", s.extensionReason ?? "—"]);
  }
  if (s.answeredOn) {
    facts.push([
      "Отговорена на",
      `${formatBgDate(s.answeredOn)}${s.answeredByPost ? " (по пощата)" : " (по електронна поща)"}`,
    ]);
  }
  if (s.forwardedTo) facts.push(["Препратена до", s.forwardedTo]);
  const acknowledged =
    spec.expectsAnswer && !s.anonymous
      ? "<p>Ако сте посочили електронна поща, изпратихме Ви потвърждение с входящия номер.</p>"
      : "";
  const phone = m.phones[0];
  const ask = phone
    ? `на тел. <a href="tel:${escapeHtml(phone.replace(/\s/g, ""))}">${escapeHtml(phone)}</a>`
    : `чрез <a href="${escapeHtml(m.website)}">${escapeHtml(m.website.replace(/^https?:\/\//, ""))}</a>`;
  return [
    renderBreadcrumbs([
      { href: "/", label: "Общини" },
      { href: `/${m.id}/`, label: m.name },
      { label: "Потвърждение" },
    ]),
    `<div class="confirmation"><h1>${escapeHtml(heading)}</h1><p>Входящ номер</p><p class="confirmation-reference">${escapeHtml(s.reference)}</p></div>`,
    `<dl class="facts">${facts.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join("")}</dl>`,
    // Once it is closed, the facts above say how; "what happens next" would no longer be true.
    isFinal(s.status) ? "" : `<h2>Какво следва</h2>${paragraphs(nextSteps(s, m))}${acknowledged}`,
    `<p>Запазете входящия номер. С него можете да попитате за ${spec.definite} ${ask}.</p>`,
    `<p>Можете да отпечатате тази страница или да запазите адреса ѝ. Тя не съдържа лични данни.</p>`,
    `<p><a href="${formPath(m.id, s.kind)}">Подайте ново съобщение</a> · <a href="/${m.id}/">${escapeHtml(m.name)}</a></p>`,
  ].join("");
}
