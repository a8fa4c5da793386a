/**
 * E-mail: what staff and residents receive, read back from the raw message the way a
 * mail program reads it (postal-mime); that nothing typed reaches a header or the
 * HTML as markup; and that the outbox never loses a message.
 */
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import { decodeWords } from "postal-mime";
import { describe, expect, it } from "vitest";
import type { Municipality } from "../../functions/content/municipalities";
import { type SubmissionRecord, toRecord } from "../../functions/db/submissions";
import type { Bindings } from "../../functions/env";
import worker from "../../functions/index";
import { composeMail, headerSafe } from "../../functions/mail/compose";
import { backoffMs, MAX_ATTEMPTS } from "../../functions/mail/outbox";
import { FIRST_SEND_LEASE_MS } from "../../functions/submissions/register";
import { municipalitySchema } from "../../src/shared/municipality";
import testovoJson from "../fixtures/municipalities/testovo.json";
import { mailbox, type ParsedMail, parseEml } from "./eml";
import {
  complaint,
  escapedMarkup,
  LIVE_MARKUP,
  markup,
  municipality,
  outboxOf,
  postForm,
  postJson,
  recordingMailer,
  registerAt,
  submissionsWithMessage,
} from "./support";

const kostinbrod = await municipality("kostinbrod");
/** Publishes no e-mail address and no phone. */
const kovachevtsi = await municipality("kovachevtsi");
const settings = { from: "harta@harta.example", publicOrigin: "https://harta.example" };

function record(overrides: Partial<SubmissionRecord> = {}): SubmissionRecord {
  return {
    municipality: "kostinbrod",
    kind: "complaint",
    subject: "Лошо обслужване",
    message: "Ред 1\nРед 2 <script>alert(1)</script> & „кавички“",
    name: "Мария Иванова",
    email: "maria@example.com",
    phone: "0888 123 456",
    address: "гр. Костинброд",
    anonymous: false,
    health_risk: false,
    rating: null,
    id: 17,
    status: "registered",
    reference: "94-00-17/21.11.2026",
    receivedAt: "2026-11-21T12:32:00.000Z",
    deadline: "2027-01-21",
    receiptToken: "AAAAAAAAAAAAAAAAAAAAAA",
    assignedTo: null,
    extendedDeadline: null,
    extensionReason: null,
    answerText: null,
    answeredOn: null,
    answeredByPost: false,
    forwardedTo: null,
    notConsideredReason: null,
    notConsideredNote: null,
    closedAt: null,
    erasedAt: null,
    version: 0,
    ...overrides,
  };
}

const staffMail = async (overrides: Partial<SubmissionRecord> = {}) =>
  parseEml((await composeMail("staff", record(overrides), kostinbrod, "delovodstvo@kostinbrod.example", settings)).raw);

/** Every header line at most 78 characters, every encoded word at most 75 (RFC 5322, RFC 2047), ASCII only. */
function expectWellFormedHeaders(mail: ParsedMail) {
  for (const line of mail.headerLines) {
    expect(line.length, line).toBeLessThanOrEqual(78);
    expect(line, line).toMatch(/^[\x20-\x7e]*$/);
    for (const word of line.match(/=\?[^?]+\?[BQ]\?[^?]*\?=/gi) ?? []) expect(word.length).toBeLessThanOrEqual(75);
  }
}

/** The parts as sent: text/plain, then text/html, both UTF-8 in base64, lines ending in CRLF (RFC 2046). */
function expectTwoBase64Parts(mail: ParsedMail) {
  expect(mail.rawHeader("Content-Type")).toMatch(/^multipart\/alternative;/);
  expect(mail.parts).toEqual([
    { type: "text/plain", charset: "utf-8", encoding: "base64" },
    { type: "text/html", charset: "utf-8", encoding: "base64" },
  ]);
  expect(mail.email.text).toContain("\r\n");
  expect(mail.email.text).not.toMatch(/[^\r]\n/);
}

