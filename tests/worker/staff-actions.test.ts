/**
 * Working a submission to its end: status transitions (and the ones refused), the
 * answer and the deadline extension e-mailed to the resident through the outbox,
 * assignment, notes, the append-only record, and what the resident's receipt shows.
 */
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { municipalities } from "../../functions/content/municipalities";
import { findForStaff } from "../../functions/db/submissions";
import type { Bindings } from "../../functions/env";
import { MESSAGES, perform } from "../../functions/staff/actions";
import { findStaff } from "../../functions/staff/auth/directory";
import { days } from "../../functions/staff/days";
import { sofiaDate } from "../../src/shared/dates";
import { parseEml } from "./eml";
import { api, browser, CLERK, capturingMailer, fileComplaint, MANAGER, signIn } from "./staff-support";
import { count, db, mainText, outboxOf } from "./support";

let clerk: string;

beforeAll(async () => {
  clerk = await signIn(CLERK);
});

const post = (id: number, action: string, body: unknown, mailer?: SendEmail) =>
  api(`/api/staff/submissions/${id}/${action}`, { body, cookie: clerk, env: mailer ? { MAILER: mailer } : undefined });

async function status(id: number): Promise<string> {
  return (
    (await db().prepare("SELECT status FROM submissions WHERE id = ?").bind(id).first<{ status: string }>())?.status ??
    ""
  );
}

const today = () => sofiaDate(new Date());

describe("status", () => {
  it("registered → in progress → forwarded, with the authority; nothing after a final status", async () => {
    const { id } = await fileComplaint();
    const first = await post(id, "status", { status: "in_progress" });
    expect(first.status).toBe(200);
    expect(((await first.json()) as { submission: { status: string } }).submission.status).toBe("in_progress");
    expect((await post(id, "status", { status: "in_progress" })).status).toBe(409);
    const missing = await post(id, "status", { status: "forwarded" });
    expect(missing.status).toBe(422);
    expect(await missing.json()).toEqual({ errors: { forwardedTo: MESSAGES.forwardedTo } });
    const forwarded = await post(id, "status", {
      status: "forwarded",
      forwardedTo: "Регионална здравна инспекция – Софийска област",
    });
    expect(forwarded.status).toBe(200);
    const row = await db()
      .prepare("SELECT status, forwarded_to, closed_at FROM submissions WHERE id = ?")
      .bind(id)
      .first<Record<string, string>>();
    expect(row?.status).toBe("forwarded");
    expect(row?.forwarded_to).toBe("Регионална здравна инспекция – Софийска област");
    expect(row?.closed_at).toBeTruthy();
    const after = await post(id, "status", { status: "in_progress" });
    expect(after.status).toBe(409);
    expect(((await after.json()) as { error: string }).error).toBe(
      "От „Препратена по компетентност“ не може да се премине към „В процес на разглеждане“.",
    );
    const closed = [
      { status: "forwarded", forwardedTo: "Областна администрация – София" },
      { status: "not_considered", reason: "offensive" },
    ];
    for (const change of closed) expect((await post(id, "status", change)).status, change.status).toBe(409);
    expect(await status(id)).toBe("forwarded");
  });

  it("in progress, it can still be forwarded or left unconsidered", async () => {
    const { id } = await fileComplaint();
    expect((await post(id, "status", { status: "in_progress" })).status).toBe(200);
    expect((await post(id, "status", { status: "not_considered", reason: "too_old" })).status).toBe(200);
    expect(await status(id)).toBe("not_considered");
  });

  it("„Отговорена“ only through the answer; „Приета“ only for praise", async () => {
    const { id } = await fileComplaint();
    const answered = await post(id, "status", { status: "answered" });
    expect(answered.status).toBe(409);
    expect(((await answered.json()) as { error: string }).error).toContain(MESSAGES.answeredThroughAnswer);
    expect((await post(id, "status", { status: "acknowledged" })).status).toBe(409);
    expect((await post(id, "status", { status: "done" })).status).toBe(422);
    expect(await status(id)).toBe("registered");

    const praise = await fileComplaint({
      kind: "praise",
      subject: "",
      message: `Благодаря на гише 2! ${crypto.randomUUID()}`,
    });
    expect((await post(praise.id, "status", { status: "in_progress" })).status).toBe(409);
    expect((await post(praise.id, "answer", { text: "Благодарим" })).status).toBe(409);
    expect((await post(praise.id, "status", { status: "acknowledged" })).status).toBe(200);
    expect(await status(praise.id)).toBe("acknowledged");
    expect((await post(praise.id, "status", { status: "acknowledged" })).status).toBe(409);
  });

  it("left unconsidered only for a reason the law gives, or one written out", async () => {
    const { id } = await fileComplaint();
    expect(await (await post(id, "status", { status: "not_considered" })).json()).toEqual({
      errors: { reason: MESSAGES.reasonMissing },
    });
    expect(await (await post(id, "status", { status: "not_considered", reason: "anonymous" })).json()).toEqual({
      errors: { reason: MESSAGES.reasonNotAnonymous },
    });
    expect(await (await post(id, "status", { status: "not_considered", reason: "other" })).json()).toEqual({
      errors: { note: MESSAGES.otherReason },
    });
    const ok = await post(id, "status", { status: "not_considered", reason: "offensive" });
    expect(ok.status).toBe(200);
    const row = await db()
      .prepare("SELECT status, not_considered_reason FROM submissions WHERE id = ?")
      .bind(id)
      .first();
    expect(row).toEqual({ status: "not_considered", not_considered_reason: "offensive" });
  });

  it("a page's form: 303 back with a confirmation, or the errors with the values kept", async () => {
    const { id } = await fileComplaint();
    const refused = await browser(`/sluzhiteli/${id}/status/`, {
      form: { status: "forwarded", forwardedTo: "" },
      cookie: clerk,
    });
    expect(refused.status).toBe(422);
    const page = await refused.text();
    expect(page).toMatch(/<title>Грешка:/);
    expect(page).toContain(`href="#status-forwardedTo"`);
    expect(page).toMatch(/id="status-forwardedTo"[^>]*aria-invalid="true"/);
    expect(page).toMatch(/value="forwarded" checked/);
    const done = await browser(`/sluzhiteli/${id}/status/`, { form: { status: "in_progress" }, cookie: clerk });
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe(`/sluzhiteli/${id}/?done=status`);
    const shown = mainText(await (await browser(`/sluzhiteli/${id}/?done=status`, { cookie: clerk })).text());
    expect(shown).toContain("Състоянието е записано.");
    expect(shown).toContain("В процес на разглеждане");
  });

  it("a change decided on an old version of the submission is refused (409), not applied over the new one", async () => {
    const { id } = await fileComplaint();
    const bindings = env as unknown as Bindings;
    const directory = await municipalities(bindings.ASSETS);
    const me = findStaff(directory, CLERK);
    const stale = await findForStaff(bindings.DB, "kostinbrod", id);
    if (!me || !stale) throw new Error("setup");
    expect((await post(id, "status", { status: "in_progress" })).status).toBe(200);
    const outcome = await perform("status", {
      env: bindings,
      me,
      record: stale,
      input: { status: "not_considered", reason: "too_old" },
      now: new Date(),
      days: await days(bindings.ASSETS, new Date()),
      waitUntil: () => {},
    });
    expect(outcome).toEqual({ ok: false, status: 409, message: MESSAGES.conflict });
    expect(await status(id)).toBe("in_progress");
    expect(await count("SELECT 1 FROM audit_log WHERE submission_id = ? AND action = 'status'", id)).toBe(1);
  });
});

