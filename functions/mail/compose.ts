/**
 * The e-mails, as MIME text: to staff (every field, Reply-To the resident) and to
 * the resident (the reference, the deadline, what happens next, how to reach the
 * municipality). Both come from the municipality's name at MAIL_FROM and have a
 * plain-text part and an escaped HTML part, base64-encoded so no line of what a
 * resident typed can ever be read as a header or a MIME boundary.
 *
 * nodemailer's MailComposer writes the raw message (the one `wrangler dev` saves as
 * .eml): it folds long UTF-8 subjects and display names into encoded words and wraps
 * base64 bodies itself. It needs node:stream, node:crypto and Buffer, hence
 * `nodejs_compat` in wrangler.toml.
 */
import MailComposer from "nodemailer/lib/mail-composer";
import { formatBgDate, formatReceived } from "../../src/shared/dates";
import { RATING_LABELS } from "../../src/shared/forms/messages";
import { escapeHtml, textToHtml } from "../../src/shared/html";
import { KIND_SPECS } from "../../src/shared/kinds";
import type { Municipality } from "../../src/shared/municipality";
import type { MailTemplate } from "../db/outbox";
import type { SubmissionRecord } from "../db/submissions";
import { deadlineDescription, nextSteps } from "../pages/next-steps";
import { receiptPath, staffSubmissionPath } from "../pages/paths";
import { senderRows } from "../submissions/sender";

export interface ComposedMail {
  from: string;
  to: string;
  raw: string;
}

export interface MailSettings {
  from: string;
  /** "https://harta.example" — links in e-mails are absolute. */
  publicOrigin: string;
}

/** Refuses any value that could end a header line. Addresses are validated before, this is the last guard. */
export function headerSafe(value: string): string {
  if (/\p{Cc}/u.test(value)) throw new Error("header value contains a control character");
  return value;
}

const graphemes = new Intl.Segmenter("bg", { granularity: "grapheme" });

/** Both e-mails come from the municipality, through this site: "Община Костинброд – Харта на клиента". */
const SITE = "Харта на клиента";

/** A message ready for MIME: the sender is always "<who> – Харта на клиента" at MAIL_FROM. */
export interface MailParts {
  /** Whose name the message carries, e.g. the municipality's. */
  senderName: string;
  from: string;
  to: string;
  replyTo?: string;
  subject: string;
  text: string;
  html: string;
}

