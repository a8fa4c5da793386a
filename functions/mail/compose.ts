/**
 * The e-mails, as MIME text: to staff (every field, Reply-To the resident) and to
 * the resident (the reference, the deadline, what happens next, how to reach the
 * municipality). Both come from the municipality's name at MAIL_FROM and have a
 * plain-text part and an escaped HTML part, base64-encoded so no line of what a
 * resident typed can ever be read as a header or a MIME boundary.
 *
 * Why mimetext and a raw message (checked with wrangler 4.164 / miniflare, mimetext 3.0.28):
 * - The binding's structured message (`MAILER.send({ from, to, subject, text, html, … })`)
 *   does MIME itself, but `wrangler dev` writes no .eml for it, only the text and the HTML as
 *   two files (no From name, Reply-To or other headers); Cloudflare documents it for Email
 *   Service, while Email Routing's "Send emails from Workers" documents the raw message only.
 * - mimetext builds the message (headers, Message-ID, Date, multipart/alternative, boundaries)
 *   but writes a subject or display name as one encoded word however long (RFC 2047 allows 75
 *   characters; its issue #53 is open) and a part's data as given. The builders that do both
 *   (nodemailer, emailjs, @upyo/smtp) need node:stream/fs/net, i.e. nodejs_compat, which this
 *   Worker does not run with.
 * So mimetext writes the message and is given the two encodings it lacks: a `dump` for Subject
 * and From that folds encoded words, and each part's data as base64 lines.
 */
import { createMimeMessage, Mailbox } from "mimetext/browser";
import { formatBgDate, formatDuration, formatReceived } from "../../src/shared/dates";
import { LABELS, RATING_LABELS } from "../../src/shared/forms/messages";
import { escapeHtml, textToHtml } from "../../src/shared/html";
import { KIND_SPECS } from "../../src/shared/kinds";
import type { Municipality } from "../../src/shared/municipality";
import type { MailTemplate } from "../db/outbox";
import type { SubmissionRecord } from "../db/submissions";
import { nextSteps } from "../pages/next-steps";
import { receiptPath } from "../pages/paths";

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

const utf8 = new TextEncoder();
const graphemes = new Intl.Segmenter("bg", { granularity: "grapheme" });

/** Both e-mails come from the municipality, through this site: "Община Костинброд – Харта на клиента". */
const SITE = "Харта на клиента";

function deadlineText(record: SubmissionRecord, m: Municipality): string | null {
  const rule = m.deadlines[record.kind];
  if (!record.deadline || !rule) return null;
  return `${formatBgDate(record.deadline)} – ${formatDuration(rule)} по ${rule.source}`;
}

export function composeMail(
  template: MailTemplate,
  record: SubmissionRecord,
  m: Municipality,
  recipient: string,
  settings: MailSettings,
): ComposedMail {
  const content = template === "staff" ? staffContent(record, m) : acknowledgementContent(record, m, settings);
  const msg = createMimeMessage();
  const toBase64 = (text: string) => msg.toBase64(text);
  const sender = new Mailbox({ addr: headerSafe(settings.from), name: `${m.name} – ${SITE}` });
  const subject = content.subject.replace(/[\r\n]+/g, " ");
  // mimetext would write each as one encoded word however long: the name and the subject are folded.
  msg.headers.set("From", sender).dump = () => `${encodedWords(sender.name, toBase64)}${FOLD}<${sender.addr}>`;
  msg.headers.set("Subject", subject).dump = () => encodedWords(subject, toBase64);
  msg.setRecipient(headerSafe(recipient));
  if (content.replyTo) msg.setHeader("Reply-To", new Mailbox({ addr: headerSafe(content.replyTo) }));
  // RFC 3834: tells mail systems not to answer with out-of-office replies.
  msg.setHeader("Auto-Submitted", "auto-generated");
  msg.addMessage({ contentType: "text/plain", encoding: "base64", data: base64Body(content.text, toBase64) });
  msg.addMessage({ contentType: "text/html", encoding: "base64", data: base64Body(content.html, toBase64) });
  return { from: settings.from, to: recipient, raw: msg.asRaw() };
}

/** Encoded words take at most 42 bytes of text: `Subject: =?UTF-8?B?…56…?=` is 77 characters. */
const WORD_BYTES = 42;
/** Folding whitespace: RFC 2047 decoders drop it between two encoded words. */
const FOLD = "\r\n ";

