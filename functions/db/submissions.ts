/**
 * Table `submissions`: the registry of residents' correspondence. The one module
 * that names its columns: the row ↔ domain mapping and every statement the Worker
 * runs on it. The form's fields are columns of the same names (src/shared/forms/fields.ts).
 */
import { FIELD_NAMES, FIELD_TYPES } from "../../src/shared/forms/fields";
import type { Submission } from "../../src/shared/forms/schema";
import { query } from "./batch";
import type { Condition } from "./condition";

/** A registered submission, as the receipt, the e-mails and the staff see it. */
export interface SubmissionRecord extends Submission {
  id: number;
  /** "INDEX-SEQ/DD.MM.YYYY". */
  reference: string;
  status: string;
  /** ISO 8601 instant. */
  receivedAt: string;
  /** Last day to answer, "YYYY-MM-DD", or null. */
  deadline: string | null;
  receiptToken: string;
}

type FieldColumns = { [K in keyof Submission]: Submission[K] extends boolean ? number : Submission[K] };

/** A row as D1 returns it. */
export interface SubmissionRow extends FieldColumns {
  id: number;
  reference: string;
  year: number;
  seq: number;
  status: string;
  received_at: string;
  deadline: string | null;
  receipt_token: string;
  dedup_key: string;
}

const FIELD_COLUMNS = FIELD_NAMES.join(", ");

/** The stored value of each field, in FIELD_NAMES order: yes/no as 0/1. */
function fieldValues(s: Submission): unknown[] {
  return FIELD_NAMES.map((f) => (FIELD_TYPES[f] === "flag" ? (s[f] ? 1 : 0) : s[f]));
}

export function toRecord(row: SubmissionRow): SubmissionRecord {
  const fields = Object.fromEntries(
    FIELD_NAMES.map((f) => [f, FIELD_TYPES[f] === "flag" ? row[f] === 1 : row[f]]),
  ) as unknown as Submission;
  return {
    ...fields,
    id: row.id,
    reference: row.reference,
    status: row.status,
    receivedAt: row.received_at,
    deadline: row.deadline,
    receiptToken: row.receipt_token,
  };
}

/** True when a submission with this key was registered since `since` (a repeated post). */
export function isDuplicate(dedupKey: string, since: string): Condition {
  return {
    sql: "EXISTS (SELECT 1 FROM submissions WHERE dedup_key = ? AND received_at > ?)",
    params: [dedupKey, since],
  };
}

export interface NewSubmission {
  submission: Submission;
  /** The first part of the incoming number, from the municipality's content. */
  registryIndex: string;
  year: number;
  /** The scalar subquery that gives the sequence number just taken. */
  seq: Condition;
  /** "DD.MM.YYYY", the date part of the incoming number. */
  dottedDate: string;
  receivedAt: string;
  deadline: string | null;
  receiptToken: string;
  dedupKey: string;
  /** Insert only unless this holds. */
  unless: Condition;
}

/** Inserts the submission with its incoming number `INDEX-SEQ/DD.MM.YYYY`. */
export function insertSubmission(db: D1Database, n: NewSubmission) {
  const fields = fieldValues(n.submission);
  return query(
    db
      .prepare(
        `INSERT INTO submissions (reference, year, seq, received_at, deadline, receipt_token, dedup_key, ${FIELD_COLUMNS})
         SELECT ? || '-' || seq || '/' || ?, ?, seq, ?, ?, ?, ?, ${fields.map(() => "?").join(", ")}
         FROM (SELECT ${n.seq.sql} AS seq) WHERE NOT ${n.unless.sql}`,
      )
      .bind(
        n.registryIndex,
        n.dottedDate,
        n.year,
        n.receivedAt,
        n.deadline,
        n.receiptToken,
        n.dedupKey,
        ...fields,
        // Placeholders are numbered in the order they appear: the FROM comes after the values.
        ...n.seq.params,
        ...n.unless.params,
      ),
  );
}

/** The submission a post is registered as: the new one, or the first of a repeat. */
export function registeredAs(db: D1Database, receiptToken: string, dedupKey: string, since: string) {
  return query<SubmissionRow>(
    db
      .prepare(
        "SELECT * FROM submissions WHERE receipt_token = ? OR (dedup_key = ? AND received_at > ?) ORDER BY id LIMIT 1",
      )
      .bind(receiptToken, dedupKey, since),
  );
}

/** Picks the id of the submission with this receipt token, for rows that refer to it. */
export function idByReceiptToken(receiptToken: string): Condition {
  return { sql: "(SELECT id FROM submissions WHERE receipt_token = ?)", params: [receiptToken] };
}

export async function findByReceiptToken(db: D1Database, token: string): Promise<SubmissionRecord | null> {
  const row = await db.prepare("SELECT * FROM submissions WHERE receipt_token = ?").bind(token).first<SubmissionRow>();
  return row ? toRecord(row) : null;
}

export async function findByIds(db: D1Database, ids: readonly number[]): Promise<SubmissionRecord[]> {
  const { results } = await db
    .prepare("SELECT * FROM submissions WHERE id IN (SELECT value FROM json_each(?))")
    .bind(JSON.stringify([...new Set(ids)]))
    .all<SubmissionRow>();
  return results.map(toRecord);
}
