/**
 * Markup typed by anyone — a resident into the form, a clerk into an answer, a reason
 * or a note — reaches every page and e-mail that shows it as the characters typed:
 * the staff pages, the registry and the record, the answer and extension e-mails,
 * the morning digest, the resident's receipt and the forms shown again with errors.
 * (The staff e-mail of a new submission: tests/worker/mail.test.ts.)
 */
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import type { Bindings } from "../../functions/env";
import { sendDigests } from "../../functions/staff/digest";
import { parseEml } from "./eml";
import { api, browser, CLERK, capturingMailer, fileComplaint, MANAGER, type SentMail, signIn } from "./staff-support";
import { call, complaint, db, escapedMarkup, LIVE_MARKUP, markup, ORIGIN, postForm } from "./support";

let clerk: string;

beforeAll(async () => {
  clerk = await signIn(CLERK);
});

const act = (id: number, action: string, body: unknown, mailer?: SendEmail) =>
  api(`/api/staff/submissions/${id}/${action}`, { body, cookie: clerk, env: mailer ? { MAILER: mailer } : undefined });

/** Shows every `where` as typed, and no tag of the markup anywhere. */
function expectEscaped(html: string, ...where: string[]) {
  for (const w of where) expect(html, w).toContain(escapedMarkup(w));
  expect(html).not.toMatch(LIVE_MARKUP);
}

const page = async (path: string, cookie = clerk) => (await browser(path, { cookie })).text();

/** A complaint with markup in every field a resident types (an address may only carry an apostrophe). */
function fileMarked() {
  return fileComplaint({
    subject: markup("subject"),
    message: `${markup("message")}\n${markup("second line")}\n${crypto.randomUUID()}`,
    name: markup("name"),
    email: "o'neil@example.com",
    address: markup("address"),
  });
}

/** The one e-mail a mailer sent to the resident. */
async function toResident(sent: SentMail[]) {
  const mail = sent.find((m) => m.to === "o'neil@example.com");
  if (!mail) throw new Error(`nothing was sent to the resident: ${sent.map((m) => m.to).join(", ")}`);
  return parseEml(mail.raw);
}

describe("a worked submission full of markup", () => {
  let worked: Awaited<ReturnType<typeof fileComplaint>>;
  let extension: Awaited<ReturnType<typeof parseEml>>;
  let answer: Awaited<ReturnType<typeof parseEml>>;

  beforeAll(async () => {
    worked = await fileMarked();
    expect((await act(worked.id, "note", { note: markup("note") })).status).toBe(200);
    const extended = capturingMailer();
    const reason = { deadline: "2099-12-31", reason: markup("extension") };
    expect((await act(worked.id, "extend", reason, extended.mailer)).status).toBe(200);
    extension = await toResident(extended.sent);
    const answered = capturingMailer();
    const text = `${markup("answer")}\n${markup("answer, second line")}`;
    expect((await act(worked.id, "answer", { text }, answered.mailer)).status).toBe(200);
    answer = await toResident(answered.sent);
  });

  it("its page shows every field, the answer and the history as typed", async () => {
    const html = await page(`/sluzhiteli/${worked.id}/`);
    expectEscaped(html, "subject", "message", "second line", "name", "address", "note", "extension", "answer");
    expect(html).toContain("answer, second line");
    expect(html).toContain("o&#39;neil@example.com");
  });

  it("the registry lists its subject as typed", async () => {
    expectEscaped(await page("/sluzhiteli/"), "subject");
  });

  it("the manager's record shows the note and the reason as typed", async () => {
    expectEscaped(await page("/sluzhiteli/zapis/", await signIn(MANAGER)), "note", "extension");
  });

  it("the extension e-mail carries the reason as text", () => {
    expectEscaped(extension.html, "extension");
    expect(extension.htmlText).toContain(markup("extension"));
    expect(extension.text).toContain(markup("extension"));
  });

  it("the answer e-mail carries the answer as text, line by line", () => {
    expectEscaped(answer.html, "answer", "answer, second line");
    expect(answer.html).toContain(`${escapedMarkup("answer")}<br>${escapedMarkup("answer, second line")}`);
    expect(answer.text).toContain(`${markup("answer")}\n${markup("answer, second line")}`);
  });

  it("the resident's receipt shows the reason for the extension as typed", async () => {
    expectEscaped(await (await browser(worked.receiptPath)).text(), "extension");
  });
});

describe("what a clerk types in the other actions", () => {
  it("the competent authority of a forwarded submission", async () => {
    const { id } = await fileMarked();
    expect((await act(id, "status", { status: "forwarded", forwardedTo: markup("authority") })).status).toBe(200);
    expectEscaped(await page(`/sluzhiteli/${id}/`), "authority", "subject");
  });

  it("the explanation of a submission left unconsidered", async () => {
    const { id } = await fileMarked();
    const body = { status: "not_considered", reason: "other", note: markup("explanation") };
    expect((await act(id, "status", body)).status).toBe(200);
    expectEscaped(await page(`/sluzhiteli/${id}/`), "explanation");
  });

  it("an answer refused for a bad date comes back in its box with the date, as typed", async () => {
    const { id } = await fileMarked();
    const refused = await browser(`/sluzhiteli/${id}/answer/`, {
      form: { text: markup("refused answer"), sentByPostOn: markup("date") },
      cookie: clerk,
    });
    expect(refused.status).toBe(422);
    expectEscaped(await refused.text(), "refused answer", "date");
  });

  it("a search of the registry is shown in its box as typed", async () => {
    expectEscaped(await page(`/sluzhiteli/?q=${encodeURIComponent(markup("search"))}`), "search");
  });

  it("an address typed on the sign-in page comes back as typed", async () => {
    const response = await browser("/sluzhiteli/vhod/", { form: { email: markup("sign-in") } });
    expectEscaped(await response.text(), "sign-in");
  });
});

describe("the morning digest", () => {
  it("lists an overdue submission's subject as typed", async () => {
    const { id } = await fileMarked();
    await db().prepare("UPDATE submissions SET deadline = '2026-11-20' WHERE id = ?").bind(id).run();
    const { mailer, sent } = capturingMailer();
    // Thursday 3 December 2026, 09:00 in Sofia: a working day, after 08:00.
    await sendDigests({ ...(env as unknown as Bindings), MAILER: mailer }, new Date("2026-12-03T07:00:00Z"));
    const mail = sent.find((m) => m.to === CLERK);
    if (!mail) throw new Error("no digest was sent to the clerk");
    const digest = await parseEml(mail.raw);
    expectEscaped(digest.html, "subject");
    expect(digest.text).toContain(markup("subject"));
  });
});

describe("a resident's form shown again with errors", () => {
  it("keeps every field as typed", async () => {
    const response = await postForm(
      complaint({
        subject: markup("subject"),
        message: markup("message"),
        name: markup("name"),
        email: markup("email"),
        phone: markup("phone"),
        address: markup("address"),
      }),
    );
    expect(response.status).toBe(422);
    expectEscaped(await response.text(), "subject", "message", "name", "email", "phone", "address");
  });

  it("page feedback keeps its comment as typed", async () => {
    const response = await call(
      new Request(`${ORIGIN}/api/feedback`, {
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          Origin: ORIGIN,
          "CF-Connecting-IP": "10.9.9.9",
        },
        body: new URLSearchParams({ page: "/kostinbrod/harta/", comment: markup("comment") }).toString(),
      }),
    );
    expect(response.status).toBe(422);
    expectEscaped(await response.text(), "comment");
  });
});
