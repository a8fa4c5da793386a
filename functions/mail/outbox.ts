/**
 * Delivers the e-mail outbox. Each row is tried right after its submission is
 * written (waitUntil); rows that failed are retried by the cron with exponential
 * backoff, and after MAX_ATTEMPTS they are marked 'failed' and kept for staff.
 */
import { EmailMessage } from "cloudflare:email";
import { type Municipality, municipalities } from "../content/municipalities";
import { batch, query } from "../db/batch";
import { claimDue, type MailTemplate, type Settlement, settle } from "../db/outbox";
import { findByIds, type SubmissionRecord } from "../db/submissions";
import type { Bindings } from "../env";
import { logError } from "../log";
import { composeMail } from "./compose";

export const MAX_ATTEMPTS = 8;
/** While a run sends a claimed row, no other run may claim it. */
const CLAIM_LEASE_MS = 10 * 60 * 1000;
const BATCH = 50;

/** Wait after the n-th failed attempt: 1, 2, 4 … minutes, at most 6 hours. */
export function backoffMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 6 * 60 * 60 * 1000);
}

export interface OutboxJob {
  id: number;
  template: MailTemplate;
  recipient: string;
  /** Attempts including this one. */
  attempts: number;
  record: SubmissionRecord;
  municipality: Municipality;
}

async function attempt(env: Bindings, job: OutboxJob, now: number): Promise<Settlement> {
  try {
    const mail = await composeMail(job.template, job.record, job.municipality, job.recipient, {
      from: env.MAIL_FROM,
      publicOrigin: env.PUBLIC_ORIGIN,
    });
    await env.MAILER.send(new EmailMessage(mail.from, mail.to, mail.raw));
    return { id: job.id, attempts: job.attempts, outcome: "sent", at: new Date(now).toISOString() };
  } catch (error) {
    const message = (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 500);
    return job.attempts >= MAX_ATTEMPTS
      ? { id: job.id, attempts: job.attempts, outcome: "failed", error: message }
      : {
          id: job.id,
          attempts: job.attempts,
          outcome: "retry",
          nextAttemptAt: now + backoffMs(job.attempts),
          error: message,
        };
  }
}

export interface DeliveryReport {
  sent: number;
  retrying: number;
  failed: number;
}

/** Settles the attempts in one batch (none: nothing to write) and counts them. */
async function record(db: D1Database, settlements: Settlement[]): Promise<DeliveryReport> {
  await batch(db, { settled: settlements.map((s) => query(settle(db, s))) });
  const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0 };
  for (const s of settlements) {
    if (s.outcome === "sent") report.sent++;
    else {
      if (s.outcome === "failed") report.failed++;
      else report.retrying++;
      logError("email.failed", s.error, { outbox: s.id, attempts: s.attempts });
    }
  }
  return report;
}

async function deliver(env: Bindings, jobs: OutboxJob[], now: number): Promise<Settlement[]> {
  return Promise.all(jobs.map((job) => attempt(env, job, now)));
}

/** The first attempt, right after the submission was written. */
export async function sendNow(
  env: Bindings,
  rows: { id: number; template: MailTemplate; recipient: string }[],
  submission: SubmissionRecord,
  municipality: Municipality,
): Promise<DeliveryReport> {
  const now = Date.now();
  const jobs = rows.map((row) => ({ ...row, attempts: 1, record: submission, municipality }));
  return record(env.DB, await deliver(env, jobs, now));
}

/** A row that can never be sent: its submission or municipality is gone. Settled at once, with the reason. */
function orphan(id: number, attempts: number, reason: string): Settlement {
  return { id, attempts, outcome: "failed", error: reason };
}

/** One cron pass: claims due rows and tries them. */
export async function retryDue(
  env: Bindings,
  now: number,
  limit = BATCH,
): Promise<DeliveryReport & { claimed: number }> {
  const rows = await claimDue(env.DB, now, now + CLAIM_LEASE_MS, limit);
  if (rows.length === 0) return { claimed: 0, sent: 0, retrying: 0, failed: 0 };
  const directory = await municipalities(env.ASSETS);
  const byId = new Map(
    (
      await findByIds(
        env.DB,
        rows.map((r) => r.submission_id),
      )
    ).map((s) => [s.id, s]),
  );
  const jobs: OutboxJob[] = [];
  const settled: Settlement[] = [];
  for (const row of rows) {
    const submission = byId.get(row.submission_id);
    const municipality = submission && directory.byId(submission.municipality);
    if (!submission) settled.push(orphan(row.id, row.attempts, `submission ${row.submission_id} not found`));
    else if (!municipality)
      settled.push(orphan(row.id, row.attempts, `municipality ${submission.municipality} not served`));
    else jobs.push({ ...row, record: submission, municipality });
  }
  settled.push(...(await deliver(env, jobs, now)));
  return { claimed: rows.length, ...(await record(env.DB, settled)) };
}

/** The cron: passes until nothing is due (bounded, so one run stays short). */
export async function drainOutbox(env: Bindings, now: number): Promise<DeliveryReport> {
  const total: DeliveryReport = { sent: 0, retrying: 0, failed: 0 };
  for (let pass = 0; pass < 10; pass++) {
    const report = await retryDue(env, now);
    total.sent += report.sent;
    total.retrying += report.retrying;
    total.failed += report.failed;
    if (report.claimed < BATCH) break;
  }
  return total;
}
