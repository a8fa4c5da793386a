/** A satisfaction survey is feedback, not correspondence: counted, never numbered or e-mailed, never merged across residents. */
import { describe, expect, it } from "vitest";
import { call, count, db, failingDatabase, mainText, ORIGIN, postForm, postJson, recordingMailer } from "./support";

const survey = (overrides: Record<string, string> = {}) => ({
  municipality: "kovachevtsi",
  kind: "survey",
  rating: "5",
  message: "",
  ...overrides,
});
const answers = (municipality: string, comment: string) =>
  count("SELECT 1 FROM survey_responses WHERE municipality = ? AND comment = ?", municipality, comment);

describe("a survey", () => {
  it("gets no incoming number and no e-mail; the resident is thanked", async () => {
    const mail = recordingMailer();
    const comment = `Бързо и любезно ${crypto.randomUUID()}`;
    const submissions = await count("SELECT 1 FROM submissions");
    const outbox = await count("SELECT 1 FROM email_outbox");
    const json = await postJson(survey({ message: comment }), { env: { MAILER: mail.mailer } });
    expect(json.status).toBe(201);
    expect(await json.json()).toEqual({
      reference: null,
      deadline: null,
      receiptUrl: "/obratna-vrazka/anketa/kovachevtsi/",
    });
    const form = await postForm(survey({ message: `${comment}!` }), { env: { MAILER: mail.mailer } });
    expect(form.status).toBe(303);
    expect(form.headers.get("location")).toBe("/obratna-vrazka/anketa/kovachevtsi/");
    expect(await answers("kovachevtsi", comment)).toBe(1);
    expect(await count("SELECT 1 FROM submissions")).toBe(submissions);
    expect(await count("SELECT 1 FROM email_outbox")).toBe(outbox);
    expect(mail.sent).toEqual([]);

    const thanks = await call(new Request(`${ORIGIN}/obratna-vrazka/anketa/kovachevtsi/`));
    expect(thanks.status).toBe(200);
    const text = mainText(await thanks.text());
    expect(text).toContain("Благодарим за оценката");
    expect(text).toContain("Община Ковачевци отчита оценките в годишния доклад");
    expect(text).not.toMatch(/входящ номер/i);
    expect((await call(new Request(`${ORIGIN}/obratna-vrazka/anketa/nyama-takava/`))).status).toBe(404);
  });

  it("three residents who each rate „5“ without a comment are three answers", async () => {
    const before = await count("SELECT 1 FROM survey_responses WHERE municipality = 'kostinbrod' AND rating = 5");
    for (let i = 0; i < 3; i++) expect((await postForm(survey({ municipality: "kostinbrod" }))).status).toBe(303);
    const after = await count("SELECT 1 FROM survey_responses WHERE municipality = 'kostinbrod' AND rating = 5");
    expect(after - before).toBe(3);
  });

  it("the same loaded form sent twice (a double click) is one answer", async () => {
    const comment = crypto.randomUUID();
    const once = survey({ message: comment, form_load: crypto.randomUUID().replace(/-/g, "") });
    await Promise.all([postJson(once), postJson(once)]);
    await postForm(once);
    expect(await answers("kovachevtsi", comment)).toBe(1);
  });

  it("stores the rating and the comment only, never contact details", async () => {
    const comment = crypto.randomUUID();
    await postJson({ ...survey({ message: comment, rating: "2" }), name: "Иван Петров", email: "ivan@example.com" });
    const row = await db().prepare("SELECT * FROM survey_responses WHERE comment = ?").bind(comment).first();
    expect(row).toMatchObject({ municipality: "kovachevtsi", rating: 2, comment });
    expect(JSON.stringify(row)).not.toMatch(/Иван|ivan@/);
  });

  it("a bot that fills the honeypot is thanked like a resident, and nothing is counted", async () => {
    const comment = `Бот ${crypto.randomUUID()}`;
    const json = await postJson({ ...survey({ message: comment }), website: "http://spam.example" });
    expect(json.status).toBe(201);
    expect(await json.json()).toEqual({
      reference: null,
      deadline: null,
      receiptUrl: "/obratna-vrazka/anketa/kovachevtsi/",
    });
    const form = await postForm({ ...survey({ message: comment }), website: "x" });
    expect(form.headers.get("location")).toBe("/obratna-vrazka/anketa/kovachevtsi/");
    expect(await answers("kovachevtsi", comment)).toBe(0);
  });

  it("when D1 cannot store it, the resident is told so (503) and gets the form back with the rating and comment", async () => {
    const comment = `Не се записа ${crypto.randomUUID()}`;
    const json = await postJson(survey({ message: comment }), { env: { DB: failingDatabase() } });
    expect(json.status).toBe(503);
    const page = await postForm(survey({ rating: "2", message: comment }), { env: { DB: failingDatabase() } });
    expect(page.status).toBe(503);
    const html = await page.text();
    expect(html).toContain(`>${comment}</textarea>`);
    expect(html).toMatch(/<input[^>]*value="2"[^>]*checked/);
    expect(await answers("kovachevtsi", comment)).toBe(0);
  });
});
