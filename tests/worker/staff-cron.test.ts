/**
 * What the cron does for the staff side: the 08:00 digest on working days (and
 * nothing when there is nothing), and blanking personal data once the
 * municipality's retention period has run out — exactly the personal fields.
 */
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { municipalities } from "../../functions/content/municipalities";
import type { Bindings } from "../../functions/env";
import worker from "../../functions/index";
import { sendDigests } from "../../functions/staff/digest";
import { applyRetention, closedBefore } from "../../functions/submissions/retention";
import { sha256Hex } from "../../functions/tokens";
import { parseEml } from "./eml";
import { api, browser, CLERK, capturingMailer, fileComplaint, MANAGER, requestLink, signIn } from "./staff-support";
import { count, db, outboxOf, PAST_WORKING_MORNING } from "./support";

const bindings = () => env as unknown as Bindings;

async function setDeadline(id: number, deadline: string) {
  await db().prepare("UPDATE submissions SET deadline = ? WHERE id = ?").bind(deadline, id).run();
}

describe("the morning digest", () => {
  // Wednesday 2 December 2026; Sofia is UTC+2 in winter.
  const at = (utc: string) => new Date(`2026-12-02T${utc}Z`);

  it("from 08:00 Sofia time, once, to each staff member: what is overdue and what falls due within 5 working days", async () => {
    const late = await fileComplaint({ subject: "Дайджест: просрочена" });
    const soon = await fileComplaint({ subject: "Дайджест: скоро" });
    const far = await fileComplaint({ subject: "Дайджест: далеч" });
    await setDeadline(late.id, "2026-11-27");
    await setDeadline(soon.id, "2026-12-08");
    await setDeadline(far.id, "2026-12-20");
    const { mailer, sent } = capturingMailer();
    const early = await sendDigests({ ...bindings(), MAILER: mailer }, at("05:59:00"));
    expect(early.sent).toBe(0);
    expect(sent).toHaveLength(0);
    await sendDigests({ ...bindings(), MAILER: mailer }, at("06:00:00"));
    const kostinbrod = sent
      .filter((m) => m.to.endsWith("@kostinbrod.example"))
      .map((m) => m.to)
      .sort();
    expect(kostinbrod).toEqual([CLERK, MANAGER].sort());
    const mail = await parseEml(sent.find((m) => m.to === CLERK)?.raw ?? "");
    expect(mail.email.subject).toMatch(/^Регистър: \d+ просрочени, \d+ със срок до 5 работни дни$/);
    const [overdue, dueSoon] = mail.text.split("Със срок до 5 работни дни");
    expect(overdue).toContain(late.reference);
    expect(dueSoon).toContain(soon.reference);
    expect(mail.text).not.toContain(far.reference);
    expect(mail.text).toContain(`${bindings().PUBLIC_ORIGIN}/sluzhiteli/${late.id}/`);
    // The cron runs every minute: the next runs that day send nothing more.
    await sendDigests({ ...bindings(), MAILER: mailer }, at("06:01:00"));
    await sendDigests({ ...bindings(), MAILER: mailer }, at("14:00:00"));
    expect(sent.filter((m) => m.to === CLERK)).toHaveLength(1);
  });

  it("two runs at the same moment send each clerk one digest, and count what they sent", async () => {
    const { id } = await fileComplaint({ subject: "Дайджест: два пъти" });
    await setDeadline(id, "2026-11-30");
    const { mailer, sent } = capturingMailer();
    const thursday = new Date("2026-11-26T06:30:00Z");
    const e = { ...bindings(), MAILER: mailer };
    const reports = await Promise.all([sendDigests(e, thursday), sendDigests(e, thursday)]);
    expect(sent.filter((m) => m.to === CLERK)).toHaveLength(1);
    expect(reports[0].sent + reports[1].sent).toBe(sent.length);
  });

  it("with nothing overdue it has no such section, and lists each that falls due soon", async () => {
    const a = await fileComplaint({ subject: "Дайджест: първа" });
    const b = await fileComplaint({ subject: "Дайджест: втора" });
    await setDeadline(a.id, "2026-11-27");
    await setDeadline(b.id, "2026-11-30");
    const { mailer, sent } = capturingMailer();
    await sendDigests({ ...bindings(), MAILER: mailer }, new Date("2026-11-25T06:30:00Z")); // a Wednesday
    const mail = await parseEml(sent.find((m) => m.to === CLERK)?.raw ?? "");
    expect(mail.text).toMatch(
      /^Регистърът на Община Костинброд към 25\.11\.2026 г\.:\n\nСъс срок до 5 работни дни \(\d+\):\n- /,
    );
    expect(mail.text).not.toContain("Просрочени");
    expect(mail.html).toMatch(/г\.:<\/p><h2>Със срок до 5 работни дни \(\d+\)<\/h2><ul><li>/);
    expect(mail.html).toMatch(/<\/a><\/li><li><a /); // one item after another
  });

  it("is not sent on a weekend or an official holiday", async () => {
    const { mailer, sent } = capturingMailer();
    await sendDigests({ ...bindings(), MAILER: mailer }, new Date("2026-12-05T07:00:00Z")); // Saturday
    await sendDigests({ ...bindings(), MAILER: mailer }, new Date("2026-12-24T07:00:00Z")); // Бъдни вечер
    expect(sent).toHaveLength(0);
  });

  it("sends nothing when nothing is overdue or due soon", async () => {
    const { mailer, sent } = capturingMailer();
    // 8 January 2020: every deadline in the registry is years later.
    const report = await sendDigests({ ...bindings(), MAILER: mailer }, new Date("2020-01-08T07:00:00Z"));
    expect(sent).toHaveLength(0);
    expect(report.nothing).toBeGreaterThan(0);
    // Each clerk's "nothing today" is recorded: the runs after it that morning have no one left to look at.
    const again = await sendDigests({ ...bindings(), MAILER: mailer }, new Date("2020-01-08T07:01:00Z"));
    expect(again).toEqual({ sent: 0, nothing: 0, failed: 0 });
  });

  it("a failed send is tried again on the next run", async () => {
    const late = await fileComplaint({ subject: "Дайджест при повреда" });
    await setDeadline(late.id, "2026-12-01");
    let failing = true;
    const { mailer, sent } = capturingMailer(() => failing);
    const day = (utc: string) => new Date(`2026-12-03T${utc}Z`);
    const first = await sendDigests({ ...bindings(), MAILER: mailer }, day("06:00:00"));
    expect(first.failed).toBeGreaterThan(0);
    failing = false;
    await sendDigests({ ...bindings(), MAILER: mailer }, day("06:01:00"));
    expect(sent.filter((m) => m.to === CLERK)).toHaveLength(1);
  });
});