describe("the e-mail to staff", () => {
  it("comes from the municipality's name at MAIL_FROM, to the recipient, with Reply-To the resident", async () => {
    const mail = await staffMail();
    expect(mailbox(mail.email.from)).toBe("Община Костинброд – Харта на клиента <harta@harta.example>");
    expect(mail.rawHeader("From")).toMatch(/^=\?UTF-8\?B\?\S+\?= (=\?UTF-8\?B\?\S+\?= )*<harta@harta\.example>$/);
    expect(mail.email.to?.map(mailbox)).toEqual(["<delovodstvo@kostinbrod.example>"]);
    expect(mail.email.replyTo?.map(mailbox)).toEqual(["<maria@example.com>"]);
    expect(mail.email.subject).toBe("[Жалба] вх. № 94-00-17/21.11.2026 – Лошо обслужване");
    expect(mail.rawHeader("Auto-Submitted")).toBe("auto-generated");
    expectWellFormedHeaders(mail);
  });

  it("has a plain-text part and an HTML part that read the same, every field in both", async () => {
    const mail = await staffMail();
    expectTwoBase64Parts(mail);
    const sentences = [
      "Нова жалба до Община Костинброд чрез сайта „Харта на клиента“.",
      "Отговорът на това писмо отива до подателя.",
    ];
    const rows = [
      ["Входящ номер", "94-00-17/21.11.2026"],
      ["Получено", "21.11.2026 г., 14:32 ч."], // Bulgarian time
      ["Срок за отговор", "21.01.2027 г. – 2 месеца по АПК, глава осма"],
      ["Тема", "Лошо обслужване"],
      ["Име", "Мария Иванова"],
      ["Електронна поща", "maria@example.com"],
      ["Телефон", "0888 123 456"],
      ["Пощенски адрес", "гр. Костинброд"],
      ["Анонимно", "не"],
    ];
    for (const sentence of sentences) {
      expect(mail.text).toContain(sentence);
      expect(mail.htmlText).toContain(sentence);
    }
    for (const [label, value] of rows) {
      expect(mail.text).toContain(`${label}: ${value}`); // a line of text
      expect(mail.htmlText).toContain(`${label} ${value}`); // a row of the table
    }
    expect(mail.text).toContain("Текст:\nРед 1\nРед 2 <script>alert(1)</script> & „кавички“\n");
    expect(mail.htmlText).toContain("Ред 1 Ред 2 <script>alert(1)</script> & „кавички“");
    expect(mail.html).toContain("Ред 1<br>Ред 2 &lt;script&gt;alert(1)&lt;/script&gt; &amp; „кавички“");
    expect(mail.html).not.toContain("<script>");
  });

  it("keeps both parts in base64 when the resident wrote in Latin letters (a line of theirs never reads as MIME)", async () => {
    const message = `${"Dear municipality, the bus stop on the main street has no shelter. ".repeat(30)}\n--boundary\nFrom: x`;
    const mail = await staffMail({ subject: "Bus stop", message, name: "John Smith", address: "Sofia" });
    expectTwoBase64Parts(mail);
    expect(mail.text).toMatch(/^--boundary\r?\nFrom: x$/m);
  });

  it("links to the submission's page in the registry, in both parts", async () => {
    const mail = await staffMail({ id: 42 });
    expect(mail.text.split("\n")).toContain("https://harta.example/sluzhiteli/42/");
    expect(mail.html).toContain('href="https://harta.example/sluzhiteli/42/"');
  });

  it("marks with „—“ what the resident left empty, and says „да“ where a signal is anonymous and a risk", async () => {
    const mail = await staffMail({
      kind: "signal",
      subject: "",
      message: "",
      name: "",
      email: "",
      phone: "",
      address: "",
      anonymous: true,
      health_risk: true,
    });
    const rows = [
      ["Тема", "—"],
      ["Име", "—"],
      ["Електронна поща", "—"],
      ["Телефон", "—"],
      ["Пощенски адрес", "—"],
      ["Анонимно", "да"],
      ["Проблемът застрашава здравето и сигурността на гражданите", "да"],
    ];
    for (const [label, value] of rows) {
      expect(mail.text).toContain(`${label}: ${value}`);
      expect(mail.htmlText).toContain(`${label} ${value}`);
    }
    expect(mail.text).toContain("Текст:\n—\n");
    expect(mail.htmlText).toContain("Текст —");
  });

  it("for a survey: the rating, no subject, the sender anonymous, and no deadline for an answer", async () => {
    const mail = await staffMail({ kind: "survey", subject: "", name: "", email: "", rating: 4, deadline: null });
    for (const [label, value] of [
      ["Оценка", "4 – доволен"],
      ["Подател", "анкетата е анонимна"],
      ["Срок за отговор", "няма (не изисква отговор)"],
    ]) {
      expect(mail.text).toContain(`${label}: ${value}`);
      expect(mail.htmlText).toContain(`${label} ${value}`);
    }
    expect(mail.text).not.toContain("Тема:");
    expect(mail.text).not.toContain("Име:");
    expect(mail.email.subject).toBe("[Анкета] вх. № 94-00-17/21.11.2026");
  });

  it("says plainly when nobody can be answered by replying (no e-mail from the resident)", async () => {
    const mail = await staffMail({ email: "", address: "гр. Костинброд" });
    expect(mail.email.replyTo).toBeUndefined();
    expect(mail.rawHeader("Reply-To")).toBeUndefined();
    const sentence = "Подателят не е посочил електронна поща, затова отговор на това писмо не стига до никого.";
    expect(mail.text).toContain(sentence);
    expect(mail.htmlText).toContain(sentence);
  });

  it("folds a long subject into encoded words on lines of at most 78 characters, same text", async () => {
    const subject = "Много дълга тема за обслужването на гишето ".repeat(3).trim(); // 128 characters
    const mail = await staffMail({ subject });
    expectWellFormedHeaders(mail);
    const subjectLines = mail.headerLines.slice(mail.headerLines.findIndex((l) => l.startsWith("Subject:")));
    expect(subjectLines[1]).toMatch(/^ =\?UTF-8\?B\?/); // really folded, not one long line
    expect(mail.email.subject).toBe(`[Жалба] вх. № 94-00-17/21.11.2026 – ${[...subject].slice(0, 100).join("")}…`);
  });

  it("cuts the subject after 100 characters as a reader counts them: never half an emoji or accent", async () => {
    const prefix = "[Жалба] вх. № 94-00-17/21.11.2026 – ";
    const cases = [
      ["👍🏽", "skin tone: two code points, four UTF-16 units"],
      ["👩‍👩‍👧‍👦", "a family: seven code points joined by ZWJ"],
      ["🇧🇬", "a flag: two regional indicators"],
      ["а̀", "a stressed Cyrillic а: a letter and a combining grave accent (no precomposed form)"],
    ] as const;
    for (const [cluster, what] of cases) {
      const subject = `${"ж".repeat(99)}${cluster}и още текст`;
      const mail = await staffMail({ subject });
      expect(mail.email.subject, what).toBe(`${prefix}${"ж".repeat(99)}${cluster}…`);
      expect(mail.email.subject, what).not.toContain("\uFFFD");
      // Each encoded word holds whole code points: decoded alone, none is broken.
      for (const word of mail.rawHeader("Subject")?.split(" ") ?? []) {
        expect(decodeWords(word), what).not.toContain("\uFFFD");
      }
      expectWellFormedHeaders(mail);
    }
  });

  it("keeps a subject of exactly 100 characters whole, without „…“ (nothing was cut)", async () => {
    const subject = "ж".repeat(100);
    expect((await staffMail({ subject })).email.subject).toBe(`[Жалба] вх. № 94-00-17/21.11.2026 – ${subject}`);
    expect((await staffMail({ subject: `${subject}и` })).email.subject).toBe(
      `[Жалба] вх. № 94-00-17/21.11.2026 – ${subject}…`,
    );
  });

  it("never splits a character's UTF-8 bytes between two encoded words, and the words join up to the subject", async () => {
    // RFC 2047: each encoded word holds whole characters (code points); a reader's program
    // joins adjacent words, so a ZWJ sequence spread over two of them shows as one emoji.
    const family = "👩‍👩‍👧‍👦"; // seven code points, 25 bytes in UTF-8
    const mail = await staffMail({ subject: family.repeat(5) });
    const words = (mail.rawHeader("Subject") ?? "").split(" ").map((w) => decodeWords(w));
    expect(words.length).toBeGreaterThan(1);
    for (const word of words) expect(word).not.toContain("\uFFFD");
    expect(words.join("")).toBe(mail.email.subject);
    expect(mail.email.subject).toBe(`[Жалба] вх. № 94-00-17/21.11.2026 – ${family.repeat(5)}`);
    expectWellFormedHeaders(mail);
  });

  it("a line break in a subject becomes one space: nothing typed can start a header of its own", async () => {
    const mail = await staffMail({ subject: "Първи ред\r\nBcc: x@evil.example\n\nвтори" });
    expect(mail.email.subject).toBe("[Жалба] вх. № 94-00-17/21.11.2026 – Първи ред Bcc: x@evil.example втори");
    expect(mail.rawHeader("Bcc")).toBeUndefined();
    expectWellFormedHeaders(mail);
  });

  it("keeps a character too long for any encoded word (30 accents on one letter) whole in the subject", async () => {
    const heavy = `а${"\u0301".repeat(30)}`; // one grapheme, 62 bytes
    const mail = await staffMail({ subject: `Тема ${heavy} край` });
    expectWellFormedHeaders(mail);
    expect(mail.email.subject).toBe(`[Жалба] вх. № 94-00-17/21.11.2026 – Тема ${heavy} край`);
  });
});

