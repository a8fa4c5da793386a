/**
 * Table `audit_log`: who did what, when — sign-ins, views, every change to a
 * submission, exports, and what the cron blanked. Only ever inserted into; the
 * table's triggers refuse updates and deletes (migrations/0003_staff.sql).
 */
import { query } from "./batch";
import type { Condition } from "./condition";

export const AUDIT_ACTIONS = [
  "sign_in",
  "sign_out",
  "view",
  "status",
  "answer",
  "extend",
  "assign",
  "note",
  "export",
  "retention",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** The actor of what the cron does. */
export const SYSTEM_ACTOR = "system";

export interface AuditEntry {
  at: string;
  municipality: string;
  /** A staff address, or SYSTEM_ACTOR. */
  actor: string;
  action: AuditAction;
  /** What changed; never a resident's personal data. */
  detail?: Record<string, unknown>;
  /** The submission it is about, when it is about one that exists for certain (a view). */
  submissionId?: number;
}

export interface AuditRow {
  id: number;
  at: string;
  municipality: string;
  actor: string;
  action: AuditAction;
  submission_id: number | null;
  detail: string;
}

export interface AuditRecord extends Omit<AuditEntry, "detail" | "submissionId"> {
  id: number;
  submissionId: number | null;
  detail: Record<string, unknown>;
}

const toRecord = (row: AuditRow): AuditRecord => ({
  id: row.id,
  at: row.at,
  municipality: row.municipality,
  actor: row.actor,
  action: row.action,
  submissionId: row.submission_id,
  detail: JSON.parse(row.detail) as Record<string, unknown>,
});

const INSERT = "INSERT INTO audit_log (at, municipality, actor, action, submission_id, detail)";
const values = (e: AuditEntry) => [e.at, e.municipality, e.actor, e.action] as const;

/** An entry about no submission in particular (sign-in, export), or about one that was just read (a view). */
export function appendEntry(db: D1Database, entry: AuditEntry) {
  return query(
    db
      .prepare(`${INSERT} VALUES (?, ?, ?, ?, ?, ?)`)
      .bind(...values(entry), entry.submissionId ?? null, JSON.stringify(entry.detail ?? {})),
  );
}

/**
 * An entry about the submission `submission` picks; written only if it picks one
 * (so a change that did not apply leaves no trace claiming it did).
 */
export function appendAbout(db: D1Database, submission: Condition, entry: AuditEntry) {
  return query(
    db
      .prepare(`${INSERT} SELECT ?, ?, ?, ?, id, ? FROM (SELECT ${submission.sql} AS id) WHERE id IS NOT NULL`)
      .bind(...values(entry), JSON.stringify(entry.detail ?? {}), ...submission.params),
  );
}

/** One entry for each submission the query `ids` (a SELECT of ids) picks. */
export function appendForEach(db: D1Database, ids: Condition, entry: AuditEntry) {
  return query(
    db
      .prepare(`${INSERT} SELECT ?, ?, ?, ?, id, ? FROM (${ids.sql})`)
      .bind(...values(entry), JSON.stringify(entry.detail ?? {}), ...ids.params),
  );
}

/** A submission's history, oldest first. */
export async function historyOf(db: D1Database, submissionId: number): Promise<AuditRecord[]> {
  const { results } = await db
    .prepare("SELECT * FROM audit_log WHERE submission_id = ? ORDER BY id")
    .bind(submissionId)
    .all<AuditRow>();
  return results.map(toRecord);
}

export const RECORD_PAGE_SIZE = 100;

/** The municipality's whole record, newest first, a page at a time (ids below `before`). */
export async function recordOf(
  db: D1Database,
  municipality: string,
  before: number | null,
  limit = RECORD_PAGE_SIZE,
): Promise<AuditRecord[]> {
  const { results } = await db
    .prepare("SELECT * FROM audit_log WHERE municipality = ? AND id < ? ORDER BY id DESC LIMIT ?")
    .bind(municipality, before ?? Number.MAX_SAFE_INTEGER, limit)
    .all<AuditRow>();
  return results.map(toRecord);
}
