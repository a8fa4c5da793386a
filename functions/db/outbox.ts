/**
 * Table `email_outbox`: one row per e-mail and recipient. The one module that names
 * its columns; delivery and retries are in functions/mail/outbox.ts.
 */
import { query } from "./batch";
import type { Condition } from "./condition";

export type MailTemplate = "staff" | "acknowledgement" | "answer" | "extension";

/** A row claimed for sending. */
export interface OutboxJobRow {
  id: number;
  submission_id: number;
  template: MailTemplate;
  recipient: string;
  /** Attempts including the one about to be made. */
  attempts: number;
}

/** A whole row, as D1 returns it. */
export interface OutboxRow extends OutboxJobRow {
  status: "pending" | "sent" | "failed";
  next_attempt_at: number;
  created_at: string;
  sent_at: string | null;
  last_error: string | null;
}

export interface QueuedMail {
  template: MailTemplate;
  recipient: string;
  /** Epoch ms before which the cron leaves the row to the immediate send. */
  nextAttemptAt: number;
  createdAt: string;
}

/** Queues one e-mail about the submission `submissionId` picks (inserted in the same batch). */
export function queueMail(db: D1Database, submissionId: Condition, mail: QueuedMail) {
  return query<Pick<OutboxJobRow, "id" | "template" | "recipient">>(
    db
      .prepare(
        `INSERT INTO email_outbox (submission_id, template, recipient, next_attempt_at, created_at)
         SELECT id, ?, ?, ?, ? FROM (SELECT ${submissionId.sql} AS id) WHERE id IS NOT NULL
         RETURNING id, template, recipient`,
      )
      .bind(mail.template, mail.recipient, mail.nextAttemptAt, mail.createdAt, ...submissionId.params),
  );
}

/** Claims due rows atomically (so overlapping cron runs never double-send), counting the attempt. */
export async function claimDue(db: D1Database, now: number, leaseUntil: number, limit: number) {
  const { results } = await db
    .prepare(
      `UPDATE email_outbox SET attempts = attempts + 1, next_attempt_at = ?
       WHERE id IN (SELECT id FROM email_outbox WHERE status = 'pending' AND next_attempt_at <= ?
                    ORDER BY next_attempt_at, id LIMIT ?)
       RETURNING id, submission_id, template, recipient, attempts`,
    )
    .bind(leaseUntil, now, limit)
    .all<OutboxJobRow>();
  return results;
}

export type Settlement =
  | { id: number; attempts: number; outcome: "sent"; at: string }
  | { id: number; attempts: number; outcome: "retry"; nextAttemptAt: number; error: string }
  | { id: number; attempts: number; outcome: "failed"; error: string };

export function settle(db: D1Database, s: Settlement): D1PreparedStatement {
  switch (s.outcome) {
    case "sent":
      return db
        .prepare("UPDATE email_outbox SET status = 'sent', sent_at = ?, attempts = ?, last_error = NULL WHERE id = ?")
        .bind(s.at, s.attempts, s.id);
    case "retry":
      return db
        .prepare(
          "UPDATE email_outbox SET status = 'pending', attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?",
        )
        .bind(s.attempts, s.nextAttemptAt, s.error, s.id);
    case "failed":
      return db
        .prepare("UPDATE email_outbox SET status = 'failed', attempts = ?, last_error = ? WHERE id = ?")
        .bind(s.attempts, s.error, s.id);
  }
}

/** The e-mails that went to the resident (their address is personal data). */
export const RESIDENT_TEMPLATES: readonly MailTemplate[] = ["acknowledgement", "answer", "extension"];

/** Blanks the resident's address on the settled e-mails about the submissions `ids` picks (retention). */
export function forgetResidentAddresses(db: D1Database, ids: Condition) {
  return query(
    db
      .prepare(
        `UPDATE email_outbox SET recipient = '' WHERE status != 'pending'
           AND template IN (SELECT value FROM json_each(?)) AND submission_id IN (${ids.sql})`,
      )
      .bind(JSON.stringify(RESIDENT_TEMPLATES), ...ids.params),
  );
}
