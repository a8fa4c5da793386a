/**
 * Delivers the e-mail outbox. Each row is tried right after its submission is
 * written (waitUntil); rows that failed are retried by the cron with exponential
 * backoff, and after MAX_ATTEMPTS they are marked 'failed' and kept for staff.
 */
import { EmailMessage } from "cloudflare:email";
import { municipalityById, type RegisteredMunicipality } from "../../src/shared/forms/registry";
import type { Bindings } from "../env";
import { logError } from "../log";
import { composeMail, type SubmissionRecord } from "./compose";
import type { MailTemplate } from "./plan";

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
  municipality: RegisteredMunicipality;
}

type Outcome = { job: OutboxJob; error?: string };

async function attempt(env: Bindings, job: OutboxJob): Promise<Outcome> {
  try {
    const mail = composeMail(job.template, job.record, job.municipality, job.recipient, {
      from: env.MAIL_FROM,
      publicOrigin: env.PUBLIC_ORIGIN,
    });
    await env.MAILER.send(new EmailMessage(mail.from, mail.to, mail.raw));
    return { job };
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { job, error: message.slice(0, 500) };
  }
}

async function settle(db: D1Database, outcomes: Outcome[], now: number): Promise<void> {
  if (outcomes.length === 0) return;
  const sentAt = new Date(now).toISOString();
  await db.batch(
    outcomes.map(({ job, error }) => {
      if (error === undefined) {
        return db
          .prepare("UPDATE email_outbox SET status = 'sent', sent_at = ?, attempts = ?, last_error = NULL WHERE id = ?")
          .bind(sentAt, job.attempts, job.id);
      }
      const failed = job.attempts >= MAX_ATTEMPTS;
      return db
        .prepare("UPDATE email_outbox SET status = ?, attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?")
        .bind(failed ? "failed" : "pending", job.attempts, now + backoffMs(job.attempts), error, job.id);
    }),
  );
  for (const { job, error } of outcomes) {
    if (error !== undefined) logError("email.failed", error, { outbox: job.id, attempts: job.attempts });
  }
}

export interface DeliveryReport {
  sent: number;
  retrying: number;
  failed: number;
}

async function deliver(env: Bindings, jobs: OutboxJob[], now: number): Promise<DeliveryReport> {
  const outcomes = await Promise.all(jobs.map((job) => attempt(env, job)));
  await settle(env.DB, outcomes, now);
  const failures = outcomes.filter((o) => o.error !== undefined);
  const failed = failures.filter((o) => o.job.attempts >= MAX_ATTEMPTS).length;
  return { sent: outcomes.length - failures.length, failed, retrying: failures.length - failed };
}

/** The first attempt, right after the submission was written. */
export function sendNow(
  env: Bindings,
  rows: { id: number; template: MailTemplate; recipient: string }[],
  record: SubmissionRecord,
  municipality: RegisteredMunicipality,
): Promise<DeliveryReport> {
  const jobs = rows.map((row) => ({ ...row, attempts: 1, record, municipality }));
  return deliver(env, jobs, Date.now());
}

interface ClaimedRow {
  id: number;
  submission_id: number;
  template: MailTemplate;
  recipient: string;
  attempts: number;
}

/** The columns of `submissions` that mail is composed from (see migrations/). */
export interface SubmissionRow {
  id: number;
  reference: string;
  municipality: string;
  kind: SubmissionRecord["kind"];
  received_at: string;
  deadline: string | null;
  subject: string;
  message: string;
  name: string;
  email: string;
  phone: string;
  address: string;
  anonymous: number;
  health_risk: number;
  rating: number | null;
  receipt_token: string;
}

export function recordFromRow(row: SubmissionRow): SubmissionRecord {
  return {
    municipality: row.municipality,
    kind: row.kind,
    subject: row.subject,
    message: row.message,
    name: row.name,
    email: row.email,
    phone: row.phone,
    address: row.address,
    anonymous: row.anonymous === 1,
    health_risk: row.health_risk === 1,
    rating: row.rating,
    reference: row.reference,
    receivedAt: row.received_at,
    deadline: row.deadline,
    receiptToken: row.receipt_token,
  };
}

/** One cron pass: claims due rows (atomically, so overlapping runs never double-send) and tries them. */
export async function retryDue(
  env: Bindings,
  now: number,
  limit = BATCH,
): Promise<DeliveryReport & { claimed: number }> {
  const claimed = await env.DB.prepare(
    `UPDATE email_outbox SET attempts = attempts + 1, next_attempt_at = ?
     WHERE id IN (SELECT id FROM email_outbox WHERE status = 'pending' AND next_attempt_at <= ?
                  ORDER BY next_attempt_at, id LIMIT ?)
     RETURNING id, submission_id, template, recipient, attempts`,
  )
    .bind(now + CLAIM_LEASE_MS, now, limit)
    .all<ClaimedRow>();
  const rows = claimed.results;
  if (rows.length === 0) return { claimed: 0, sent: 0, retrying: 0, failed: 0 };
  const submissions = await env.DB.prepare("SELECT * FROM submissions WHERE id IN (SELECT value FROM json_each(?))")
    .bind(JSON.stringify([...new Set(rows.map((r) => r.submission_id))]))
    .all<SubmissionRow>();
  const byId = new Map(submissions.results.map((s) => [s.id, s]));
  const jobs: OutboxJob[] = [];
  for (const row of rows) {
    const submission = byId.get(row.submission_id);
    const municipality = submission && municipalityById(submission.municipality);
    if (!submission || !municipality) continue; // cannot happen with the foreign key; never crash the run
    jobs.push({ ...row, record: recordFromRow(submission), municipality });
  }
  return { claimed: rows.length, ...(await deliver(env, jobs, now)) };
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
