/**
 * The staff side in the cases other tests leave out: an action sent without its choice,
 * what cannot be answered or extended, an extension notified by post, assigning to
 * nobody, the registry's filters kept in its links, the overdue wording, a submission
 * as JSON, the record page by page, and the sign-in form sent empty.
 */
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { municipalities } from "../../functions/content/municipalities";
import { findForStaff } from "../../functions/db/submissions";
import type { Bindings } from "../../functions/env";
import { MESSAGES, perform } from "../../functions/staff/actions";
import { findStaff } from "../../functions/staff/auth/directory";
import { days } from "../../functions/staff/days";
import { sendDigests } from "../../functions/staff/digest";
import { html } from "../../functions/staff/pages/html";
import { daysText } from "../../functions/staff/registry";
import { applyRetention, closedBefore } from "../../functions/submissions/retention";
import { sofiaDate } from "../../src/shared/dates";
import { parseEml } from "./eml";
import { api, browser, CLERK, capturingMailer, fileComplaint, MANAGER, signIn } from "./staff-support";
import { db, mainText, outboxOf } from "./support";

const bindings = () => env as unknown as Bindings;

let clerk: string;

beforeAll(async () => {
  clerk = await signIn(CLERK);
});

const post = (id: number, action: string, body: unknown) =>
  api(`/api/staff/submissions/${id}/${action}`, { body, cookie: clerk });
const form = (id: number, action: string, fields: Record<string, string>) =>
  browser(`/sluzhiteli/${id}/${action}/`, { form: fields, cookie: clerk });
const pageOf = async (id: number) => (await browser(`/sluzhiteli/${id}/`, { cookie: clerk })).text();
const today = () => sofiaDate(new Date());

async function setColumn(id: number, column: "deadline" | "subject", value: string | null) {
  await db().prepare(`UPDATE submissions SET ${column} = ? WHERE id = ?`).bind(value, id).run();
}

/** Calls an action as the routes do, to read what it says it did. */
async function performAs(
  email: string,
  id: number,
  name: "extend" | "assign" | "answer",
  input: Record<string, string>,
) {
  const directory = await municipalities(bindings().ASSETS);
  const me = findStaff(directory, email);
  const record = await findForStaff(bindings().DB, "kostinbrod", id);
  if (!me || !record) throw new Error("setup");
  const { mailer } = capturingMailer();
  const work: Promise<unknown>[] = [];
  const outcome = await perform(name, {
    env: { ...bindings(), MAILER: mailer },
    me,
    record,
    input,
    now: new Date(),
    days: await days(bindings().ASSETS, new Date()),
    waitUntil: (w) => work.push(w),
  });
  await Promise.all(work);
  return outcome;
}

describe("an action sent without what it needs", () => {
  it("a status change without a status: 422 with the reason, on the page the choice marked", async () => {
    const { id } = await fileComplaint();
    const json = await post(id, "status", {});
    expect(json.status).toBe(422);
    expect(await json.json()).toEqual({ errors: { status: MESSAGES.statusMissing } });
    const page = await form(id, "status", {});
    expect(page.status).toBe(422);
    const body = await page.text();
    expect(body).toContain('href="#status-status"');
    expect(body).toContain(MESSAGES.statusMissing);
    expect(body).toContain('<fieldset class="fieldset" id="status-status" aria-describedby="status-status-error">');
    expect(body).toContain('id="status-status-error"');
  });

  it("an empty note: 422, the box marked invalid; nothing recorded", async () => {
    const { id } = await fileComplaint();
    expect(await (await post(id, "note", { note: "  " })).json()).toEqual({ errors: { note: MESSAGES.noteMissing } });
    const page = await form(id, "note", { note: "" });
    expect(page.status).toBe(422);
    const body = await page.text();
    expect(body).toMatch(
      /<textarea class="textarea" id="note-note"[^>]* aria-describedby="note-note-hint note-note-error" aria-invalid="true">/,
    );
    const notes = await db()
      .prepare("SELECT 1 FROM audit_log WHERE submission_id = ? AND action = 'note'")
      .bind(id)
      .all();
    expect(notes.results).toHaveLength(0);
  });

  it("assigning to another municipality's clerk through the form: the list points at the error", async () => {
    const { id } = await fileComplaint();
    const page = await form(id, "assign", { email: "delovoditel@kovachevtsi.example" });
    expect(page.status).toBe(422);
    expect(await page.text()).toMatch(
      /<select class="input" id="assign-email" name="email" aria-describedby="assign-email-error">/,
    );
  });

  it("a reason for leaving it unconsidered written out counts as „Друга причина“ with that text", async () => {
    const { id } = await fileComplaint();
    const ok = await post(id, "status", {
      status: "not_considered",
      reason: "Подадена е три пъти с един и същ текст.",
    });
    expect(ok.status).toBe(200);
    const row = await db()
      .prepare("SELECT status, not_considered_reason, not_considered_note FROM submissions WHERE id = ?")
      .bind(id)
      .first();
    expect(row).toEqual({
      status: "not_considered",
      not_considered_reason: "other",
      not_considered_note: "Подадена е три пъти с един и същ текст.",
    });
  });
});