describe("retention", () => {
  it("blanks exactly the personal fields of what closed longer ago than the content allows, and records it", async () => {
    const clerk = await signIn(CLERK);
    const old = await fileComplaint({ phone: "0888 111 222", address: "ул. „Охрид“ 5" });
    const recent = await fileComplaint();
    const open = await fileComplaint();
    const praise = await fileComplaint({
      kind: "praise",
      subject: "За гише 2",
      message: `Много любезни! ${crypto.randomUUID()}`,
    });
    await api(`/api/staff/submissions/${old.id}/answer`, { body: { text: "Отговор" }, cookie: clerk });
    await api(`/api/staff/submissions/${recent.id}/answer`, { body: { text: "Отговор" }, cookie: clerk });
    await api(`/api/staff/submissions/${praise.id}/status`, { body: { status: "acknowledged" }, cookie: clerk });
    const m = (await municipalities(bindings().ASSETS)).byId("kostinbrod");
    if (!m) throw new Error("no kostinbrod");
    const now = new Date();
    const expired = new Date(Date.parse(closedBefore(now, m.personalDataRetention.months)) - 86_400_000).toISOString();
    for (const id of [old.id, praise.id, open.id]) {
      await db()
        .prepare(
          "UPDATE submissions SET closed_at = CASE WHEN closed_at IS NULL THEN NULL ELSE ? END, received_at = ? WHERE id = ?",
        )
        .bind(expired, expired, id)
        .run();
    }
    const before = await db()
      .prepare("SELECT * FROM submissions WHERE id = ?")
      .bind(old.id)
      .first<Record<string, unknown>>();

    const erased = await applyRetention(bindings().DB, [m], now);
    expect(erased).toBeGreaterThanOrEqual(2);

    const after = await db()
      .prepare("SELECT * FROM submissions WHERE id = ?")
      .bind(old.id)
      .first<Record<string, unknown>>();
    const changedColumns = Object.keys(before ?? {}).filter((k) => before?.[k] !== after?.[k]);
    expect(changedColumns.sort()).toEqual(["address", "email", "erased_at", "name", "phone"]);
    expect(after).toMatchObject({
      name: "",
      email: "",
      phone: "",
      address: "",
      message: before?.message,
      subject: before?.subject,
      reference: old.reference,
    });
    const praiseRow = await db()
      .prepare("SELECT message, subject, erased_at FROM submissions WHERE id = ?")
      .bind(praise.id)
      .first<Record<string, unknown>>();
    expect(praiseRow?.message).toBe("");
    expect(praiseRow?.subject).toBe("За гише 2");
    // Closed recently, or never closed: kept.
    for (const id of [recent.id, open.id]) {
      const row = await db().prepare("SELECT name, email, erased_at FROM submissions WHERE id = ?").bind(id).first();
      expect(row).toEqual({ name: "Мария Иванова", email: "maria@example.com", erased_at: null });
    }
    // The e-mails to the resident no longer carry the address; staff e-mails keep theirs.
    const outbox = await outboxOf(old.id);
    expect(outbox.filter((o) => o.template !== "staff").map((o) => o.recipient)).toEqual(
      outbox.filter((o) => o.template !== "staff").map(() => ""),
    );
    expect(outbox.filter((o) => o.template === "staff").every((o) => o.recipient.includes("@"))).toBe(true);
    const record = await db()
      .prepare("SELECT actor, action, detail FROM audit_log WHERE submission_id = ? AND action = 'retention'")
      .bind(old.id)
      .all();
    expect(record.results).toEqual([{ actor: "system", action: "retention", detail: '{"months":60}' }]);
    // A second run finds nothing more to do.
    expect(await applyRetention(bindings().DB, [m], now)).toBe(0);
  });
});

