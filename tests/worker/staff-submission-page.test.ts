/**
 * A submission's page and the resident's receipt for the cases other tests leave out:
 * an anonymous signal, a praise without a subject, an answer sent by post, a forwarded
 * complaint, personal data erased after the retention period.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { NOT_CONSIDERED_REASONS } from "../../functions/submissions/statuses";
import { LABELS, RATING_LABELS } from "../../src/shared/forms/messages";
import { api, browser, CLERK, fileComplaint, MANAGER, signIn } from "./staff-support";
import { db, mainText } from "./support";

let clerk: string;

beforeAll(async () => {
  clerk = await signIn(CLERK);
});

const pageHtml = async (id: number) => (await browser(`/sluzhiteli/${id}/`, { cookie: clerk })).text();
const pageText = async (id: number) => mainText(await pageHtml(id));
const receiptText = async (path: string) => mainText(await (await browser(path)).text());
const act = (id: number, action: string, body: unknown) =>
  api(`/api/staff/submissions/${id}/${action}`, { body, cookie: clerk });

describe("a submission's page", () => {
  it("an anonymous signal about a risk: no name or contact, and both boxes shown as ticked", async () => {
    const { id } = await fileComplaint({
      kind: "signal",
      name: "",
      email: "",
      anonymous: "on",
      health_risk: "on",
      message: `Открита шахта пред училището ${crypto.randomUUID()}`,
    });
    const text = await pageText(id);
    expect(text).toContain("Име — Електронна поща — Телефон — Пощенски адрес —");
    expect(text).toContain("Анонимно да");
    expect(text).toContain(`${LABELS.health_risk} да`);
  });

  it("a praise without a subject: no deadline, and the subject shown as missing", async () => {
    const { id } = await fileComplaint({ kind: "praise", subject: "", message: `Благодаря! ${crypto.randomUUID()}` });
    const text = await pageText(id);
    expect(text).toContain("Срок за отговор няма (не изисква отговор)");
    expect(text).toContain("Тема —");
    expect(text).not.toContain("Анонимно");
    // Its one step is „Приета“: the status form asks for nothing else.
    const html = await pageHtml(id);
    expect(html).toMatch(
      /<label for="status-status-0">Приета<\/label><\/div><\/fieldset><\/div><button type="submit" class="button button-primary">Запишете състоянието<\/button>/,
    );
  });

  it("an answer sent by post says so, on the page and on the receipt", async () => {
    const { id, receiptPath } = await fileComplaint({ email: "", address: "гр. Костинброд, ул. „Охрид“ 3" });
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Sofia" }).format(new Date());
    expect((await act(id, "answer", { sentByPostOn: today })).status).toBe(200);
    expect(await pageText(id)).toMatch(/Отговорена на \d\d\.\d\d\.\d{4} г\. \(по пощата\)/);
    expect(await receiptText(receiptPath)).toMatch(/Отговорена на \d\d\.\d\d\.\d{4} г\. \(по пощата\)/);
  });

  it("a forwarded complaint names the authority on the receipt, and its page offers no further status", async () => {
    const { id, receiptPath } = await fileComplaint();
    const forwardedTo = "Регионална дирекция по горите – София";
    expect((await act(id, "status", { status: "forwarded", forwardedTo })).status).toBe(200);
    expect(await receiptText(receiptPath)).toContain(`Препратена до ${forwardedTo}`);
    // A final status: the page offers no further step.
    expect(await pageText(id)).not.toContain("Ново състояние");
  });

  it("a forwarded one names the authority in its facts and its history, and offers no answer or extension", async () => {
    const { id } = await fileComplaint();
    const forwardedTo = "Басейнова дирекция – Плевен";
    expect((await act(id, "status", { status: "in_progress" })).status).toBe(200);
    expect((await act(id, "status", { status: "forwarded", forwardedTo })).status).toBe(200);
    const text = await pageText(id);
    expect(text).toContain(`Препратена до ${forwardedTo}`);
    expect(text).toContain("Регистрирана → В процес на разглеждане");
    expect(text).toContain(`В процес на разглеждане → Препратена по компетентност (до ${forwardedTo})`);
    expect(text).not.toContain("Текст на отговора");
    expect(text).not.toContain("Удължете срока");
  });

  it("one left unconsidered gives the reason and its note, in its facts and its history", async () => {
    const { id } = await fileComplaint();
    const note = "Подателят оттегли съобщението писмено.";
    expect((await act(id, "status", { status: "not_considered", reason: "other", note })).status).toBe(200);
    const text = await pageText(id);
    expect(text).toContain(`Причина Друга причина Пояснение ${note}`);
    expect(text).toContain(`Регистрирана → Оставена без разглеждане (Друга причина: ${note})`);
  });

  it("an extension and then an answer by e-mail: the reason, the dates and the way it was sent", async () => {
    const { id } = await fileComplaint();
    const reason = "Нужна е проверка на място.";
    expect((await act(id, "extend", { deadline: "2099-12-31", reason })).status).toBe(200);
    let text = await pageText(id);
    expect(text).toContain(`Причина за удължаването ${reason}`);
    expect(text).toMatch(new RegExp(`От \\d\\d\\.\\d\\d\\.\\d{4} г\\. до 31\\.12\\.2099 г\\.; причина: ${reason}`));
    expect((await act(id, "answer", { text: "Проверката е направена." })).status).toBe(200);
    text = await pageText(id);
    expect(text).toMatch(/Отговорена на \d\d\.\d\d\.\d{4} г\. \(по електронна поща\)/);
    expect(text).toMatch(/Отговорена по електронна поща на \d\d\.\d\d\.\d{4} г\./);
  });

  it("the resident's lines stay lines; the clerk it is assigned to is the one chosen", async () => {
    const { id } = await fileComplaint({ message: `Първи ред\nВтори ред ${crypto.randomUUID()}` });
    expect((await act(id, "assign", { email: MANAGER })).status).toBe(200);
    const html = await pageHtml(id);
    expect(html).toContain("Първи ред<br>Втори ред");
    expect(html).toMatch(new RegExp(`<option value="${MANAGER}" selected>`));
  });

  it("someone no longer listed as staff stays in the history by address", async () => {
    const { id } = await fileComplaint();
    const former = "byvsh@kostinbrod.example";
    await db()
      .prepare(
        "INSERT INTO audit_log (at, municipality, actor, action, submission_id, detail) VALUES (?, 'kostinbrod', ?, 'note', ?, ?)",
      )
      .bind(new Date().toISOString(), former, id, JSON.stringify({ note: "Обадих се." }))
      .run();
    const text = await pageText(id);
    expect(text).toContain(`${former} Бележка Обадих се.`);
  });

  it("after the retention period it says when the personal data was erased, and shows none", async () => {
    const { id } = await fileComplaint({ phone: "0888 999 000" });
    await db()
      .prepare(
        "UPDATE submissions SET name = '', email = '', phone = '', address = '', erased_at = '2031-02-03T10:00:00.000Z' WHERE id = ?",
      )
      .bind(id)
      .run();
    const text = await pageText(id);
    expect(text).toContain("Личните данни на подателя са изтрити на 03.02.2031");
    expect(text).toContain("след срока за съхранение");
    expect(text).not.toContain("Електронна поща");
    expect(text).not.toContain("Мария Иванова");
  });

  it("left unconsidered for a reason without a note: the reason alone, in the facts and in the history", async () => {
    const { id } = await fileComplaint();
    expect((await act(id, "status", { status: "not_considered", reason: "too_old" })).status).toBe(200);
    const text = await pageText(id);
    expect(text).toContain(`Причина ${NOT_CONSIDERED_REASONS.too_old}`);
    expect(text).not.toContain("Пояснение");
    expect(text).toContain(`Оставена без разглеждане (${NOT_CONSIDERED_REASONS.too_old})`);
  });

  it("a deadline in a year the calendar does not have yet says that only weekends are counted", async () => {
    const { id } = await fileComplaint();
    await db().prepare("UPDATE submissions SET deadline = '2099-06-30' WHERE id = ?").bind(id).run();
    expect(await pageHtml(id)).toContain(
      '30.06.2099 г.<br><span class="muted">Календарът за 2099 г. не е въведен; броят се само съботите и неделите.</span>',
    );
  });

  it("a survey registered before surveys had a table of their own: its rating and comment, no subject, no sender", async () => {
    // Migration 0002 left such surveys in `submissions`; their pages are still opened from old links.
    const row = await db()
      .prepare(
        `INSERT INTO submissions (reference, municipality, year, seq, kind, status, received_at, message, rating, receipt_token, dedup_key)
         VALUES ('94-00-9001/03.03.2025', 'kostinbrod', 2025, 9001, 'survey', 'acknowledged', '2025-03-03T09:00:00.000Z',
                 'Бързо и любезно.', 4, ?, ?) RETURNING id`,
      )
      .bind(crypto.randomUUID(), `legacy-survey:${crypto.randomUUID()}`)
      .first<{ id: number }>();
    const text = await pageText(row?.id ?? 0);
    expect(text).toContain(`Съдържание Оценка ${RATING_LABELS[4]} Текст Бързо и любезно. Подател Анкетата е анонимна.`);
    expect(text).not.toContain("Тема");
  });
});
