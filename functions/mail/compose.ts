/**
 * The e-mails, as MIME text built with mimetext: to staff (every field, Reply-To
 * the resident) and to the resident (the reference, the deadline, what happens
 * next). Both have a plain-text part and an escaped HTML part, base64-encoded so no
 * line of what a resident typed can ever be read as a header or a MIME boundary.
 */
import { createMimeMessage, Mailbox } from "mimetext/browser";
import { formatBgDate, formatDuration, formatReceived } from "../../src/shared/dates";
import { LABELS, RATING_LABELS } from "../../src/shared/forms/messages";
import { escapeHtml, textToHtml } from "../../src/shared/html";
import { KIND_SPECS } from "../../src/shared/kinds";
import type { Municipality } from "../../src/shared/municipality";
import { nextSteps } from "../../src/shared/partials/next-steps";
import type { MailTemplate } from "../db/outbox";
import type { SubmissionRecord } from "../db/submissions";
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
  msg.setSender(headerSafe(settings.from));
  msg.setRecipient(headerSafe(recipient));
  const subject = content.subject.replace(/[\r\n]+/g, " ");
  msg.setSubject(subject);
  if (content.replyTo) msg.setHeader("Reply-To", new Mailbox({ addr: headerSafe(content.replyTo) }));
  // RFC 3834: tells mail systems not to answer with out-of-office replies.
  msg.setHeader("Auto-Submitted", "auto-generated");
  msg.addMessage({ contentType: "text/plain", encoding: "base64", data: base64Lines(content.text) });
  msg.addMessage({ contentType: "text/html", encoding: "base64", data: base64Lines(content.html) });
  return { from: settings.from, to: recipient, raw: foldSubject(msg.asRaw(), subject) };
}

/**
 * mimetext writes the subject as one long encoded word; RFC 2047 wants words of at
 * most 75 characters, so the line is rewritten as several, folded, same text.
 */
export function foldSubject(raw: string, subject: string): string {
  const words: string[] = [];
  let chunk = "";
  let bytes = 0;
  for (const ch of subject) {
    const size = utf8.encode(ch).length;
    if (bytes + size > 42) {
      words.push(chunk);
      chunk = "";
      bytes = 0;
    }
    chunk += ch;
    bytes += size;
  }
  if (chunk) words.push(chunk);
  const folded = words.map((w) => `=?UTF-8?B?${base64Lines(w)}?=`).join("\r\n ");
  return raw.replace(/^Subject: [^\r\n]*/m, () => `Subject: ${folded}`);
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
  const subjectTail = r.subject ? ` – ${r.subject.slice(0, 100)}` : "";
  const intro = `${spec.fresh} до ${m.name} чрез сайта „Харта на клиента“.`;
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
    r.email ? "Отговорът на това писмо отива до подателя." : "Подателят не е посочил електронна поща.",
  ].join("\n");
  const table = (rows: Row[]) =>
    `<table>${rows.map(([k, v]) => `<tr><th align="left" valign="top">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join("")}</table>`;
  const html = htmlDocument(
    `<p>${escapeHtml(intro)}</p>${table(facts)}${content.length ? table(content) : ""}<h2>Текст</h2><p>${textToHtml(r.message || "—")}</p><h2>Подател</h2>${table(sender)}`,
  );
  return { subject: `[${spec.label}] вх. № ${r.reference}${subjectTail}`, replyTo: r.email || undefined, text, html };
}

function acknowledgementContent(r: SubmissionRecord, m: Municipality, s: MailSettings): Content {
  const spec = KIND_SPECS[r.kind];
  const deadline = deadlineText(r, m);
  const receipt = `${s.publicOrigin.replace(/\/$/, "")}${receiptPath(r.receiptToken)}`;
  const next = [...nextSteps(r, m), ...(deadline ? [`Срок за отговор: ${deadline}.`] : [])].join(" ");
  const contact = [m.phones[0] && `тел. ${m.phones[0]}`, m.email, m.address].filter(Boolean).join(", ");
  const lines = [
    "Здравейте,",
    "",
    `${spec.yours} до ${m.name} е ${spec.registered} на ${formatReceived(r.receivedAt)} с входящ номер ${r.reference}.`,
    "",
    next,
    "",
    `Потвърждението е и на адрес: ${receipt}`,
    "",
    `При въпроси посочете входящия номер: ${contact}.`,
    "",
    "Това писмо е изпратено автоматично от сайта „Харта на клиента“.",
  ];
  const html = htmlDocument(
    `<p>Здравейте,</p><p>${escapeHtml(spec.yours)} до ${escapeHtml(m.name)} е ${spec.registered} на ${escapeHtml(formatReceived(r.receivedAt))} с входящ номер <strong>${escapeHtml(r.reference)}</strong>.</p><p>${escapeHtml(next)}</p><p><a href="${escapeHtml(receipt)}">Потвърждението на сайта</a></p><p>При въпроси посочете входящия номер: ${escapeHtml(contact)}.</p><p>Това писмо е изпратено автоматично от сайта „Харта на клиента“.</p>`,
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

/** UTF-8 → base64 in 76-character lines, with CRLF line ends in the text as MIME wants. */
export function base64Lines(text: string): string {
  const bytes = utf8.encode(text.replace(/\r?\n/g, "\r\n"));
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/.{76}(?=.)/g, "$&\r\n");
}
