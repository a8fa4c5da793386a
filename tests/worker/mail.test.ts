/** E-mail: what staff and residents receive, that nothing typed reaches a header, and that the outbox never loses a message. */
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { SubmissionRecord } from "../../functions/db/submissions";
import type { Bindings } from "../../functions/env";
import worker from "../../functions/index";
import { composeMail, headerSafe } from "../../functions/mail/compose";
import { backoffMs, MAX_ATTEMPTS } from "../../functions/mail/outbox";
import {
  complaint,
  municipality,
  outboxOf,
  postForm,
  postJson,
  recordingMailer,
  submissionsWithMessage,
} from "./support";

const kostinbrod = await municipality("kostinbrod");
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
    ...overrides,
  };
}

const utf8 = new TextDecoder();
const fromBase64 = (b64: string) => utf8.decode(Uint8Array.from(atob(b64.replace(/\s+/g, "")), (c) => c.charCodeAt(0)));

/** Headers (unfolded) and the decoded text of each part. */
function parse(raw: string) {
  const split = raw.indexOf("\r\n\r\n");
  const headerBlock = raw.slice(0, split);
  const headers = headerBlock.replace(/\r\n[ \t]+/g, " ").split("\r\n");
  const header = (name: string) =>
    headers
      .find((h) => h.toLowerCase().startsWith(`${name.toLowerCase()}:`))
      ?.slice(name.length + 1)
      .trim();
  const boundary = /boundary="?([^";\r\n]+)"?/.exec(header("Content-Type") ?? "")?.[1] ?? "";
  const parts = raw
    .slice(split + 4)
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((part) => {
      const at = part.indexOf("\r\n\r\n");
      const head = part.slice(0, at);
      return {
        type: /Content-Type: ([^;\r\n]+)/.exec(head)?.[1],
        encoding: /Content-Transfer-Encoding: (\S+)/.exec(head)?.[1],
        text: fromBase64(part.slice(at + 4)),
      };
    });
  const subject = (header("Subject") ?? "").replace(/=\?UTF-8\?B\?([^?]*)\?=\s*/gi, (_m, b64: string) =>
    fromBase64(b64),
  );
  return { headerBlock, headers, header, parts, subject };
}

describe("the e-mail to staff", () => {
  const mail = composeMail("staff", record(), kostinbrod, "obshtina@kbrod.net", settings);
  const parsed = parse(mail.raw);

  it("is addressed from the site to the recipient, with Reply-To the resident", () => {
    expect(mail).toMatchObject({ from: "harta@harta.example", to: "obshtina@kbrod.net" });
    expect(parsed.header("From")).toBe("<harta@harta.example>");
    expect(parsed.header("To")).toBe("<obshtina@kbrod.net>");
    expect(parsed.header("Reply-To")).toBe("<maria@example.com>");
    expect(parsed.subject).toBe("[Жалба] вх. № 94-00-17/21.11.2026 – Лошо обслужване");
  });

  it("has a plain-text part with every field, and an HTML part with the text escaped", () => {
    expect(parsed.header("Content-Type")).toMatch(/^multipart\/alternative/);
    const text = parsed.parts.find((p) => p.type === "text/plain");
    const html = parsed.parts.find((p) => p.type === "text/html");
    expect(text?.encoding).toBe("base64");
    for (const expected of [
      "Входящ номер: 94-00-17/21.11.2026",
      "Получено: 21.11.2026 г., 14:32 ч.", // Bulgarian time
      "Срок за отговор: 21.01.2027 г. – 2 месеца по АПК, глава осма",
      "Тема: Лошо обслужване",
      "Ред 1\r\nРед 2 <script>alert(1)</script> & „кавички“",
      "Име: Мария Иванова",
      "Електронна поща: maria@example.com",
      "Телефон: 0888 123 456",
      "Пощенски адрес: гр. Костинброд",
      "Анонимно: не",
    ]) {
      expect(text?.text).toContain(expected);
    }
    expect(html?.text).toContain("Ред 1<br>Ред 2 &lt;script&gt;alert(1)&lt;/script&gt; &amp; „кавички“");
    expect(html?.text).not.toContain("<script>");
  });

  it("keeps header lines short (RFC 2047 encoded words of at most 75 characters)", () => {
    const long = composeMail(
      "staff",
      record({ subject: "Много дълга тема ".repeat(8).trim() }),
      kostinbrod,
      "a@b.bg",
      settings,
    );
    const block = long.raw.slice(0, long.raw.indexOf("\r\n\r\n"));
    for (const line of block.split("\r\n")) expect(line.length).toBeLessThanOrEqual(78);
    expect(parse(long.raw).subject).toContain("Много дълга тема Много");
  });
});

describe("the acknowledgement to the resident", () => {
  it("gives the reference, the deadline, the next steps and the receipt link", () => {
    const parsed = parse(composeMail("acknowledgement", record(), kostinbrod, "maria@example.com", settings).raw);
    expect(parsed.subject).toBe("Вх. № 94-00-17/21.11.2026: Вашата жалба до Община Костинброд е регистрирана");
    expect(parsed.header("Reply-To")).toBe("<obshtina@kbrod.net>");
    expect(parsed.header("Auto-Submitted")).toBe("auto-generated");
    const text = parsed.parts.find((p) => p.type === "text/plain")?.text ?? "";
    expect(text).toContain("с входящ номер 94-00-17/21.11.2026");
    expect(text).toContain("ще Ви отговори писмено до 21.01.2027 г.");
    expect(text).toContain("https://harta.example/potvarzhdenie/AAAAAAAAAAAAAAAAAAAAAA/");
    expect(parsed.parts.map((p) => p.type)).toEqual(["text/plain", "text/html"]);
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
    const mail = composeMail(
      "staff",
      { ...record(), subject: row?.subject ?? "", name: row?.name ?? "" },
      kostinbrod,
      "a@b.bg",
      settings,
    );
    const { headers } = parse(mail.raw);
    expect(headers.some((h) => /^(bcc|cc):/i.test(h))).toBe(false);
  });

  it("an e-mail address with a line break is refused as invalid (422)", async () => {
    for (const email of ["a@b.bg\r\nBcc: x@y.bg", "a@b.bg\nBcc:x@y.bg", "<a@b.bg>", '"a"@b.bg']) {
      const response = await postJson(complaint({ email }));
      expect(response.status).toBe(422);
    }
  });

  it("the composer itself refuses control characters in any address", () => {
    expect(() => headerSafe("a@b.bg\r\nBcc: x@y.bg")).toThrow();
    expect(() => composeMail("staff", record({ email: "a@b.bg\nX: y" }), kostinbrod, "a@b.bg", settings)).toThrow();
    expect(() => composeMail("staff", record(), kostinbrod, "a@b.bg\r\nBcc: x@y.bg", settings)).toThrow();
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
      ["staff", "obshtina@kbrod.net", "sent", 1],
      ["acknowledgement", "maria@example.com", "sent", 1],
    ]);
    expect(outbox.every((o) => o.sent_at !== null && o.last_error === null)).toBe(true);
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
    expect(recorder.sent.filter((m) => m.to === "obshtina@kbrod.net").length).toBeGreaterThanOrEqual(6);
  });
});