describe("the answer", () => {
  it("is recorded, e-mailed to the resident with the reference in the subject, and the receipt shows „Отговорена“", async () => {
    const { id, reference, receiptPath } = await fileComplaint();
    const { mailer, sent } = capturingMailer();
    const response = await post(id, "answer", { text: "Уважаема г-жо Иванова,\nслужителят е наказан." }, mailer);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { submission: { status: string; answeredAt: string } };
    expect(body.submission.status).toBe("answered");
    expect(body.submission.answeredAt).toBe(today());
    const outbox = await outboxOf(id);
    const row = outbox.find((o) => o.template === "answer");
    expect(row?.recipient).toBe("maria@example.com");
    expect(row?.status).toBe("sent");
    const mail = sent.find((m) => m.to === "maria@example.com");
    const parsed = await parseEml(mail?.raw ?? "");
    expect(parsed.email.subject).toBe(`Отговор на Вашата жалба с вх. № ${reference}`);
    expect(parsed.text).toContain("Уважаема г-жо Иванова,\nслужителят е наказан.");
    const receipt = mainText(await (await browser(receiptPath)).text());
    expect(receipt).toContain("Състояние Отговорена");
    expect(receipt).toContain("Отговорена на");
    expect(receipt).not.toContain("наказан");
  });

  it("without the resident's e-mail it must be sent by post, with the date", async () => {
    const { id } = await fileComplaint({ email: "", address: "гр. Костинброд, ул. „Охрид“ 3" });
    const refused = await post(id, "answer", { text: "Отговор" });
    expect(refused.status).toBe(422);
    expect(await refused.json()).toEqual({ errors: { sentByPostOn: MESSAGES.noEmail } });
    expect((await post(id, "answer", { sentByPostOn: "2999-01-01" })).status).toBe(422);
    expect(await (await post(id, "answer", { sentByPostOn: "01.12.2026" })).json()).toEqual({
      errors: { sentByPostOn: MESSAGES.badDate },
    });
    const ok = await post(id, "answer", { sentByPostOn: today() });
    expect(ok.status).toBe(200);
    expect((await outboxOf(id)).filter((o) => o.template === "answer")).toHaveLength(0);
    const row = await db()
      .prepare("SELECT status, answered_on, answered_by_post FROM submissions WHERE id = ?")
      .bind(id)
      .first();
    expect(row).toEqual({ status: "answered", answered_on: today(), answered_by_post: 1 });
  });

  it("an empty or oversized answer is refused with the reason", async () => {
    const { id } = await fileComplaint();
    expect(await (await post(id, "answer", { text: "   " })).json()).toEqual({
      errors: { text: MESSAGES.answerMissing },
    });
    const long = await post(id, "answer", { text: "а".repeat(20_001) });
    expect(long.status).toBe(422);
    expect(await status(id)).toBe("registered");
  });
});

