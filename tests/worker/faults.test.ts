/** Unlucky and hostile inputs: a broken limiter, residents correcting forms, odd Unicode, orphaned e-mails. */
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Bindings } from "../../functions/env";
import worker from "../../functions/index";
import { call, complaint, db, nextIp, ORIGIN, postJson, recordingMailer, submissionsWithMessage } from "./support";

afterEach(() => vi.restoreAllMocks());

function postFeedback(page: string, ip: string) {
  return call(
    new Request(`${ORIGIN}/api/feedback`, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json",
        Origin: ORIGIN,
        "CF-Connecting-IP": ip,
      },
      body: JSON.stringify({ page, useful: "yes", comment: "" }),
    }),
  );
}

describe("the rate limit", () => {
  it("a limiter that throws lets the post through and says so in the log", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const broken = {
      limit: async () => {
        throw new Error("rate limiter unavailable");
      },
    } as unknown as RateLimit;
    const response = await postJson(complaint(), { env: { SUBMIT_LIMITER: broken } });
    expect(response.status).toBe(201);
    expect(logged.mock.calls.map((c) => String(c[0])).join("\n")).toContain('"event":"ratelimit.unavailable"');
  });

  it("a resident who corrects an invalid form ten times is not locked out", async () => {
    const ip = nextIp();
    for (let i = 0; i < 12; i++) {
      expect((await postJson(complaint({ subject: "" }), { ip })).status).toBe(422);
    }
    expect((await postJson(complaint(), { ip })).status).toBe(201);
  });

  it("page feedback has a budget of its own: 10 a minute, apart from the submissions'", async () => {
    const ip = nextIp();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await postFeedback("/kostinbrod/harta/", ip)).status);
    expect(statuses).toEqual([...Array(10).fill(201), 429]);
    expect((await postJson(complaint(), { ip })).status).toBe(201);
  });
});

describe("what residents type", () => {
  it("a named complaint with the health-and-safety box ticked keeps it, for staff to see", async () => {
    const fields = complaint({ health_risk: "on" });
    expect((await postJson(fields)).status).toBe(201);
    const [row] = await submissionsWithMessage(fields.message ?? "");
    expect(row).toMatchObject({ anonymous: 0, health_risk: 1 });
  });

  it("a lone surrogate is stored as U+FFFD, so the text stays valid UTF-8", async () => {
    const tag = crypto.randomUUID();
    const response = await postJson({ ...complaint(), message: `Текст \ud800 ${tag}` });
    expect(response.status).toBe(201);
    const row = await db()
      .prepare("SELECT * FROM submissions WHERE message LIKE ?")
      .bind(`%${tag}`)
      .first<{ message: string }>();
    expect(row?.message).toBe(`Текст \ufffd ${tag}`);
  });

  it("a message of invisible characters only is not filled in", async () => {
    const response = await postJson(complaint({ message: "\u200b\u200e\u200f\u061c\ufeff \u2060" }));
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({ errors: { message: "Опишете проблема или предложението си" } });
  });

  it("an address on an internationalised domain is accepted; a local part over 64 characters is not", async () => {
    expect((await postJson(complaint({ email: "ivan@пример.бг" }))).status).toBe(201);
    const long = await postJson(complaint({ email: `${"a".repeat(65)}@example.com` }));
    expect(long.status).toBe(422);
    const longLabel = await postJson(complaint({ email: `ivan@${"b".repeat(64)}.com` }));
    expect(longLabel.status).toBe(422);
    // Cyrillic labels grow in their ASCII form: 6 of them are 188 characters as typed, 278 in
    // punycode, over the DNS limit of 253; 5 stay under it.
    const label = Array.from({ length: 30 }, (_, i) => String.fromCharCode(0x430 + ((i * 7) % 31))).join("");
    const domain = (n: number) => `${Array(n).fill(label).join(".")}.бг`;
    expect((await postJson(complaint({ email: `ivan@${domain(6)}` }))).status).toBe(422);
    expect((await postJson(complaint({ email: `ivan@${domain(5)}` }))).status).toBe(201);
    expect((await postJson(complaint({ email: "ivan@10.0.0.1" }))).status).toBe(422);
  });

  it("page feedback stores only a path of this site, by the rule it is linked with", async () => {
    const ip = nextIp();
    for (const page of ['/kostinbrod/"><script>', "/път/", "//evil.example/", "https://evil.example/"]) {
      expect((await postFeedback(page, ip)).status, page).toBe(422);
    }
  });
});

describe("the outbox", () => {
  it("a row whose municipality is no longer served ends 'failed' with its reason, and is not claimed again", async () => {
    const { mailer } = recordingMailer();
    const fields = complaint();
    await postJson(fields, { env: { MAILER: recordingMailer(() => true).mailer } });
    const [row] = await submissionsWithMessage(fields.message ?? "");
    await db().prepare("UPDATE submissions SET municipality = 'zatvorena' WHERE id = ?").bind(row?.id).run();
    await db().prepare("UPDATE email_outbox SET next_attempt_at = 0 WHERE submission_id = ?").bind(row?.id).run();
    const e = { ...(env as unknown as Bindings), MAILER: mailer };
    const run = async () => {
      const ctx = createExecutionContext();
      await worker.scheduled(createScheduledController({ scheduledTime: Date.now() }), e, ctx);
      await waitOnExecutionContext(ctx);
    };
    await run();
    const settled = await db()
      .prepare("SELECT * FROM email_outbox WHERE submission_id = ? ORDER BY id")
      .bind(row?.id)
      .all<{ status: string; attempts: number; last_error: string }>();
    expect(settled.results.map((r) => r.status)).toEqual(["failed", "failed"]);
    expect(settled.results[0]?.last_error).toContain("zatvorena");
    await run();
    const again = await db()
      .prepare("SELECT * FROM email_outbox WHERE submission_id = ? ORDER BY id")
      .bind(row?.id)
      .all<{ attempts: number }>();
    expect(again.results.map((r) => r.attempts)).toEqual(settled.results.map((r) => r.attempts));
  });

  it("a row whose submission cannot be found ends 'failed' with its reason", async () => {
    const fields = complaint();
    await postJson(fields, { env: { MAILER: recordingMailer(() => true).mailer } });
    const [row] = await submissionsWithMessage(fields.message ?? "");
    await db().prepare("UPDATE email_outbox SET next_attempt_at = 0 WHERE submission_id = ?").bind(row?.id).run();
    // D1's foreign key keeps a submission from being deleted under its e-mails, so the
    // loss is injected: the cron's read of the submissions comes back empty.
    const real = db();
    const losing = new Proxy(real, {
      get(target, prop) {
        if (prop === "prepare") {
          return (sql: string) =>
            sql.startsWith("SELECT * FROM submissions WHERE id IN")
              ? target.prepare("SELECT * FROM submissions WHERE 0 AND id IN (SELECT value FROM json_each(?))")
              : target.prepare(sql);
        }
        const value = Reflect.get(target, prop);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const ctx = createExecutionContext();
    const e = { ...(env as unknown as Bindings), DB: losing, MAILER: recordingMailer().mailer };
    await worker.scheduled(createScheduledController({ scheduledTime: Date.now() }), e, ctx);
    await waitOnExecutionContext(ctx);
    const settled = await db()
      .prepare("SELECT * FROM email_outbox WHERE submission_id = ? ORDER BY id")
      .bind(row?.id)
      .all<{ status: string; last_error: string }>();
    expect(settled.results.map((r) => r.status)).toEqual(["failed", "failed"]);
    expect(settled.results[0]?.last_error).toBe(`submission ${row?.id} not found`);
  });
});
