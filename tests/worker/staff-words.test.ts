/**
 * What a clerk reads word for word (snapshots): a submission's page with every field and
 * every action's form, the same page after a refused action (the errors and what was
 * typed, kept), the registry with its filters chosen, and the morning digest's text and
 * HTML. The day's dates, times, numbers and ids are left out. After a deliberate change,
 * look at the difference and accept it with
 * `npx vitest run --project worker tests/worker/staff-words.test.ts -u`.
 */
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import type { Bindings } from "../../functions/env";
import { sendDigests } from "../../functions/staff/digest";
import { parseEml } from "./eml";
import { browser, CLERK, capturingMailer, fileComplaint, signIn } from "./staff-support";
import { db, mainHtml } from "./support";

let clerk: string;

beforeAll(async () => {
  clerk = await signIn(CLERK);
});

/** What changes from run to run, written as its shape. */
const steady = (text: string) =>
  text
    .replace(/\d\d\.\d\d\.\d{4}/g, "ДД.ММ.ГГГГ")
    .replace(/\d{4}-\d\d-\d\d/g, "ГГГГ-ММ-ДД")
    .replace(/\d\d:\d\d( ч\.)?/g, "ЧЧ:ММ$1")
    .replace(/(\d\d-\d\d)-\d+/g, "$1-N")
    .replace(/\/sluzhiteli\/\d+\//g, "/sluzhiteli/ID/")
    .replace(/(value|name)="[A-Za-z0-9_-]{32,}"/g, '$1="TOKEN"')
    .replace(/Остават \d+ работни дни/g, "Остават N работни дни")
    .replace(/\b20\d\d\b/g, "ГГГГ");

const page = async (path: string, init: { form?: Record<string, string> } = {}) => {
  const response = await browser(path, { cookie: clerk, ...init });
  return { status: response.status, main: mainHtml(await response.text()) };
};

const resident = {
  subject: "Неприветливо обслужване на гишето",
  message: "Служителят отказа да приеме заявлението ми.",
  name: "Мария Иванова",
  email: "maria@example.com",
  phone: "0888 123 456",
  address: "гр. Костинброд, ул. „Охрид“ 3",
};

describe("a submission's page", () => {
  it("a complaint with every field, and each action's form", async () => {
    const { id } = await fileComplaint({ ...resident, message: `${resident.message} (страница)` });
    const { status, main } = await page(`/sluzhiteli/${id}/`);
    expect(status).toBe(200);
    expect(main).toContain("0888 123 456");
    expect(steady(main)).toMatchSnapshot();
  });

  it("an anonymous signal about a risk", async () => {
    const { id } = await fileComplaint({
      kind: "signal",
      subject: "Открита шахта",
      message: "Открита шахта пред училището.",
      name: "",
      email: "",
      anonymous: "on",
      health_risk: "on",
    });
    expect(steady((await page(`/sluzhiteli/${id}/`)).main)).toMatchSnapshot();
  });

  it("an extension refused: the errors in a summary and at each field, what was typed kept", async () => {
    const { id } = await fileComplaint({ ...resident, message: `${resident.message} (удължаване)` });
    const { status, main } = await page(`/sluzhiteli/${id}/extend/`, {
      form: { deadline: "2020-01-01", reason: "", sentByPostOn: "не е дата" },
    });
    expect(status).toBe(422);
    expect(main).toContain('value="не е дата"');
    expect(steady(main)).toMatchSnapshot();
  });

  it("a status refused: the choice and the note kept", async () => {
    const { id } = await fileComplaint({ ...resident, message: `${resident.message} (състояние)` });
    const { status, main } = await page(`/sluzhiteli/${id}/status/`, {
      form: { status: "not_considered", reason: "other", note: "" },
    });
    expect(status).toBe(422);
    expect(steady(main)).toMatchSnapshot();
  });

  it("assigning refused: the list keeps the one chosen", async () => {
    const { id } = await fileComplaint({ ...resident, message: `${resident.message} (възлагане)` });
    const { status, main } = await page(`/sluzhiteli/${id}/assign/`, {
      form: { email: "delovoditel@kovachevtsi.example" },
    });
    expect(status).toBe(422);
    expect(steady(main)).toMatchSnapshot();
  });
});

describe("the registry", () => {
  it("with its filters chosen, each kept in the form", async () => {
    await fileComplaint({ ...resident, message: `${resident.message} (регистър)` });
    const { status, main } = await page("/sluzhiteli/?kind=complaint&status=registered&year=2099&deadline=overdue");
    expect(status).toBe(200);
    expect(steady(main)).toMatchSnapshot();
  });

  it("a malformed year is named, whatever surrounds its four digits; spaces around a filter do not count", async () => {
    for (const year of ["12026", "2026x", "x2026"]) {
      const { status, main } = await page(`/sluzhiteli/?year=${year}`);
      expect(status, year).toBe(400);
      expect(main, year).toContain("Годината се пише с четири цифри, напр. 2026.");
    }
    const spaced = await page("/sluzhiteli/?kind=%20signal%20&year=%202099%20");
    expect(spaced.status).toBe(200);
    expect(spaced.main).not.toContain("Няма такъв вид съобщение.");
    expect(spaced.main).not.toContain("Годината се пише");
    expect(spaced.main).toMatch(/<option value="signal" selected>/);
  });
});

describe("the morning digest", () => {
  it("says what is overdue and what falls due soon, in text and in HTML", async () => {
    // A municipality of its own so that no other test's submissions are in its digest.
    const late = await fileComplaint({ ...resident, subject: "Просрочена жалба", message: "Първа." }, "kovachevtsi");
    const soon = await fileComplaint({ ...resident, subject: "Скоро изтича", message: "Втора." }, "kovachevtsi");
    const set = db().prepare("UPDATE submissions SET deadline = ? WHERE id = ?");
    await db().batch([set.bind("2026-11-27", late.id), set.bind("2026-12-08", soon.id)]);
    const { mailer, sent } = capturingMailer();
    await sendDigests({ ...(env as unknown as Bindings), MAILER: mailer }, new Date("2026-12-02T06:30:00Z"));
    const mail = sent.find((m) => m.to === "delovoditel@kovachevtsi.example");
    expect(mail).toBeDefined();
    const parsed = await parseEml(mail?.raw ?? "");
    expect(parsed.email.subject).toBe("Регистър: 1 просрочени, 1 със срок до 5 работни дни");
    expect(steady(parsed.text)).toMatchSnapshot();
    expect(steady(parsed.html)).toMatchSnapshot();
  });
});