describe("extending the deadline", () => {
  it("needs a later date and a reason; the resident is told by e-mail, and both dates stay visible", async () => {
    const { id, reference, receiptPath } = await fileComplaint();
    const deadline = (
      await db().prepare("SELECT deadline FROM submissions WHERE id = ?").bind(id).first<{ deadline: string }>()
    )?.deadline as string;
    const earlier = await post(id, "extend", { deadline, reason: "Нужна е проверка на място." });
    expect(earlier.status).toBe(422);
    expect(((await earlier.json()) as { errors: Record<string, string> }).errors.deadline).toContain("след досегашния");
    expect(await (await post(id, "extend", { deadline: "2099-12-31", reason: "" })).json()).toEqual({
      errors: { reason: MESSAGES.extendReason },
    });
    const { mailer, sent } = capturingMailer();
    const ok = await post(id, "extend", { deadline: "2099-12-31", reason: "Нужна е проверка на място." }, mailer);
    expect(ok.status).toBe(200);
    expect((await outboxOf(id)).map((o) => o.template)).toContain("extension");
    const mail = await parseEml(sent.find((m) => m.to === "maria@example.com")?.raw ?? "");
    expect(mail.email.subject).toBe(`Вх. № ${reference}: нов срок за отговор – 31.12.2099 г.`);
    expect(mail.text).toContain("Причина: Нужна е проверка на място.");
    const receipt = mainText(await (await browser(receiptPath)).text());
    expect(receipt).toContain("Удължен срок до 31.12.2099 г.");
    expect(receipt).toContain("Причина Нужна е проверка на място.");
    expect(receipt).toMatch(/Срок за отговор до \d\d\.\d\d\.\d{4} г\./);
    const page = mainText(await (await browser(`/sluzhiteli/${id}/`, { cookie: clerk })).text());
    expect(page).toContain("Удължен срок 31.12.2099 г.");
  });

  it("is refused (409) once the submission is answered, and for praise, which expects no answer", async () => {
    const extension = { deadline: "2099-12-31", reason: "Нужна е проверка на място." };
    const { id } = await fileComplaint();
    expect((await post(id, "answer", { text: "Ремонтът е възложен." })).status).toBe(200);
    const praise = await fileComplaint({ kind: "praise", subject: "", message: `Благодаря! ${crypto.randomUUID()}` });
    for (const target of [id, praise.id]) {
      const refused = await post(target, "extend", extension);
      expect(refused.status).toBe(409);
      expect(await refused.json()).toEqual({ error: MESSAGES.notAnswerable });
    }
    expect(
      await count("SELECT 1 FROM submissions WHERE id IN (?, ?) AND extended_deadline IS NOT NULL", id, praise.id),
    ).toBe(0);
  });
});

