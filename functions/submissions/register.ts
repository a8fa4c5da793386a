/**
 * Registers a submission in one D1 batch (one transaction): the municipality's
 * yearly sequence is incremented, the submission row and its outbox rows are
 * inserted. Either all of it is written or none, so incoming numbers never have
 * gaps and no e-mail is ever queued for a submission that does not exist.
 * The same content sent again within the de-duplication window is not inserted:
 * the batch returns the first submission instead.
 */
import { addDeadline, dottedDate, type IsoDate, sofiaDate } from "../../src/shared/forms/dates";
import type { RegisteredMunicipality } from "../../src/shared/forms/registry";
import type { Submission } from "../../src/shared/forms/schema";
import { planEmails } from "../mail/plan";

/** The same content sent again within this window is the same submission. */
export const DEDUP_WINDOW_MS = 10 * 60 * 1000;
/** The immediate send owns new outbox rows this long before the cron may retry them. */
export const FIRST_SEND_LEASE_MS = 2 * 60 * 1000;

export interface Registration {
  id: number;
  reference: string;
  /** Last day to answer, or null (praise, surveys). */
  deadline: IsoDate | null;
  receiptToken: string;
  receivedAt: string;
  /** False when the same submission was already registered (a duplicate post). */
  created: boolean;
  /** The outbox rows written with it, for the immediate send. */
  outbox: { id: number; template: "staff" | "acknowledgement"; recipient: string }[];
}

export interface RegisterInput {
  submission: Submission;
  municipality: RegisteredMunicipality;
  receiptToken: string;
  dedupKey: string;
  now: Date;
}

export async function register(db: D1Database, input: RegisterInput): Promise<Registration> {
  const { submission: s, municipality: m, receiptToken, dedupKey, now } = input;
  const receivedAt = now.toISOString();
  const since = new Date(now.getTime() - DEDUP_WINDOW_MS).toISOString();
  const today = sofiaDate(now);
  const year = Number(today.slice(0, 4));
  const rule = m.deadlines[s.kind];
  const deadline = rule ? addDeadline(today, rule) : null;
  const noDuplicate = "NOT EXISTS (SELECT 1 FROM submissions WHERE dedup_key = ? AND received_at > ?)";

  const statements = [
    db
      .prepare(
        `INSERT INTO registry_sequences (municipality, year, last_seq) SELECT ?, ?, 1 WHERE ${noDuplicate}
         ON CONFLICT (municipality, year) DO UPDATE SET last_seq = last_seq + 1`,
      )
      .bind(m.id, year, dedupKey, since),
    db
      .prepare(
        `INSERT INTO submissions (reference, municipality, year, seq, kind, received_at, deadline, subject, message,
           name, email, phone, address, anonymous, health_risk, rating, receipt_token, dedup_key)
         SELECT ? || '-' || last_seq || '/' || ?, municipality, year, last_seq, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
         FROM registry_sequences WHERE municipality = ? AND year = ? AND ${noDuplicate}`,
      )
      .bind(
        m.registryIndex,
        dottedDate(today),
        s.kind,
        receivedAt,
        deadline,
        s.subject,
        s.message,
        s.name,
        s.email,
        s.phone,
        s.address,
        s.anonymous ? 1 : 0,
        s.health_risk ? 1 : 0,
        s.rating,
        receiptToken,
        dedupKey,
        m.id,
        year,
        dedupKey,
        since,
      ),
    ...planEmails(s, m).map((mail) =>
      db
        .prepare(
          `INSERT INTO email_outbox (submission_id, template, recipient, next_attempt_at, created_at)
           SELECT id, ?, ?, ?, ? FROM submissions WHERE receipt_token = ? RETURNING id, template, recipient`,
        )
        .bind(mail.template, mail.recipient, now.getTime() + FIRST_SEND_LEASE_MS, receivedAt, receiptToken),
    ),
    // The submission this content is registered as: the new one, or the first of a duplicate.
    db
      .prepare(
        `SELECT id, reference, deadline, receipt_token, received_at FROM submissions
         WHERE dedup_key = ? AND (receipt_token = ? OR received_at > ?) ORDER BY id LIMIT 1`,
      )
      .bind(dedupKey, receiptToken, since),
  ];
  const results = await db.batch(statements);
  const row = results.at(-1)?.results[0] as
    | { id: number; reference: string; deadline: string | null; receipt_token: string; received_at: string }
    | undefined;
  if (!row) throw new Error("registration returned no row");
  const created = row.receipt_token === receiptToken;
  const outbox = created
    ? results
        .slice(2, -1)
        .flatMap((r) => r.results as { id: number; template: "staff" | "acknowledgement"; recipient: string }[])
    : [];
  return {
    id: row.id,
    reference: row.reference,
    deadline: row.deadline,
    receiptToken: row.receipt_token,
    receivedAt: row.received_at,
    created,
    outbox,
  };
}