describe("what cannot be done", () => {
  it("answering what is already answered: 409 with the reason, the first answer kept", async () => {
    const { id } = await fileComplaint();
    expect((await post(id, "answer", { text: "Първият отговор" })).status).toBe(200);
    const again = await post(id, "answer", { text: "Втори отговор" });
    expect(again.status).toBe(409);
    expect(await again.json()).toEqual({ error: MESSAGES.notAnswerable });
    const row = await db().prepare("SELECT answer_text FROM submissions WHERE id = ?").bind(id).first();
    expect(row).toEqual({ answer_text: "Първият отговор" });
  });

  it("extending a submission that has no deadline: 409 with the reason", async () => {
    const { id } = await fileComplaint();
    await setColumn(id, "deadline", null);
    const refused = await post(id, "extend", { deadline: "2099-12-31", reason: "Проверка на място" });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toEqual({ error: MESSAGES.noDeadline });
    const row = await db().prepare("SELECT extended_deadline FROM submissions WHERE id = ?").bind(id).first();
    expect(row).toEqual({ extended_deadline: null });
  });
});

describe("an extension notified by post", () => {
  it("queues no e-mail, records the date of the letter, and does not say the resident is e-mailed", async () => {
    const { id } = await fileComplaint();
    const { mailer, sent } = capturingMailer();
    const ok = await api(`/api/staff/submissions/${id}/extend`, {
      body: { deadline: "2099-03-31", reason: "Нужна е експертиза.", sentByPostOn: today() },
      cookie: clerk,
      env: { MAILER: mailer },
    });
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as {
      submission: { extendedDeadline: string; history: { action: string; detail: Record<string, unknown> }[] };
      notice: string;
    };
    expect(body.submission.extendedDeadline).toBe("2099-03-31");
    // The script that extended it is told what happened, without the e-mail sentence.
    expect(body.notice).toBe("Новият срок е 31.03.2099 г.");
    expect(body.submission.history.find((h) => h.action === "extend")?.detail.notified).toBe(`post ${today()}`);
    expect((await outboxOf(id)).filter((o) => o.template === "extension")).toHaveLength(0);
    expect(sent.filter((m) => m.to === "maria@example.com")).toHaveLength(0);

    const { id: byPost } = await fileComplaint();
    const outcome = await performAs(CLERK, byPost, "extend", {
      deadline: "2099-04-30",
      reason: "Нужна е експертиза.",
      sentByPostOn: today(),
    });
    expect(outcome).toMatchObject({ ok: true, notice: "Новият срок е 30.04.2099 г." });
    const answered = await performAs(CLERK, byPost, "answer", { text: "Отговорът", sentByPostOn: today() });
    const [y, m, d] = today().split("-");
    expect(answered).toMatchObject({
      ok: true,
      notice: `Отговорът е записан като изпратен по пощата на ${d}.${m}.${y} г.`,
    });
  });

  it("by e-mail, the record says so and the notice says the resident is told", async () => {
    const { id } = await fileComplaint();
    const outcome = await performAs(CLERK, id, "extend", { deadline: "2099-05-29", reason: "Нужна е експертиза." });
    expect(outcome).toMatchObject({
      ok: true,
      notice: "Новият срок е 29.05.2099 г. Подателят се уведомява по електронната поща.",
    });
    const entry = await db()
      .prepare("SELECT detail FROM audit_log WHERE submission_id = ? AND action = 'extend'")
      .bind(id)
      .first<{ detail: string }>();
    expect(JSON.parse(entry?.detail ?? "{}").notified).toBe("email");
    expect((await outboxOf(id)).map((o) => o.template)).toContain("extension");
  });
});