describe("what is refused, field by field", () => {
  it("a date that is not a day of the calendar, in either date field", async () => {
    const { id } = await fileComplaint();
    for (const deadline of [
      "2099-02-30",
      "2099-13-01",
      "31.12.2099",
      "2099-1-31",
      "x2099-12-31",
      "2099-12-31x",
      "скоро",
    ]) {
      const refused = await post(id, "extend", { deadline, reason: "Проверка на място." });
      expect(refused.status, deadline).toBe(422);
      expect(await refused.json(), deadline).toEqual({ errors: { deadline: MESSAGES.badDate } });
    }
    for (const sentByPostOn of ["2026-02-30", "2026-00-10"]) {
      const refused = await post(id, "answer", { sentByPostOn });
      expect(await refused.json(), sentByPostOn).toEqual({ errors: { sentByPostOn: MESSAGES.badDate } });
    }
    expect(await status(id)).toBe("registered");
    expect(await count("SELECT 1 FROM submissions WHERE id = ? AND extended_deadline IS NOT NULL", id)).toBe(0);
  });

  it("an extension for a resident without e-mail must say when the letter went by post, and then e-mails nobody", async () => {
    const { id } = await fileComplaint({ email: "", address: "гр. Костинброд, ул. „Охрид“ 3" });
    const extension = { deadline: "2099-12-31", reason: "Проверка на място." };
    const refused = await post(id, "extend", extension);
    expect(refused.status).toBe(422);
    expect(await refused.json()).toEqual({ errors: { sentByPostOn: MESSAGES.noEmail } });
    const ok = await post(id, "extend", { ...extension, sentByPostOn: today() });
    expect(ok.status).toBe(200);
    expect((await outboxOf(id)).filter((o) => o.template === "extension")).toHaveLength(0);
  });

  it("a reason or a note too long is refused under its own field; a note written is acknowledged", async () => {
    const { id } = await fileComplaint();
    const reason = await post(id, "extend", { deadline: "2099-12-31", reason: "а".repeat(1001) });
    expect(await reason.json()).toEqual({ errors: { reason: MESSAGES.tooLong(1000) } });
    const note = await post(id, "note", { note: "б".repeat(2001) });
    expect(await note.json()).toEqual({ errors: { note: MESSAGES.tooLong(2000) } });
    const written = await post(id, "note", { note: "б".repeat(2000) });
    expect(written.status).toBe(200);
    expect(((await written.json()) as { notice: string }).notice).toBe("Бележката е записана.");
  });
});

describe("assignment and notes", () => {
  it("assigns only to staff of the same municipality", async () => {
    const { id } = await fileComplaint();
    expect((await post(id, "assign", { email: "delovoditel@kovachevtsi.example" })).status).toBe(422);
    const typed = await post(id, "assign", { email: ` ${MANAGER.toUpperCase()} ` });
    expect(((await typed.json()) as { submission: { assignedTo: string } }).submission.assignedTo).toBe(MANAGER);
    const ok = await post(id, "assign", { email: MANAGER });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { submission: { assignedTo: string } }).submission.assignedTo).toBe(MANAGER);
    const note = await browser(`/sluzhiteli/${id}/note/`, {
      form: { note: "Обадих се на подателката." },
      cookie: clerk,
    });
    expect(note.status).toBe(303);
    const page = mainText(await (await browser(`/sluzhiteli/${id}/`, { cookie: clerk })).text());
    expect(page).toContain("Примерен ръководител");
    expect(page).toContain("Обадих се на подателката.");
  });
});

describe("the record", () => {
  it("has who did what and when for every step, views included, and the page shows the history", async () => {
    const { id } = await fileComplaint();
    await browser(`/sluzhiteli/${id}/`, { cookie: clerk });
    await post(id, "status", { status: "in_progress" });
    await post(id, "assign", { email: CLERK });
    await post(id, "extend", { deadline: "2099-06-30", reason: "Проверка" });
    await post(id, "answer", { text: "Отговорът" });
    const { results } = await db()
      .prepare("SELECT actor, action, municipality FROM audit_log WHERE submission_id = ? ORDER BY id")
      .bind(id)
      .all();
    expect(results).toEqual(
      ["view", "status", "assign", "extend", "answer"].map((action) => ({
        actor: CLERK,
        action,
        municipality: "kostinbrod",
      })),
    );
    const page = mainText(await (await browser(`/sluzhiteli/${id}/`, { cookie: clerk })).text());
    expect(page).toContain("Регистрирана → В процес на разглеждане");
    expect(page).toMatch(/Удължен срок От \d\d\.\d\d\.\d{4} г\. до 30\.06\.2099 г\.; причина: Проверка/);
  });

  it("only grows: the database refuses to change or delete an entry", async () => {
    await fileComplaint().then(({ id }) => post(id, "status", { status: "in_progress" }));
    await expect(db().prepare("UPDATE audit_log SET actor = 'someone-else'").run()).rejects.toThrow(/append-only/);
    await expect(db().prepare("DELETE FROM audit_log").run()).rejects.toThrow(/append-only/);
  });

  it("a manager sees the whole record; a clerk does not", async () => {
    const manager = await signIn(MANAGER);
    const page = await browser("/sluzhiteli/zapis/", { cookie: manager });
    expect(page.status).toBe(200);
    const text = mainText(await page.text());
    expect(text).toContain("Вход");
    expect(text).toContain("Примерен деловодител");
    expect((await browser("/sluzhiteli/zapis/", { cookie: clerk })).status).toBe(403);
  });
});