/** The raw MIME message and its envelope. */
export async function buildMail(parts: MailParts): Promise<ComposedMail> {
  // Addresses go in as objects, so nodemailer never parses them out of a string.
  const mailbox = (address: string) => ({ name: "", address: headerSafe(address) });
  const message = new MailComposer({
    from: { name: `${parts.senderName} – ${SITE}`, address: headerSafe(parts.from) },
    to: mailbox(parts.to),
    replyTo: parts.replyTo ? mailbox(parts.replyTo) : undefined,
    subject: parts.subject.replace(/[\r\n]+/g, " "),
    text: crlf(parts.text),
    html: crlf(parts.html),
    // RFC 3834: tells mail systems not to answer with out-of-office replies.
    headers: { "Auto-Submitted": "auto-generated" },
    // Encoded words in base64 ("B"), and both parts in base64 whatever their text.
    textEncoding: "base64",
    encoding: "base64",
    // The parts are strings we built; nothing is ever read from a file or a URL.
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  const compiled = message.compile();
  // The message is 7-bit ASCII (base64 parts, encoded words): Buffer's default decoding, UTF-8, reads it as is.
  const raw = (await compiled.build()).toString();
  // The envelope as nodemailer writes the headers: an internationalised domain in ASCII (punycode).
  const envelope = compiled.getEnvelope();
  return { from: envelope.from || parts.from, to: envelope.to[0] ?? parts.to, raw };
}

export async function composeMail(
  template: MailTemplate,
  record: SubmissionRecord,
  m: Municipality,
  recipient: string,
  settings: MailSettings,
): Promise<ComposedMail> {
  const content = CONTENT[template](record, m, settings);
  return buildMail({ senderName: m.name, from: settings.from, to: recipient, ...content });
}

/** Text has CRLF line ends in its canonical form (RFC 2046), which base64 then carries as is. */
function crlf(text: string): string {
  return text.replace(/\r?\n/g, "\r\n");
}

/** The first `max` characters as a reader counts them (grapheme clusters), and "…" if there were more. */
function clip(text: string, max: number): string {
  const parts = Array.from(graphemes.segment(text), (s) => s.segment);
  return parts.length > max ? `${parts.slice(0, max).join("")}…` : text;
}

interface Content {
  subject: string;
  replyTo?: string;
  text: string;
  html: string;
}

type Row = [label: string, value: string];

function staffContent(r: SubmissionRecord, m: Municipality, s: MailSettings): Content {
  const spec = KIND_SPECS[r.kind];
  const deadline = deadlineDescription(r, m);
  const facts: Row[] = [
    ["Входящ номер", r.reference],
    ["Вид", spec.label],
    ["Получено", formatReceived(r.receivedAt)],
    ["Срок за отговор", deadline ?? "няма (не изисква отговор)"],
  ];
  const content: Row[] = [];
  if (r.rating !== null) content.push(["Оценка", RATING_LABELS[r.rating]]);
  if (spec.subject !== "absent") content.push(["Тема", r.subject || "—"]);
  const sender: Row[] = spec.identity === "none" ? [["Подател", "анкетата е анонимна"]] : senderRows(r);
  // The whole subject is in the body; the e-mail subject shows its first 100 characters.
  const subjectTail = r.subject ? ` – ${clip(r.subject, 100)}` : "";
  const intro = `${spec.fresh} до ${m.name} чрез сайта „${SITE}“.`;
  const registry = absolute(s, staffSubmissionPath(r.id));
  const replies = r.email
    ? "Отговорът на това писмо отива до подателя."
    : "Подателят не е посочил електронна поща, затова отговор на това писмо не стига до никого.";
  const text = [
    intro,
    "",
    ...facts.map(([k, v]) => `${k}: ${v}`),
    "",
    ...content.map(([k, v]) => `${k}: ${v}`),
    "Текст:",
    r.message || "—",
    "",
    ...sender.map(([k, v]) => `${k}: ${v}`),
    "",
    replies,
    "",
    "В регистъра (след вход):",
    registry,
  ].join("\n");
  const table = (rows: Row[]) =>
    `<table>${rows.map(([k, v]) => `<tr><th align="left" valign="top">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join("")}</table>`;
  const html = htmlDocument(
    `<p>${escapeHtml(intro)}</p>${table(facts)}${content.length ? table(content) : ""}<h2>Текст</h2><p>${textToHtml(r.message || "—")}</p><h2>Подател</h2>${table(sender)}<p>${escapeHtml(replies)}</p><p><a href="${escapeHtml(registry)}">Отворете в регистъра</a> (след вход)</p>`,
  );
  return { subject: `[${spec.label}] вх. № ${r.reference}${subjectTail}`, replyTo: r.email || undefined, text, html };
}

function acknowledgementContent(r: SubmissionRecord, m: Municipality, s: MailSettings): Content {
  const spec = KIND_SPECS[r.kind];
  const deadline = deadlineDescription(r, m);
  const receipt = absolute(s, receiptPath(r.receiptToken));
  const next = [...nextSteps(r, m), ...(deadline ? [`Срок за отговор: ${deadline}.`] : [])].join(" ");
  // Without a published e-mail there is no Reply-To, and a reply would go to MAIL_FROM, which nobody reads.
  const questions = m.email
    ? `При въпроси отговорете на това писмо – отговорът отива до ${m.name} – или се свържете с общината и посочете входящия номер ${r.reference}:`
    : `Отговорите на това писмо не се четат. При въпроси се свържете с ${m.name} и посочете входящия номер ${r.reference}:`;
  const phones = m.phones;
  const ways: { label: string; text: string; href?: string }[] = [
    ...(phones.length ? [{ label: "Телефон", text: phones.join(", ") }] : []),
    ...(m.email ? [{ label: "Електронна поща", text: m.email, href: `mailto:${m.email}` }] : []),
    { label: "Адрес", text: m.address },
    { label: "Сайт", text: m.website, href: /^https?:\/\//.test(m.website) ? m.website : undefined },
  ];
  const lines = [
    "Здравейте,",
    "",
    `${spec.yours} до ${m.name} е ${spec.registered} на ${formatReceived(r.receivedAt)} с входящ номер ${r.reference}.`,
    "",
    next,
    "",
    `Потвърждението е и на адрес: ${receipt}`,
    "",
    questions,
    ...ways.map((w) => `- ${w.label}: ${w.text}`),
    "",
    `Това писмо е изпратено автоматично от сайта „${SITE}“.`,
  ];
  const way = (w: (typeof ways)[number]) =>
    `<li>${escapeHtml(w.label)}: ${w.href ? `<a href="${escapeHtml(w.href)}">${escapeHtml(w.text)}</a>` : escapeHtml(w.text)}</li>`;
  const html = htmlDocument(
    `<p>Здравейте,</p><p>${escapeHtml(spec.yours)} до ${escapeHtml(m.name)} е ${spec.registered} на ${escapeHtml(formatReceived(r.receivedAt))} с входящ номер <strong>${escapeHtml(r.reference)}</strong>.</p><p>${escapeHtml(next)}</p><p><a href="${escapeHtml(receipt)}">Потвърждението на сайта</a></p><p>${escapeHtml(questions)}</p><ul>${ways.map(way).join("")}</ul><p>Това писмо е изпратено автоматично от сайта „${SITE}“.</p>`,
  );
  return {
    subject: `Вх. № ${r.reference}: ${spec.yours} до ${m.name} е ${spec.registered}`,
    replyTo: m.email,
    text: lines.join("\n"),
    html,
  };
}

/** The answer the clerk wrote, as the resident receives it. */
function answerContent(r: SubmissionRecord, m: Municipality, s: MailSettings): Content {
  const spec = KIND_SPECS[r.kind];
  const intro = `Отговор на ${m.name} на ${spec.yours} с входящ номер ${r.reference} от ${formatReceived(r.receivedAt)}:`;
  const receipt = absolute(s, receiptPath(r.receiptToken));
  const answer = r.answerText ?? "";
  const sign = m.name;
  return {
    subject: `Отговор на ${spec.yours} с вх. № ${r.reference}`,
    replyTo: m.email,
    text: ["Здравейте,", "", intro, "", answer, "", sign, "", `Състоянието на преписката: ${receipt}`].join("\n"),
    html: htmlDocument(
      `<p>Здравейте,</p><p>${escapeHtml(intro)}</p><blockquote><p>${textToHtml(answer)}</p></blockquote><p>${escapeHtml(sign)}</p><p><a href="${escapeHtml(receipt)}">Състоянието на преписката</a></p>`,
    ),
  };
}

/** The charter's promise: when the answer cannot come on time, the resident learns why and the final date. */
function extensionContent(r: SubmissionRecord, m: Municipality, s: MailSettings): Content {
  const spec = KIND_SPECS[r.kind];
  const receipt = absolute(s, receiptPath(r.receiptToken));
  const first = r.deadline ? ` (първоначалният срок беше ${formatBgDate(r.deadline)})` : "";
  const lines = [
    `${m.name} не може да отговори на ${spec.yours} с входящ номер ${r.reference} в срока${first}.`,
    `Причина: ${r.extensionReason ?? ""}`,
    `Ще получите отговор до ${formatBgDate(r.extendedDeadline ?? "")}.`,
  ];
  return {
    subject: `Вх. № ${r.reference}: нов срок за отговор – ${formatBgDate(r.extendedDeadline ?? "")}`,
    replyTo: m.email,
    text: ["Здравейте,", "", ...lines, "", `Състоянието на преписката: ${receipt}`, "", m.name].join("\n"),
    html: htmlDocument(
      `<p>Здравейте,</p>${lines.map((l) => `<p>${escapeHtml(l)}</p>`).join("")}<p><a href="${escapeHtml(receipt)}">Състоянието на преписката</a></p><p>${escapeHtml(m.name)}</p>`,
    ),
  };
}

const CONTENT: Record<MailTemplate, (r: SubmissionRecord, m: Municipality, s: MailSettings) => Content> = {
  staff: staffContent,
  acknowledgement: acknowledgementContent,
  answer: answerContent,
  extension: extensionContent,
};

/** Links in e-mails are absolute. */
export const absolute = (s: MailSettings, path: string) => `${s.publicOrigin.replace(/\/$/, "")}${path}`;

export function htmlDocument(body: string): string {
  return `<!doctype html><html lang="bg"><head><meta charset="utf-8"></head><body>${body}</body></html>`;
}