describe("assigning to nobody", () => {
  it("clears the assignee; the notice and the history say so", async () => {
    const { id } = await fileComplaint();
    expect((await post(id, "assign", { email: MANAGER })).status).toBe(200);
    const outcome = await performAs(CLERK, id, "assign", { email: "" });
    expect(outcome).toMatchObject({ ok: true, notice: "Съобщението не е възложено на никого." });
    const row = await db().prepare("SELECT assigned_to FROM submissions WHERE id = ?").bind(id).first();
    expect(row).toEqual({ assigned_to: null });
    const text = mainText(await pageOf(id));
    expect(text).toContain("Възложена на —");
    expect(text).toContain("Възлагане На Примерен ръководител");
    expect(text).toContain("Възлагане Без възлагане");
    const named = await performAs(CLERK, id, "assign", { email: MANAGER });
    expect(named).toMatchObject({ ok: true, notice: expect.stringMatching(/^Възложено на Примерен ръководител[ .]/) });
  });
});

describe("a submission's page", () => {
  it("a deadline on a day off says which day it is", async () => {
    const { id } = await fileComplaint();
    await setColumn(id, "deadline", "2099-12-13"); // a Sunday
    expect(await pageOf(id)).toContain('<dd>13.12.2099 г. <span class="muted">(неделя)</span>');
  });

  it("after the retention period a praise's text is gone, shown as „—“, and the record says the system erased it", async () => {
    const praise = await fileComplaint({
      kind: "praise",
      subject: "За гише 4",
      message: `Много любезни! ${crypto.randomUUID()}`,
    });
    expect((await post(praise.id, "status", { status: "acknowledged" })).status).toBe(200);
    const m = (await municipalities(bindings().ASSETS)).byId("kostinbrod");
    if (!m) throw new Error("no kostinbrod");
    const now = new Date();
    const expired = new Date(Date.parse(closedBefore(now, m.personalDataRetention.months)) - 86_400_000).toISOString();
    await db()
      .prepare("UPDATE submissions SET closed_at = ?, received_at = ? WHERE id = ?")
      .bind(expired, expired, praise.id)
      .run();
    await applyRetention(bindings().DB, [m], now);
    const text = mainText(await pageOf(praise.id));
    expect(text).toContain("Текст —");
    expect(text).toMatch(/Системата Изтрити лични данни/);
  });

  it("as JSON: the fields, the dates and the history", async () => {
    const { id, reference } = await fileComplaint({ subject: "Подробности като JSON" });
    const response = await api(`/api/staff/submissions/${id}`, { cookie: clerk });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      submission: {
        id: number;
        reference: string;
        status: string;
        fields: Record<string, unknown>;
        history: { actor: string; action: string }[];
      };
    };
    expect(body.submission).toMatchObject({ id, reference, status: "registered" });
    expect(body.submission.fields).toMatchObject({ subject: "Подробности като JSON", email: "maria@example.com" });
    expect(body.submission.history).toEqual([expect.objectContaining({ actor: CLERK, action: "view" })]);
  });
});

describe("the registry", () => {
  it("a submission without a subject shows „—“ in its row", async () => {
    const praise = await fileComplaint({ kind: "praise", subject: "", message: `Браво! ${crypto.randomUUID()}` });
    const html = await (await browser("/sluzhiteli/?kind=praise", { cookie: clerk })).text();
    expect(html).toMatch(new RegExp(`${praise.id}/">${praise.reference}</a></th>\\s*<td>Похвала</td>\\s*<td>—</td>`));
  });

  it("the API's dueSoon=1 lists what falls due soon", async () => {
    const soon = await fileComplaint({ subject: "Скоро по API" });
    const far = await fileComplaint({ subject: "Далеч по API" });
    await setColumn(soon.id, "deadline", sofiaDate(new Date(Date.now() + 86_400_000)));
    const response = await api("/api/staff/submissions?dueSoon=1", { cookie: clerk });
    expect(response.status).toBe(200);
    const items = ((await response.json()) as { items: { id: number }[] }).items.map((i) => i.id);
    expect(items).toContain(soon.id);
    expect(items).not.toContain(far.id);
  });

  it("the link back to the first page keeps the status, year and deadline filters", async () => {
    const soon = await fileComplaint({ subject: "Филтри в адреса" });
    await setColumn(soon.id, "deadline", sofiaDate(new Date(Date.now() + 86_400_000)));
    const year = today().slice(0, 4);
    const html = await (
      await browser(`/sluzhiteli/?status=registered&year=${year}&deadline=soon&cursor=999999999`, { cookie: clerk })
    ).text();
    expect(html).toContain(soon.reference);
    const first = /<a href="([^"]+)">Първа страница<\/a>/.exec(html)?.[1]?.replace(/&amp;/g, "&");
    if (!first) throw new Error("no link to the first page");
    const params = new URL(first, "https://harta.test").searchParams;
    expect(Object.fromEntries(params)).toEqual({ status: "registered", year, deadline: "soon" });
  });

  it("„просрочена“ when the last day passed only over a day off, „просрочена с N“ after working days", async () => {
    const { id } = await fileComplaint();
    await setColumn(id, "deadline", "2026-12-04"); // a Friday
    const record = await findForStaff(bindings().DB, "kostinbrod", id);
    if (!record) throw new Error("setup");
    const saturday = await days(bindings().ASSETS, new Date("2026-12-05T10:00:00Z"));
    const monday = await days(bindings().ASSETS, new Date("2026-12-07T10:00:00Z"));
    const wednesday = await days(bindings().ASSETS, new Date("2026-12-09T10:00:00Z"));
    expect(daysText(record, saturday)).toBe("просрочена");
    expect(daysText(record, monday)).toBe("просрочена с 1 работен ден");
    expect(daysText(record, wednesday)).toBe("просрочена с 3 работни дни");
  });
});