describe("each e-mail word for word", () => {
  // Snapshots of what staff and residents read, both parts, for one known submission to the
  // test municipality (tests/fixtures/: editors' changes to the real ones do not move them).
  // After a deliberate change, look at the difference and accept it with
  // `npx vitest run --project worker tests/worker/mail.test.ts -u`.
  const testovo: Municipality = { ...municipalitySchema.parse(testovoJson), id: "testovo" };
  const known = record({
    municipality: "testovo",
    answerText: "Уважаема г-жо Иванова,\nслужителят е предупреден.",
    answeredOn: "2026-12-01",
    extendedDeadline: "2027-02-15",
    extensionReason: "Нужна е проверка на място.",
  });
  it.each(["staff", "acknowledgement", "answer", "extension"] as const)("the %s e-mail", async (template) => {
    const mail = await parseEml((await composeMail(template, known, testovo, "maria@example.com", settings)).raw);
    expect({ subject: mail.email.subject, text: mail.text, html: mail.html }).toMatchSnapshot();
  });
});

describe("markup typed by a resident comes out escaped in the staff e-mail's HTML part", () => {
  const fields = ["subject", "name", "email", "phone", "address", "message"] as const;

  for (const field of fields) {
    it(`in the ${field}`, async () => {
      const mail = await staffMail({ [field]: markup(field) });
      expect(mail.html).toContain(escapedMarkup(field));
      expect(mail.html).not.toMatch(LIVE_MARKUP);
      expect(mail.htmlText).toContain(markup(field)); // what staff read: the characters typed
      expect(mail.text).toContain(markup(field));
    });
  }

  it("for everything the form accepts, end to end: form post, D1 row, e-mail", async () => {
    const fields = complaint({
      subject: markup("subject"),
      name: markup("name"),
      email: "o'neil@example.com", // the apostrophe is the only markup character an address may have
      address: markup("address"),
      message: `${markup("message")}\n${crypto.randomUUID()}`,
    });
    expect((await postJson(fields)).status).toBe(201);
    const [row] = await submissionsWithMessage(fields.message ?? "");
    if (!row) throw new Error("the submission was not stored");
    expect(row.subject).toBe(markup("subject"));
    const mail = await parseEml((await composeMail("staff", toRecord(row), kostinbrod, "a@b.bg", settings)).raw);
    for (const field of ["subject", "name", "address", "message"]) expect(mail.html).toContain(escapedMarkup(field));
    expect(mail.html).toContain("o&#39;neil@example.com");
    expect(mail.html).not.toMatch(LIVE_MARKUP);
    expect(mail.email.replyTo?.map(mailbox)).toEqual(["<o'neil@example.com>"]);
  });

  it("a phone number with markup never gets that far: the form refuses it (422)", async () => {
    expect((await postJson(complaint({ phone: markup("phone") }))).status).toBe(422);
  });
});

