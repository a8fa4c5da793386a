/**
 * What the every-minute cron tells the operator, one log line per task: how many e-mails it
 * sent, left waiting and gave up on; that the hourly clean-up ran; and which task failed,
 * without the failure stopping the others. After an outage it delivers the whole backlog,
 * batch after batch, in one run.
 */
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Bindings } from "../../functions/env";
import worker from "../../functions/index";
import { MAX_ATTEMPTS } from "../../functions/mail/outbox";
import {
  complaint,
  db,
  failingDatabase,
  outboxOf,
  PAST_WORKING_MORNING,
  postJson,
  recordingMailer,
  submissionsWithMessage,
} from "./support";

afterEach(() => {
  vi.restoreAllMocks();
});

/** Runs the cron at `at` and returns the lines it logged for its tasks, parsed. */
async function cron(at: number, overrides: Partial<Bindings> = {}) {
  const logged: Record<string, unknown>[] = [];
  const keep = (line: unknown) => {
    const parsed =
      typeof line === "string" && line.startsWith("{") ? (JSON.parse(line) as Record<string, unknown>) : {};
    if (String(parsed.event ?? "").startsWith("cron.")) logged.push(parsed);
  };
  vi.spyOn(console, "log").mockImplementation(keep);
  vi.spyOn(console, "error").mockImplementation(keep);
  const ctx = createExecutionContext();
  const e = { ...(env as unknown as Bindings), ...overrides };
  await worker.scheduled(createScheduledController({ scheduledTime: at, cron: "* * * * *" }), e, ctx);
  await waitOnExecutionContext(ctx);
  vi.restoreAllMocks();
  return { logged, line: (event: string) => logged.find((l) => l.event === event) };
}

/** Complaints whose e-mails could not be sent (the binding down): two rows each, staff and resident. */
async function backlog(complaints: number): Promise<number[]> {
  const broken = recordingMailer(() => true);
  const ids: number[] = [];
  for (let i = 0; i < complaints; i++) {
    const fields = complaint();
    await postJson(fields, { env: { MAILER: broken.mailer } });
    ids.push((await submissionsWithMessage(fields.message ?? ""))[0]?.id ?? 0);
  }
  return ids;
}

// A minute past the hour, and on the hour (when the hourly clean-up runs too).
const minutePast = (hoursAhead: number) => {
  const at = new Date(Date.now() + hoursAhead * 3_600_000);
  at.setUTCMinutes(1, 0, 0);
  return at.getTime();
};
const onTheHour = (hoursAhead: number) => minutePast(hoursAhead) - 60_000;

describe("the cron's log", () => {
  it("after an outage one run delivers the whole backlog, more than a batch, and says how many it sent", async () => {
    const ids = await backlog(30); // 60 e-mails waiting; a pass takes 50
    const recorder = recordingMailer();
    const { line } = await cron(minutePast(1), { MAILER: recorder.mailer });
    const rows = (await Promise.all(ids.map(outboxOf))).flat();
    expect(rows).toHaveLength(60);
    expect(rows.filter((r) => r.status !== "sent")).toEqual([]);
    expect(recorder.sent).toHaveLength(60);
    expect(line("cron.outbox")).toEqual({ event: "cron.outbox", sent: 60, retrying: 0, failed: 0 });
  });

  it("stops after ten batches, so that one run stays short; the next run sends the rest", async () => {
    const [id] = await backlog(1); // its 2 e-mails, and 509 more to the office
    const more = db().prepare(
      "INSERT INTO email_outbox (submission_id, template, recipient, next_attempt_at, created_at) VALUES (?, 'staff', ?, 0, ?)",
    );
    const now = new Date().toISOString();
    await db().batch(Array.from({ length: 509 }, (_, i) => more.bind(id, `office${i}@kostinbrod.example`, now)));
    const first = recordingMailer();
    expect((await cron(minutePast(1), { MAILER: first.mailer })).line("cron.outbox")).toMatchObject({ sent: 500 });
    expect(first.sent).toHaveLength(500);
    const next = recordingMailer();
    expect((await cron(minutePast(2), { MAILER: next.mailer })).line("cron.outbox")).toMatchObject({ sent: 11 });
    expect((await outboxOf(id ?? 0)).filter((r) => r.status !== "sent")).toEqual([]);
  });

  it("counts what waits for the next try and what it gave up on", async () => {
    const [id] = await backlog(1);
    const broken = recordingMailer(() => true);
    const waiting = await cron(minutePast(1), { MAILER: broken.mailer });
    expect(waiting.line("cron.outbox")).toEqual({ event: "cron.outbox", sent: 0, retrying: 2, failed: 0 });
    // The last attempt: both rows are given up on, and stay for staff to see.
    await db()
      .prepare("UPDATE email_outbox SET attempts = ?, next_attempt_at = 0 WHERE submission_id = ?")
      .bind(MAX_ATTEMPTS - 1, id)
      .run();
    const given = await cron(minutePast(2), { MAILER: broken.mailer });
    expect(given.line("cron.outbox")).toEqual({ event: "cron.outbox", sent: 0, retrying: 0, failed: 2 });
    expect((await outboxOf(id ?? 0)).map((r) => r.status)).toEqual(["failed", "failed"]);
  });

  it("with nothing due, says so with zeros", async () => {
    const { line } = await cron(minutePast(1));
    expect(line("cron.outbox")).toEqual({ event: "cron.outbox", sent: 0, retrying: 0, failed: 0 });
  });

  it("runs the clean-up on the hour only, and says it ran", async () => {
    const hourly = await cron(onTheHour(1));
    expect(hourly.logged.map((l) => l.event).sort()).toEqual(
      ["cron.digest", "cron.outbox", "cron.retention", "cron.sign_in_purge"].sort(),
    );
    expect(hourly.line("cron.sign_in_purge")).toEqual({ event: "cron.sign_in_purge", purged: true });
    expect(hourly.line("cron.retention")).toMatchObject({ erased: expect.any(Number) });
    const other = await cron(minutePast(1));
    expect(other.logged.map((l) => l.event).sort()).toEqual(["cron.digest", "cron.outbox"]);
  });

  it("names each task that failed, and a failing task stops none of the others", async () => {
    // At a time when every task, the digest too, reaches the database.
    const { logged } = await cron(Date.parse(PAST_WORKING_MORNING), { DB: failingDatabase() });
    expect(logged.map((l) => l.event).sort()).toEqual(
      ["cron.digest_failed", "cron.outbox_failed", "cron.retention_failed", "cron.sign_in_purge_failed"].sort(),
    );
    expect(logged.every((l) => String(l.error).includes("D1_ERROR"))).toBe(true);
  });
});

describe("a failed attempt's error", () => {
  it("is kept to 500 characters", async () => {
    const long = { send: async () => Promise.reject(new Error("x".repeat(2_000))) } as unknown as SendEmail;
    const fields = complaint();
    await postJson(fields, { env: { MAILER: long } });
    const [row] = await submissionsWithMessage(fields.message ?? "");
    const outbox = await outboxOf(row?.id ?? 0);
    expect(outbox.map((o) => o.last_error?.length)).toEqual([500, 500]);
    expect(outbox[0]?.last_error).toMatch(/^Error: x+$/);
  });
});
