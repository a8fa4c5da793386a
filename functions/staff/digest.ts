/**
 * The morning digest: every working day from 08:00 Sofia time, each municipality's
 * staff get one e-mail listing what is overdue and what falls due within 5 working
 * days — and nothing when there is nothing. The cron runs every minute; a claimed row
 * per recipient and day (staff_digests) makes it once a day, and a failed send is
 * released and tried again on the next run.
 */
import { EmailMessage } from "cloudflare:email";
import { formatBgDate } from "../../src/shared/dates";
import { escapeHtml } from "../../src/shared/html";
import { KIND_SPECS } from "../../src/shared/kinds";
import type { Municipality } from "../../src/shared/municipality";
import { isWorkingDay } from "../../src/shared/working-days";
import { calendar } from "../content/calendar";
import { municipalities } from "../content/municipalities";
import { batch } from "../db/batch";
import { claim, doneFor, release } from "../db/staff-digests";
import { openDueBy, type SubmissionRecord } from "../db/submissions";
import type { Bindings } from "../env";
import { logError } from "../log";
import { absolute, buildMail, htmlDocument, type MailSettings } from "../mail/compose";
import { STAFF_HOME, staffSubmissionPath } from "../pages/paths";
import { type Days, DUE_SOON_WORKING_DAYS, daysFrom } from "./days";
import { daysText } from "./registry";
import { isOverdue, lastDay } from "./views";

export const DIGEST_HOUR = 8;

const sofiaHour = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Sofia", hour: "2-digit", hourCycle: "h23" });

export interface DigestReport {
  sent: number;
  nothing: number;
  failed: number;
}

export async function sendDigests(env: Bindings, now: Date): Promise<DigestReport> {
  const report: DigestReport = { sent: 0, nothing: 0, failed: 0 };
  if (Number(sofiaHour.format(now)) < DIGEST_HOUR) return report;
  const cal = await calendar(env.ASSETS);
  const days = daysFrom(cal, now);
  if (!isWorkingDay(days.today, cal)) return report;
  for (const m of (await municipalities(env.ASSETS)).all()) {
    const done = await doneFor(env.DB, m.id, days.today);
    const waiting = m.staff.filter((s) => !done.has(s.email));
    if (waiting.length === 0) continue;
    const due = await openDueBy(env.DB, m.id, days.lastWithin(DUE_SOON_WORKING_DAYS));
    const at = now.toISOString();
    if (due.length === 0) {
      await batch(env.DB, {
        claims: waiting.map((s) =>
          claim(env.DB, { municipality: m.id, day: days.today, recipient: s.email, outcome: "nothing", at }),
        ),
      });
      report.nothing += waiting.length;
      continue;
    }
    const settings = { from: env.MAIL_FROM, publicOrigin: env.PUBLIC_ORIGIN };
    for (const s of waiting) {
      const [claimed] = (
        await batch(env.DB, {
          claimed: claim(env.DB, { municipality: m.id, day: days.today, recipient: s.email, outcome: "sent", at }),
        })
      ).claimed;
      if (!claimed) continue;
      try {
        const mail = await buildMail({
          senderName: m.name,
          from: settings.from,
          to: s.email,
          ...digestContent(m, due, days, settings),
        });
        await env.MAILER.send(new EmailMessage(mail.from, mail.to, mail.raw));
        report.sent++;
      } catch (error) {
        await release(env.DB, m.id, days.today, s.email).statement.run();
        logError("digest.failed", error, { municipality: m.id });
        report.failed++;
      }
    }
  }
  return report;
}

export function digestContent(m: Municipality, due: readonly SubmissionRecord[], days: Days, s: MailSettings) {
  const overdue = due.filter((r) => isOverdue(r, days));
  const soon = due.filter((r) => !isOverdue(r, days));
  const item = (r: SubmissionRecord) =>
    `${r.reference} – ${KIND_SPECS[r.kind].label}${r.subject ? ` – ${r.subject}` : ""} – срок ${formatBgDate(lastDay(r) ?? "")} (${daysText(r, days)})`;
  const section = (title: string, list: readonly SubmissionRecord[]) =>
    list.length
      ? [title, ...list.flatMap((r) => [`- ${item(r)}`, `  ${absolute(s, staffSubmissionPath(r.id))}`]), ""]
      : [];
  const intro = `Регистърът на ${m.name} към ${formatBgDate(days.today)}:`;
  const text = [
    intro,
    "",
    ...section(`Просрочени (${overdue.length}):`, overdue),
    ...section(`Със срок до ${DUE_SOON_WORKING_DAYS} работни дни (${soon.length}):`, soon),
    `Регистърът: ${absolute(s, STAFF_HOME)}`,
  ].join("\n");
  const list = (title: string, items: readonly SubmissionRecord[]) =>
    items.length
      ? `<h2>${escapeHtml(title)}</h2><ul>${items.map((r) => `<li><a href="${escapeHtml(absolute(s, staffSubmissionPath(r.id)))}">${escapeHtml(item(r))}</a></li>`).join("")}</ul>`
      : "";
  return {
    subject: `Регистър: ${overdue.length} просрочени, ${soon.length} със срок до ${DUE_SOON_WORKING_DAYS} работни дни`,
    text,
    html: htmlDocument(
      `<p>${escapeHtml(intro)}</p>${list(`Просрочени (${overdue.length})`, overdue)}${list(`Със срок до ${DUE_SOON_WORKING_DAYS} работни дни (${soon.length})`, soon)}<p><a href="${escapeHtml(absolute(s, STAFF_HOME))}">Регистърът</a></p>`,
    ),
  };
}