describe("the acknowledgement to the resident", () => {
  const acknowledgement = async (m: Municipality, overrides: Partial<SubmissionRecord> = {}) =>
    parseEml((await composeMail("acknowledgement", record(overrides), m, "maria@example.com", settings)).raw);

  it("reaches an address on an internationalised domain: envelope and header in ASCII", async () => {
    const composed = await composeMail(
      "acknowledgement",
      record({ email: "ivan@пример.бг" }),
      kostinbrod,
      "ivan@пример.бг",
      settings,
    );
    expect(composed.to).toBe("ivan@xn--e1afmkfd.xn--90ae");
    expect((await parseEml(composed.raw)).rawHeader("To")).toBe("ivan@xn--e1afmkfd.xn--90ae");
  });

  it("is sent from MAIL_FROM on an internationalised domain: the envelope's sender in ASCII", async () => {
    const from = "harta@община.бг";
    const composed = await composeMail("acknowledgement", record(), kostinbrod, "maria@example.com", {
      ...settings,
      from,
    });
    expect(composed.from).toBe(`harta@${new URL("https://община.бг").hostname}`);
    expect(composed.from).toMatch(/^harta@xn--[a-z0-9-]+\.xn--[a-z0-9]+$/);
  });

  it("links to the receipt with one slash after the site's address, written with a trailing slash or not", async () => {
    for (const publicOrigin of ["https://harta.example/", "https://harta.example"]) {
      const composed = await composeMail("acknowledgement", record(), kostinbrod, "maria@example.com", {
        ...settings,
        publicOrigin,
      });
      const mail = await parseEml(composed.raw);
      expect(mail.text, publicOrigin).toContain(
        "Потвърждението е и на адрес: https://harta.example/potvarzhdenie/AAAAAAAAAAAAAAAAAAAAAA/",
      );
      expect(mail.text + mail.html, publicOrigin).not.toContain("example//");
      expect(mail.html, publicOrigin).toContain(
        '<a href="https://harta.example/potvarzhdenie/AAAAAAAAAAAAAAAAAAAAAA/">',
      );
    }
  });

  it("lists every published phone, separated by commas, in both parts", async () => {
    const mail = await acknowledgement({ ...kostinbrod, phones: ["0721 68701", "0721 68702"] });
    for (const part of [mail.text, mail.htmlText]) expect(part).toContain("Телефон: 0721 68701, 0721 68702");
  });

  it("links the municipality's website only when it is an http(s) address: never a script", async () => {
    const website = "javascript:alert(1)//https://www.kostinbrod.bg";
    const mail = await acknowledgement({ ...kostinbrod, website });
    expect(mail.html).not.toContain('href="javascript:');
    expect(mail.html).toContain(`<li>Сайт: ${website}</li>`);
    const linked = await acknowledgement(kostinbrod);
    expect(linked.html).toContain('<li>Сайт: <a href="http://www.kostinbrod.bg">http://www.kostinbrod.bg</a></li>');
  });

  it("gives the reference, the deadline, the next steps and the receipt link, in both parts", async () => {
    const mail = await acknowledgement(kostinbrod);
    expect(mail.email.subject).toBe("Вх. № 94-00-17/21.11.2026: Вашата жалба до Община Костинброд е регистрирана");
    expect(mailbox(mail.email.from)).toBe("Община Костинброд – Харта на клиента <harta@harta.example>");
    expect(mail.email.to?.map(mailbox)).toEqual(["<maria@example.com>"]);
    expect(mail.rawHeader("Auto-Submitted")).toBe("auto-generated");
    expectTwoBase64Parts(mail);
    expectWellFormedHeaders(mail);
    for (const part of [mail.text, mail.htmlText]) {
      expect(part).toContain(
        "Вашата жалба до Община Костинброд е регистрирана на 21.11.2026 г., 14:32 ч. с входящ номер 94-00-17/21.11.2026.",
      );
      expect(part).toContain("ще Ви отговори писмено до 21.01.2027 г.");
    }
    expect(mail.text).toContain("https://harta.example/potvarzhdenie/AAAAAAAAAAAAAAAAAAAAAA/");
    expect(mail.html).toContain('<a href="https://harta.example/potvarzhdenie/AAAAAAAAAAAAAAAAAAAAAA/">');
  });

  it("for praise, which needs no answer: the thanks and nothing about a deadline", async () => {
    const mail = await acknowledgement(kostinbrod, { kind: "praise", deadline: null });
    const thanks =
      "Благодарим Ви! Община Костинброд отчита похвалите в годишния доклад за удовлетвореността на клиентите. Похвалите не изискват отговор.";
    expect(mail.text.split("\n")).toContain(thanks);
    expect(mail.html).toContain(`<p>${thanks}</p>`);
    expect(mail.text).not.toContain("Срок");
  });

  it("has Reply-To the municipality's e-mail where it publishes one, and says a reply reaches it", async () => {
    const mail = await acknowledgement(kostinbrod);
    expect(mail.email.replyTo?.map(mailbox)).toEqual(["<obshtina@kbrod.net>"]);
    for (const part of [mail.text, mail.htmlText]) {
      expect(part).toContain("При въпроси отговорете на това писмо – отговорът отива до Община Костинброд –");
      expect(part).toContain("Телефон: 0721 68701");
      expect(part).toContain("Електронна поща: obshtina@kbrod.net");
      expect(part).toContain("Адрес: гр. Костинброд, п.к. 2230, ул. „Охрид“ № 1");
      expect(part).toContain("Сайт: http://www.kostinbrod.bg");
    }
  });

  it("without a published e-mail: no Reply-To, and both parts say replies are not read and how to reach it", async () => {
    const mail = await acknowledgement(kovachevtsi, { municipality: "kovachevtsi", reference: "94-01-3/21.11.2026" });
    expect(kovachevtsi.email).toBeUndefined();
    expect(mail.rawHeader("Reply-To")).toBeUndefined();
    expect(mail.email.replyTo).toBeUndefined();
    expect(mailbox(mail.email.from)).toBe("Община Ковачевци – Харта на клиента <harta@harta.example>");
    for (const part of [mail.text, mail.htmlText]) {
      expect(part).toContain(
        "Отговорите на това писмо не се четат. При въпроси се свържете с Община Ковачевци и посочете входящия номер 94-01-3/21.11.2026:",
      );
      expect(part).toContain("Адрес: с. Ковачевци, област Перник – Общинска администрация Ковачевци");
      expect(part).toContain("Сайт: http://www.kovachevtsi.com");
      expect(part).not.toContain("Телефон"); // it publishes none
      expect(part).not.toContain("отговорете на това писмо");
    }
    expect(mail.html).toContain('<a href="http://www.kovachevtsi.com">');
    expectWellFormedHeaders(mail);
  });
});

