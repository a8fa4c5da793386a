/**
 * GET /potvarzhdenie/<token>/ — the receipt: reference, dates, what happens next.
 * The token is random; the page shows no personal data, and a reference number
 * alone opens nothing.
 */
import { Hono } from "hono";
import { formatBgDate, formatDuration } from "../../src/shared/forms/dates";
import { escapeHtml } from "../../src/shared/forms/html";
import { formPath, KIND_SPECS, type SubmissionKind } from "../../src/shared/forms/kinds";
import { municipalityById, type RegisteredMunicipality } from "../../src/shared/forms/registry";
import { renderBreadcrumbs } from "../../src/shared/forms/render";
import type { AppEnv } from "../env";
import { htmlPage, problem } from "../http/respond";
import { logError } from "../log";
import { formatReceived } from "../mail/compose";
import { isReceiptToken } from "../submissions/identity";

interface ReceiptRow {
  reference: string;
  municipality: string;
  kind: SubmissionKind;
  received_at: string;
  deadline: string | null;
  anonymous: number;
}

export const receipts = new Hono<AppEnv>();

// The receipt's address must not leak to other sites through the Referer header.
const PRIVATE = { "Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex" };

receipts.get("/:token{[A-Za-z0-9_-]+}/", async (c) => {
  const token = c.req.param("token");
  let row: ReceiptRow | null = null;
  if (isReceiptToken(token)) {
    try {
      row = await c.env.DB.prepare(
        "SELECT reference, municipality, kind, received_at, deadline, anonymous FROM submissions WHERE receipt_token = ?",
      )
        .bind(token)
        .first<ReceiptRow>();
    } catch (error) {
      logError("receipt.read_failed", error);
      return problem(c, {
        status: 503,
        message: "Потвърждението не може да бъде показано в момента. Опитайте отново след малко.",
      });
    }
  }
  const m = row && municipalityById(row.municipality);
  if (!row || !m) {
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
  return htmlPage(c, 200, { title: `Потвърждение ${row.reference}`, body: receiptBody(row, m) }, PRIVATE);
});

receipts.get("/:token{[A-Za-z0-9_-]+}", (c) => c.redirect(`/potvarzhdenie/${c.req.param("token")}/`, 301));

function receiptBody(row: ReceiptRow, m: RegisteredMunicipality): string {
  const spec = KIND_SPECS[row.kind];
  const rule = m.deadlines[row.kind];
  const heading = `${spec.theSubject} е ${spec.registered}`;
  const facts: [string, string][] = [
    ["Вид", spec.label],
    ["До", m.name],
    ["Дата на получаване", formatReceived(row.received_at)],
  ];
  if (row.deadline && rule) {
    facts.push(["Срок за отговор", `до ${formatBgDate(row.deadline)} – ${formatDuration(rule)} по ${rule.source}`]);
  }
  const next =
    row.deadline && rule && row.anonymous
      ? `<p>Подадохте анонимно, защото проблемът застрашава здравето и сигурността на гражданите. ${escapeHtml(m.name)} ще разгледа ${spec.definite}, но няма как да Ви отговори. Ако искате отговор, подайте ново съобщение с име и адрес за връзка.</p>`
      : row.deadline && rule
        ? `<p>Служител на ${escapeHtml(m.name)} ще разгледа ${spec.definite} и ще Ви отговори писмено до <strong>${escapeHtml(formatBgDate(row.deadline))}</strong> – на електронната поща или на адреса, които посочихте. Ако отговор в срока не е възможен, общината ще Ви уведоми защо и кога ще го получите.</p><p>Ако сте посочили електронна поща, изпратихме Ви потвърждение с входящия номер.</p>`
        : `<p>Благодарим Ви! ${escapeHtml(m.name)} отчита похвалите и анкетите в годишния доклад за удовлетвореността на клиентите. Те не изискват отговор.</p>`;
  const phone = m.phones?.[0];
  const ask = phone
    ? `на тел. <a href="tel:${escapeHtml(phone.replace(/\s/g, ""))}">${escapeHtml(phone)}</a>`
    : `чрез <a href="${escapeHtml(m.website)}">${escapeHtml(m.website.replace(/^https?:\/\//, ""))}</a>`;
  return [
    renderBreadcrumbs([
      { href: "/", label: "Общини" },
      { href: `/${m.id}/`, label: m.name },
      { label: "Потвърждение" },
    ]),
    `<div class="confirmation"><h1>${escapeHtml(heading)}</h1><p>Входящ номер</p><p class="confirmation-reference">${escapeHtml(row.reference)}</p></div>`,
    `<dl class="facts">${facts.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join("")}</dl>`,
    `<h2>Какво следва</h2>${next}`,
    `<p>Запазете входящия номер. С него можете да попитате за ${spec.definite} ${ask}.</p>`,
    `<p>Можете да отпечатате тази страница или да запазите адреса ѝ. Тя не съдържа лични данни.</p>`,
    `<p><a href="${formPath(m.id, row.kind)}">Подайте ново съобщение</a> · <a href="/${m.id}/">${escapeHtml(m.name)}</a></p>`,
  ].join("");
}