describe("the every-minute cron", () => {
  /** The Cron Trigger firing at `utc`, with the Worker's own bindings (and a mailer that keeps what it sends). */
  async function fire(utc: string, mailer?: SendEmail) {
    const ctx = createExecutionContext();
    const at = Date.parse(utc);
    const bindings = mailer ? { ...env, MAILER: mailer } : env;
    await worker.scheduled(createScheduledController({ scheduledTime: at, cron: "* * * * *" }), bindings, ctx);
    await waitOnExecutionContext(ctx);
  }

  const nameOf = async (id: number) =>
    (await db().prepare("SELECT name FROM submissions WHERE id = ?").bind(id).first<{ name: string }>())?.name;
  const signInRows = async () =>
    (
      await db()
        .prepare("SELECT (SELECT COUNT(*) FROM sign_in_requests) + (SELECT COUNT(*) FROM sign_in_links) AS n")
        .first<{ n: number }>()
    )?.n;

  it("blanks expired personal data and forgets old sign-in links on the hour, and not in between", async () => {
    const { id } = await fileComplaint();
    await db()
      .prepare("UPDATE submissions SET status = 'answered', closed_at = '2020-01-01T00:00:00.000Z' WHERE id = ?")
      .bind(id)
      .run();
    await requestLink(CLERK);
    expect(await signInRows()).toBeGreaterThan(0);
    const ended = await sha256Hex((await signIn(MANAGER)).split("=")[1] as string);
    await db().prepare("UPDATE staff_sessions SET expires_at = 0 WHERE token_hash = ?").bind(ended).run();
    const sessions = () => count("SELECT 1 FROM staff_sessions WHERE token_hash = ?", ended);
    expect(await sessions()).toBe(1);
    // Tomorrow, on the hour and five minutes past: the links are a day old by then.
    const dayLater = new Date(Date.now() + 86_400_000);
    dayLater.setUTCMinutes(0, 0, 0);
    await fire(new Date(dayLater.getTime() + 5 * 60_000).toISOString());
    expect(await nameOf(id)).toBe("Мария Иванова");
    expect(await signInRows()).toBeGreaterThan(0);
    expect(await sessions()).toBe(1);
    await fire(dayLater.toISOString());
    expect(await nameOf(id)).toBe("");
    expect(await signInRows()).toBe(0);
    expect(await sessions()).toBe(0);
  });

  it("on the hour, keeps what is younger: the sessions in use and the last hour's sign-in requests", async () => {
    const cookie = await signIn(CLERK);
    await requestLink(MANAGER);
    const requests = () => count("SELECT 1 FROM sign_in_requests");
    const before = await requests();
    const nextHour = new Date(Date.now() + 60 * 60_000);
    nextHour.setUTCMinutes(0, 0, 0);
    await fire(nextHour.toISOString());
    expect(await requests()).toBe(before);
    expect((await browser("/sluzhiteli/", { cookie })).status).toBe(200);
  });

  it("sends the morning digest on a working day", async () => {
    const late = await fileComplaint({ subject: "Крон: просрочена" });
    await setDeadline(late.id, "2026-11-20");
    const { mailer, sent } = capturingMailer();
    await fire(PAST_WORKING_MORNING, mailer);
    const mail = sent.find((m) => m.to === CLERK);
    if (!mail) throw new Error("the cron sent no digest to the clerk");
    expect((await parseEml(mail.raw)).text).toContain(late.reference);
  });
});