describe("header injection is impossible", () => {
  it("a line break typed into the subject or name stays inside the encoded subject or the body", async () => {
    const fields = complaint({ subject: "Тема\r\nBcc: victim@example.org", name: "Име\nCc: x@example.org" });
    const response = await postJson(fields);
    expect(response.status).toBe(201);
    const [row] = await submissionsWithMessage(fields.message ?? "");
    expect(row?.subject).toBe("Тема Bcc: victim@example.org");
    expect(row?.name).toBe("Име Cc: x@example.org");
    const mail = await parseEml(
      (
        await composeMail(
          "staff",
          { ...record(), subject: row?.subject ?? "", name: row?.name ?? "" },
          kostinbrod,
          "a@b.bg",
          settings,
        )
      ).raw,
    );
    expect(mail.email.headers.some((h) => ["bcc", "cc"].includes(h.key))).toBe(false);
    expect(mail.email.bcc).toBeUndefined();
    expect(mail.email.subject).toBe("[Жалба] вх. № 94-00-17/21.11.2026 – Тема Bcc: victim@example.org");
    expect(mail.text).toContain("Име: Име Cc: x@example.org");
  });

  it("an e-mail address with a line break is refused as invalid (422)", async () => {
    for (const email of ["a@b.bg\r\nBcc: x@y.bg", "a@b.bg\nBcc:x@y.bg", "<a@b.bg>", '"a"@b.bg']) {
      const response = await postJson(complaint({ email }));
      expect(response.status).toBe(422);
    }
  });

  it("the composer itself refuses control characters in any address", async () => {
    expect(() => headerSafe("a@b.bg\r\nBcc: x@y.bg")).toThrow();
    await expect(
      composeMail("staff", record({ email: "a@b.bg\nX: y" }), kostinbrod, "a@b.bg", settings),
    ).rejects.toThrow("control character");
    await expect(composeMail("staff", record(), kostinbrod, "a@b.bg\r\nBcc: x@y.bg", settings)).rejects.toThrow(
      "control character",
    );
    await expect(
      composeMail("staff", record(), kostinbrod, "a@b.bg", { ...settings, from: "harta@harta.example\r\nBcc: x@y.bg" }),
    ).rejects.toThrow("control character");
  });
});