/** RFC 2047 "B" encoded words of whole characters (never half an emoji), one per folded line. */
function encodedWords(text: string, toBase64: (text: string) => string): string {
  const words: string[] = [];
  let word = "";
  let size = 0;
  for (const piece of characters(text)) {
    const bytes = byteLength(piece);
    if (word && size + bytes > WORD_BYTES) {
      words.push(word);
      word = "";
      size = 0;
    }
    word += piece;
    size += bytes;
  }
  if (word) words.push(word);
  return words.map((w) => `=?UTF-8?B?${toBase64(w)}?=`).join(FOLD);
}

/** Grapheme clusters; a cluster too long for one encoded word (rare) goes by code points. */
function* characters(text: string): Generator<string> {
  for (const { segment } of graphemes.segment(text)) {
    if (byteLength(segment) <= WORD_BYTES) yield segment;
    else yield* segment;
  }
}

const scratch = new Uint8Array(WORD_BYTES + 4);
/** UTF-8 length of a piece of an encoded word; longer than any word is Infinity (no allocation per piece). */
function byteLength(piece: string): number {
  const { read, written } = utf8.encodeInto(piece, scratch);
  return read === piece.length ? written : Number.POSITIVE_INFINITY;
}

/** Text with CRLF line ends (RFC 2046), UTF-8 in base64 lines of 76 characters (RFC 2045). */
function base64Body(text: string, toBase64: (text: string) => string): string {
  return toBase64(text.replace(/\r?\n/g, "\r\n")).replace(/.{76}(?=.)/g, "$&\r\n");
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

function staffContent(r: SubmissionRecord, m: Municipality): Content {
  const spec = KIND_SPECS[r.kind];
  const deadline = deadlineText(r, m);
  const yesNo = (b: boolean) => (b ? "да" : "не");
  const facts: Row[] = [
    ["Входящ номер", r.reference],
    ["Вид", spec.label],
    ["Получено", formatReceived(r.receivedAt)],
    ["Срок за отговор", deadline ?? "няма (не изисква отговор)"],
  ];
  const content: Row[] = [];
  if (r.rating !== null) content.push(["Оценка", RATING_LABELS[r.rating as 1 | 2 | 3 | 4 | 5]]);
  if (spec.subject !== "absent") content.push(["Тема", r.subject || "—"]);
  const sender: Row[] =
    spec.identity === "none"
      ? [["Подател", "анкетата е анонимна"]]
      : [
          ["Име", r.name || "—"],
          ["Електронна поща", r.email || "—"],
          ["Телефон", r.phone || "—"],
          ["Пощенски адрес", r.address || "—"],
        ];
  if (spec.identity === "required-unless-anonymous-risk") {
    sender.push(["Анонимно", yesNo(r.anonymous)], [LABELS.health_risk, yesNo(r.health_risk)]);
  }
  // The whole subject is in the body; the e-mail subject shows its first 100 characters.
  const subjectTail = r.subject ? ` – ${clip(r.subject, 100)}` : "";
  const intro = `${spec.fresh} до ${m.name} чрез сайта „${SITE}“.`;
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
  ].join("\n");
  const table = (rows: Row[]) =>
    `<table>${rows.map(([k, v]) => `<tr><th align="left" valign="top">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join("")}</table>`;
  const html = htmlDocument(
    `<p>${escapeHtml(intro)}</p>${table(facts)}${content.length ? table(content) : ""}<h2>Текст</h2><p>${textToHtml(r.message || "—")}</p><h2>Подател</h2>${table(sender)}<p>${escapeHtml(replies)}</p>`,
  );
  return { subject: `[${spec.label}] вх. № ${r.reference}${subjectTail}`, replyTo: r.email || undefined, text, html };
}

function acknowledgementContent(r: SubmissionRecord, m: Municipality, s: MailSettings): Content {
  const spec = KIND_SPECS[r.kind];
  const deadline = deadlineText(r, m);
  const receipt = `${s.publicOrigin.replace(/\/$/, "")}${receiptPath(r.receiptToken)}`;
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

function htmlDocument(body: string): string {
  return `<!doctype html><html lang="bg"><head><meta charset="utf-8"></head><body>${body}</body></html>`;
}