describe("the morning digest", () => {
  it("a line without a subject has no empty dash", async () => {
    const { id, reference } = await fileComplaint();
    await setColumn(id, "subject", "");
    await setColumn(id, "deadline", "2027-03-09");
    const { mailer, sent } = capturingMailer();
    await sendDigests({ ...bindings(), MAILER: mailer }, new Date("2027-03-10T07:00:00Z")); // a Wednesday
    const mail = await parseEml(sent.find((m) => m.to === CLERK)?.raw ?? "");
    expect(mail.text).toContain(`- ${reference} – Жалба – срок 09.03.2027 г. (просрочена с 1 работен ден)`);
  });
});

describe("the manager's record", () => {
  let manager: string;
  beforeAll(async () => {
    manager = await signIn(MANAGER);
  });
  const record = async (query = "") => (await browser(`/sluzhiteli/zapis/${query}`, { cookie: manager })).text();

  it("a cursor that is not a number is ignored; a number shows only older entries; past the oldest there is nothing", async () => {
    const { id, reference } = await fileComplaint({ subject: "Запис по страници" });
    await browser(`/sluzhiteli/${id}/`, { cookie: clerk });
    const newest = await record();
    expect(newest).toContain(reference);
    for (const cursor of ["abc", "x12", "12x"]) {
      const page = await record(`?cursor=${cursor}`);
      expect(page, cursor).toContain(reference);
    }
    const { results } = await db()
      .prepare("SELECT id FROM audit_log WHERE municipality = 'kostinbrod' ORDER BY id DESC LIMIT 1")
      .all<{ id: number }>();
    const last = results[0]?.id ?? 0;
    expect(last).toBeGreaterThan(9);
    expect(await record(`?cursor=${last}`)).not.toContain(reference);
    expect(await record(`?cursor=${last + 1}`)).toContain(reference);
    expect(mainText(await record("?cursor=1"))).toContain("Няма записани действия.");
  });

  it("after 100 entries it links to older ones", async () => {
    const { id } = await fileComplaint({ subject: "Много прегледи" });
    for (let i = 0; i < 100; i++) await browser(`/sluzhiteli/${id}/`, { cookie: clerk });
    const page = await record();
    const next = /<a href="\?cursor=(\d+)" rel="next">По-стари записи<\/a>/.exec(page)?.[1];
    if (!next) throw new Error("no link to older entries");
    const older = await record(`?cursor=${next}`);
    expect(older).toContain("Запис на действията");
    expect(mainText(older)).not.toContain("Няма записани действия.");
  }, 60_000); // 100 page views first
});

describe("the sign-in form", () => {
  it("sent without an address: 422 with the reason, the box left empty", async () => {
    const page = await browser("/sluzhiteli/vhod/", { form: {} });
    expect(page.status).toBe(422);
    const body = await page.text();
    expect(body).toMatch(/<input class="input" id="vhod-email" name="email" type="email" value=""/);
    expect(body).toContain('href="#vhod-email"');
  });
});

describe("staff pages' HTML", () => {
  it("refuses a promise, which would render as „[object Promise]“, naming why", () => {
    expect(() => html`<p>${Promise.resolve("x")}</p>`).toThrow("staff pages render synchronously");
  });
});