describe("the outbox", () => {
  const asEnv = (overrides: Partial<Bindings>) => ({ ...(env as unknown as Bindings), ...overrides });

  async function cron(at: number, overrides: Partial<Bindings> = {}) {
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: at, cron: "* * * * *" }), asEnv(overrides), ctx);
    await waitOnExecutionContext(ctx);
  }

  it("sends right after the write through the real binding (the runtime parses each message)", async () => {
    const fields = complaint();
    await postForm(fields);
    const [row] = await submissionsWithMessage(fields.message ?? "");
    const outbox = await outboxOf(row?.id ?? 0);
    expect(outbox.map((o) => [o.template, o.recipient, o.status, o.attempts])).toEqual([
      ["staff", "delovodstvo@kostinbrod.example", "sent", 1],
      ["acknowledgement", "maria@example.com", "sent", 1],
    ]);
    expect(outbox.every((o) => o.sent_at !== null && o.last_error === null)).toBe(true);
  });

  it("leaves a new submission's e-mails to the first send for two minutes: a cron meanwhile sends nothing twice", async () => {
    const now = new Date();
    // Registered, and the first send not yet done: the moment a cron may fire in.
    const { record } = await registerAt(complaint(), now, kostinbrod);
    const recorder = recordingMailer();
    await cron(now.getTime() + 60_000, { MAILER: recorder.mailer });
    expect((await outboxOf(record.id)).map((o) => [o.status, o.attempts])).toEqual([
      ["pending", 0],
      ["pending", 0],
    ]);
    await cron(now.getTime() + FIRST_SEND_LEASE_MS + 1_000, { MAILER: recorder.mailer }); // the first send never came
    expect((await outboxOf(record.id)).map((o) => [o.status, o.attempts])).toEqual([
      ["sent", 1],
      ["sent", 1],
    ]);
  });

  it("keeps the submission when the binding throws, and the cron delivers later", async () => {
    const broken = recordingMailer(() => true);
    const fields = complaint();
    const response = await postJson(fields, { env: { MAILER: broken.mailer } });
    expect(response.status).toBe(201);
    const [row] = await submissionsWithMessage(fields.message ?? "");
    let outbox = await outboxOf(row?.id ?? 0);
    expect(outbox.map((o) => [o.status, o.attempts, o.sent_at])).toEqual([
      ["pending", 1, null],
      ["pending", 1, null],
    ]);
    expect(outbox[0]?.last_error).toBe("Error: send_email: upstream unavailable");
    const due = outbox[0]?.next_attempt_at ?? 0;
    expect(due - Date.now()).toBeGreaterThan(50_000); // one minute of backoff

    await cron(due - 1_000); // not yet due: untouched
    expect((await outboxOf(row?.id ?? 0)).map((o) => o.attempts)).toEqual([1, 1]);

    await cron(due + 1_000); // the binding works again (the real one)
    outbox = await outboxOf(row?.id ?? 0);
    expect(outbox.map((o) => [o.status, o.attempts, o.last_error])).toEqual([
      ["sent", 2, null],
      ["sent", 2, null],
    ]);
  });

  it("records a message that cannot be composed as a failed attempt, and keeps the submission", async () => {
    const recorder = recordingMailer();
    const fields = complaint();
    const response = await postJson(fields, {
      env: { MAILER: recorder.mailer, MAIL_FROM: "harta@harta.example\r\nBcc: x@example.org" },
    });
    expect(response.status).toBe(201);
    const [row] = await submissionsWithMessage(fields.message ?? "");
    const outbox = await outboxOf(row?.id ?? 0);
    expect(outbox.map((o) => [o.status, o.attempts, o.sent_at, o.last_error])).toEqual([
      ["pending", 1, null, "Error: header value contains a control character"],
      ["pending", 1, null, "Error: header value contains a control character"],
    ]);
    expect(recorder.sent).toEqual([]);

    await cron(Date.now() + 5 * 60_000, { MAILER: recorder.mailer }); // the cause fixed: the cron delivers them
    expect((await outboxOf(row?.id ?? 0)).map((o) => [o.status, o.attempts, o.last_error])).toEqual([
      ["sent", 2, null],
      ["sent", 2, null],
    ]);
    expect(recorder.sent.map((m) => m.to)).toEqual(
      expect.arrayContaining(["delovodstvo@kostinbrod.example", "maria@example.com"]),
    );
  });

  it("backs off exponentially and marks a row 'failed' after repeated failures, keeping it", async () => {
    const broken = recordingMailer(() => true);
    const fields = complaint({ email: "", address: "гр. Костинброд" });
    await postJson(fields, { env: { MAILER: broken.mailer } });
    const [row] = await submissionsWithMessage(fields.message ?? "");
    const id = row?.id ?? 0;
    const waits: number[] = [];
    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
      const [before] = await outboxOf(id);
      const at = before?.next_attempt_at ?? 0;
      await cron(at, { MAILER: broken.mailer });
      const [after] = await outboxOf(id);
      expect(after?.attempts).toBe(attempt);
      if (after?.status === "pending") waits.push((after.next_attempt_at - at) / 60_000);
    }
    expect(waits).toEqual([2, 4, 8, 16, 32, 64]);
    expect(backoffMs(20)).toBe(6 * 60 * 60 * 1000);
    const [final] = await outboxOf(id);
    expect(final).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS, sent_at: null });
    expect(final?.last_error).toContain("upstream unavailable");
    // Failed rows are not retried again, but stay for staff to see.
    await cron(Date.now() + 365 * 24 * 3600_000, { MAILER: broken.mailer });
    expect((await outboxOf(id))[0]?.attempts).toBe(MAX_ATTEMPTS);
    expect(row?.status).toBe("registered");
  });

  it("two overlapping cron runs never send the same row twice", async () => {
    const broken = recordingMailer(() => true);
    const messages = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const fields = complaint({ email: "", address: "гр. Костинброд" });
        await postJson(fields, { env: { MAILER: broken.mailer } });
        return fields.message ?? "";
      }),
    );
    const ids = (await Promise.all(messages.map(submissionsWithMessage))).map((rows) => rows[0]?.id ?? 0);
    const recorder = recordingMailer();
    const at = Date.now() + 5 * 60_000;
    await Promise.all([cron(at, { MAILER: recorder.mailer }), cron(at, { MAILER: recorder.mailer })]);
    const rows = (await Promise.all(ids.map(outboxOf))).flat();
    expect(rows).toHaveLength(6);
    expect(rows.every((r) => r.status === "sent")).toBe(true);
    // One failed first attempt + exactly one claim: no row was taken by both runs.
    expect(rows.map((r) => r.attempts)).toEqual([2, 2, 2, 2, 2, 2]);
    expect(recorder.sent.filter((m) => m.to === "delovodstvo@kostinbrod.example").length).toBeGreaterThanOrEqual(6);
  });
});
