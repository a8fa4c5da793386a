/**
 * Table `submissions`: the registry of residents' correspondence. The one module
 * that names its columns: the row ↔ domain mapping and every statement the Worker
 * runs on it. The form's fields are columns of the same names (src/shared/forms/fields.ts).
 */
import { DEMO_KEY_PREFIX } from "../../src/shared/demo";
import { CONTACT_FIELDS, FIELD_NAMES, FIELD_TYPES } from "../../src/shared/forms/fields";
import type { Submission } from "../../src/shared/forms/schema";
import type { SubmissionKind } from "../../src/shared/kinds";
import type { NotConsideredReason, Status } from "../submissions/statuses";
import { query } from "./batch";
import type { Condition } from "./condition";

/** What the staff's work adds to a submission (all null until it happens). */
export interface Handling {
  status: Status;
  assignedTo: string | null;
  /** A later last day to answer, "YYYY-MM-DD", and the reason the resident was given. */
  extendedDeadline: string | null;
  extensionReason: string | null;
  answerText: string | null;
  /** The day the answer went out, "YYYY-MM-DD". */
  answeredOn: string | null;
  answeredByPost: boolean;
  forwardedTo: string | null;
  notConsideredReason: NotConsideredReason | null;
  notConsideredNote: string | null;
  /** ISO instant of the final status. */
  closedAt: string | null;
  /** ISO instant the personal fields were blanked. */
  erasedAt: string | null;
}

/** A registered submission, as the receipt, the e-mails and the staff see it. */
export interface SubmissionRecord extends Submission, Handling {
  id: number;
  /** "INDEX-SEQ/DD.MM.YYYY". */
  reference: string;
  /** ISO 8601 instant. */
  receivedAt: string;
  /** Last day to answer, "YYYY-MM-DD", or null. */
  deadline: string | null;
  receiptToken: string;
  /** Raised by every staff change (optimistic concurrency). */
  version: number;
}

type FieldColumns = { [K in keyof Submission]: Submission[K] extends boolean ? number : Submission[K] };

/** A row as D1 returns it. */
export interface SubmissionRow extends FieldColumns {
  id: number;
  reference: string;
  year: number;
  seq: number;
  status: Status;
  received_at: string;
  deadline: string | null;
  subject_folded: string;
  receipt_token: string;
  dedup_key: string;
  assigned_to: string | null;
  extended_deadline: string | null;
  extension_reason: string | null;
  answer_text: string | null;
  answered_on: string | null;
  answered_by_post: number;
  forwarded_to: string | null;
  not_considered_reason: NotConsideredReason | null;
  not_considered_note: string | null;
  closed_at: string | null;
  erased_at: string | null;
  version: number;
  change_id: string | null;
}

const FIELD_COLUMNS = FIELD_NAMES.join(", ");

/** The stored value of each field, in FIELD_NAMES order (D1 binds yes/no as 1/0 itself). */
function fieldValues(s: Submission): unknown[] {
  return FIELD_NAMES.map((f) => s[f]);
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
    assignedTo: row.assigned_to,
    extendedDeadline: row.extended_deadline,
    extensionReason: row.extension_reason,
    answerText: row.answer_text,
    answeredOn: row.answered_on,
    answeredByPost: row.answered_by_post === 1,
    forwardedTo: row.forwarded_to,
    notConsideredReason: row.not_considered_reason,
    notConsideredNote: row.not_considered_note,
    closedAt: row.closed_at,
    erasedAt: row.erased_at,
    version: row.version,
  };
}

/** The subject as staff search compares it: JavaScript folds Cyrillic case, SQLite's lower() does not. */
export const foldForSearch = (text: string): string => text.toLocaleLowerCase("bg");

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
        `INSERT INTO submissions (reference, year, seq, received_at, deadline, receipt_token, dedup_key, subject_folded, ${FIELD_COLUMNS})
         SELECT ? || '-' || seq || '/' || ?, ?, seq, ?, ?, ?, ?, ?, ${fields.map(() => "?").join(", ")}
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
        foldForSearch(n.submission.subject),
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

// ——— The staff's side ———

/** A submission's handling columns, by the name the domain uses. */
const HANDLING_COLUMNS = {
  status: "status",
  assignedTo: "assigned_to",
  extendedDeadline: "extended_deadline",
  extensionReason: "extension_reason",
  answerText: "answer_text",
  answeredOn: "answered_on",
  answeredByPost: "answered_by_post",
  forwardedTo: "forwarded_to",
  notConsideredReason: "not_considered_reason",
  notConsideredNote: "not_considered_note",
  closedAt: "closed_at",
} as const satisfies Partial<Record<keyof Handling, string>>;

export type HandlingChange = Partial<Pick<Handling, keyof typeof HANDLING_COLUMNS>>;

/** The submission a change was decided on: this id, in this municipality, at this version. */
export interface ChangeTarget {
  id: number;
  municipality: string;
  version: number;
  /** A random id for this change, written with it. */
  changeId: string;
}

/** Picks the submission only if `target`'s own change applied (not one made by somebody else). */
export function changed(target: ChangeTarget): Condition {
  return {
    sql: "(SELECT id FROM submissions WHERE id = ? AND municipality = ? AND change_id = ?)",
    params: [target.id, target.municipality, target.changeId],
  };
}

/** Applies a staff change if nobody changed the submission since it was read; returns the new row (or none). */
export function applyChange(db: D1Database, target: ChangeTarget, change: HandlingChange) {
  const entries = Object.entries(change).map(([key, value]) => [
    HANDLING_COLUMNS[key as keyof typeof HANDLING_COLUMNS],
    typeof value === "boolean" ? Number(value) : value,
  ]);
  const set = [...entries.map(([column]) => `${column} = ?`), "version = version + 1", "change_id = ?"].join(", ");
  return query<SubmissionRow>(
    db
      .prepare(`UPDATE submissions SET ${set} WHERE id = ? AND municipality = ? AND version = ? RETURNING *`)
      .bind(...entries.map(([, value]) => value), target.changeId, target.id, target.municipality, target.version),
  );
}

/** One of the municipality's submissions, or null (also for another municipality's id). */
export async function findForStaff(db: D1Database, municipality: string, id: number): Promise<SubmissionRecord | null> {
  const row = await db
    .prepare("SELECT * FROM submissions WHERE id = ? AND municipality = ?")
    .bind(id, municipality)
    .first<SubmissionRow>();
  return row ? toRecord(row) : null;
}

const OPEN = "status IN ('registered', 'in_progress')";
const LAST_DAY = "COALESCE(extended_deadline, deadline)";

export interface RegistryQuery {
  municipality: string;
  year?: number;
  kind?: string;
  status?: Status;
  /** Open and past the (extended) last day: it is before `today`. */
  overdueOn?: string;
  /** Open with the (extended) last day from `today` through `last`. */
  dueWithin?: { today: string; last: string };
  /** A reference, or its beginning. */
  reference?: string;
  /** Words the subject must all contain (already folded). */
  words?: readonly string[];
  /** Only ids below this one (the next page, newest first). */
  before?: number;
  limit: number;
}

/** LIKE's wildcards in a resident's text match only themselves. */
const likeText = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The registry, newest first. */
export async function listRegistry(db: D1Database, q: RegistryQuery): Promise<SubmissionRecord[]> {
  const where: string[] = ["municipality = ?"];
  const params: unknown[] = [q.municipality];
  const add = (sql: string, ...values: unknown[]) => {
    where.push(sql);
    params.push(...values);
  };
  if (q.year !== undefined) add("year = ?", q.year);
  if (q.kind !== undefined) add("kind = ?", q.kind);
  if (q.status !== undefined) add("status = ?", q.status);
  if (q.overdueOn !== undefined) add(`${OPEN} AND ${LAST_DAY} < ?`, q.overdueOn);
  if (q.dueWithin !== undefined) add(`${OPEN} AND ${LAST_DAY} BETWEEN ? AND ?`, q.dueWithin.today, q.dueWithin.last);
  if (q.reference !== undefined) add("reference LIKE ? ESCAPE '\\'", `${likeText(q.reference)}%`);
  for (const word of q.words ?? []) add("subject_folded LIKE ? ESCAPE '\\'", `%${likeText(word)}%`);
  if (q.before !== undefined) add("id < ?", q.before);
  const { results } = await db
    .prepare(`SELECT * FROM submissions WHERE ${where.join(" AND ")} ORDER BY id DESC LIMIT ?`)
    .bind(...params, q.limit)
    .all<SubmissionRow>();
  return results.map(toRecord);
}

/** Open submissions whose (extended) last day is on or before `last`, soonest first: the morning digest. */
export async function openDueBy(db: D1Database, municipality: string, last: string): Promise<SubmissionRecord[]> {
  const { results } = await db
    .prepare(
      `SELECT * FROM submissions WHERE municipality = ? AND ${OPEN} AND ${LAST_DAY} <= ? ORDER BY ${LAST_DAY}, id`,
    )
    .bind(municipality, last)
    .all<SubmissionRow>();
  return results.map(toRecord);
}

/** The municipality's submissions of a year, in the order of their numbers: the export. */
export async function yearOf(db: D1Database, municipality: string, year: number): Promise<SubmissionRecord[]> {
  const { results } = await db
    .prepare("SELECT * FROM submissions WHERE municipality = ? AND year = ? ORDER BY seq")
    .bind(municipality, year)
    .all<SubmissionRow>();
  return results.map(toRecord);
}

/** The years the municipality has submissions in, latest first. */
export async function yearsOf(db: D1Database, municipality: string): Promise<number[]> {
  const { results } = await db
    .prepare("SELECT DISTINCT year FROM submissions WHERE municipality = ? ORDER BY year DESC")
    .bind(municipality)
    .all<{ year: number }>();
  return results.map((r) => r.year);
}

/** Closed before `closedBefore` and not yet blanked: what the retention period has run out for. */
export function retentionDue(municipality: string, closedBefore: string, limit: number): Condition {
  return {
    sql: "SELECT id FROM submissions WHERE municipality = ? AND closed_at < ? AND erased_at IS NULL ORDER BY id LIMIT ?",
    params: [municipality, closedBefore, limit],
  };
}

/**
 * Blanks the personal fields of the submissions `due` picks: the contact fields always,
 * the message too for kinds that expect no answer (praise), whose text is only feedback.
 */
export function erasePersonalData(db: D1Database, due: Condition, messageKinds: readonly string[], at: string) {
  const contacts = CONTACT_FIELDS.map((f) => `${f} = ''`).join(", ");
  return query<{ id: number }>(
    db
      .prepare(
        `UPDATE submissions SET ${contacts},
           message = CASE WHEN kind IN (SELECT value FROM json_each(?)) THEN '' ELSE message END,
           erased_at = ?
         WHERE id IN (${due.sql}) RETURNING id`,
      )
      .bind(JSON.stringify(messageKinds), at, ...due.params),
  );
}

// ——— The yearly report (aggregates only: no text, no personal data) ———

/**
 * The date of receipt, "YYYY-MM-DD", as the incoming number states it ("…/DD.MM.YYYY",
 * the last ten characters, written by insertSubmission in Bulgarian time): the day the
 * deadline runs from. The index submissions_report (migrations/0004_report.sql) holds this
 * very expression, written the same way, so the report's groups are read in its order.
 */
const RECEIVED_ON = "(substr(reference, -4) || '-' || substr(reference, -7, 2) || '-' || substr(reference, -10, 2))";
/** The report reads only the index (see 0004_report.sql); the planner is told so, not left to guess. */
const REPORT_INDEX = "submissions INDEXED BY submissions_report";

/** One group of a year's correspondence: a kind, a status and a month, with its outcomes counted. */
export interface ReportCountRow {
  kind: string;
  status: Status;
  /** 1–12, from the date of receipt. */
  month: number;
  n: number;
  /** Of those answered: by the (extended) last day, or with no deadline. */
  on_time: number;
  /** Of those open: the (extended) last day is before `today`. */
  past_due: number;
  /** The deadline was extended. */
  extended: number;
}

/** The year's submissions of `kinds` by kind, status and month of receipt, as of `today`. */
export function reportCounts(
  db: D1Database,
  municipality: string,
  year: number,
  kinds: readonly SubmissionKind[],
  today: string,
) {
  // Grouped by day in the index's order (no sorting of the rows), then the days into months.
  return query<ReportCountRow>(
    db
      .prepare(
        `SELECT kind, status, CAST(substr(received_on, 6, 2) AS INTEGER) AS month, SUM(n) AS n,
           SUM(on_time) AS on_time, SUM(past_due) AS past_due, SUM(extended) AS extended
         FROM (
           SELECT kind, status, ${RECEIVED_ON} AS received_on, COUNT(*) AS n,
             SUM(status = 'answered' AND answered_on <= COALESCE(${LAST_DAY}, answered_on)) AS on_time,
             SUM(${OPEN} AND ${LAST_DAY} < ?) AS past_due,
             SUM(extended_deadline IS NOT NULL) AS extended
           FROM ${REPORT_INDEX} WHERE municipality = ? AND year = ? AND kind IN (SELECT value FROM json_each(?))
           GROUP BY kind, status, ${RECEIVED_ON}
         ) GROUP BY kind, status, month`,
      )
      .bind(today, municipality, year, JSON.stringify(kinds)),
  );
}

/** Why the year's submissions of `kinds` were left unconsidered, by kind. */
export function reportReasons(db: D1Database, municipality: string, year: number, kinds: readonly SubmissionKind[]) {
  return query<{ kind: string; reason: NotConsideredReason | null; n: number }>(
    db
      .prepare(
        `SELECT kind, not_considered_reason AS reason, COUNT(*) AS n FROM ${REPORT_INDEX}
         WHERE municipality = ? AND year = ? AND kind IN (SELECT value FROM json_each(?))
           AND status = 'not_considered' GROUP BY 1, 2`,
      )
      .bind(municipality, year, JSON.stringify(kinds)),
  );
}

/** Weekdays (Monday to Friday) from Monday 1 January 1990 through the date `d`, in SQL. */
const weekdaysThrough = (d: string) => {
  const t = `CAST(julianday(${d}) - 2447892.5 AS INTEGER)`;
  return `(5 * (${t} / 7) + MIN(${t} % 7 + 1, 5))`;
};

/**
 * The days off so far (src/shared/working-days.ts, daysOffSoFar) on the date `d`, in SQL:
 * a search tree of CASEs, so a date takes a handful of comparisons, not one per step.
 */
function daysOffThrough(d: string, steps: readonly { date: string; off: number }[]): string {
  // Literals, not parameters (D1 binds at most 100): dates and numbers the calendar gave, checked here.
  for (const s of steps) {
    if (!/^\d{4}-\d\d-\d\d$/.test(s.date) || !Number.isInteger(s.off)) throw new Error(`bad calendar step ${s.date}`);
  }
  // Known: d is on or after step lo − 1 and before step hi.
  const tree = (lo: number, hi: number): string => {
    if (lo === hi) return String(steps[lo - 1]?.off ?? 0); // before the first step: none off
    const mid = (lo + hi) >> 1;
    return `(CASE WHEN ${d} < '${steps[mid]?.date}' THEN ${tree(lo, mid)} ELSE ${tree(mid + 1, hi)} END)`;
  };
  return tree(0, steps.length);
}

/**
 * Answered submissions of the year of `kinds`, by kind and working days from receipt to answer (after
 * the day of receipt, up to and including the day of the answer): weekdays minus the
 * calendar's days off in between. `steps` must cover the days from the year's first to the
 * last answer.
 */
export function reportAnswerDays(
  db: D1Database,
  municipality: string,
  year: number,
  kinds: readonly SubmissionKind[],
  steps: readonly { date: string; off: number }[],
) {
  const between = (from: string, to: string) =>
    `(${weekdaysThrough(to)} - ${weekdaysThrough(from)}) - (${daysOffThrough(to, steps)} - ${daysOffThrough(from, steps)})`;
  // Each row's days are counted where it is read; grouping by day pairs first would hand on ~30,000 groups.
  return query<{ kind: string; days: number; n: number }>(
    db
      .prepare(
        `SELECT kind, ${between(RECEIVED_ON, "answered_on")} AS days, COUNT(*) AS n FROM ${REPORT_INDEX}
         WHERE municipality = ? AND year = ? AND kind IN (SELECT value FROM json_each(?))
           AND status = 'answered' AND answered_on IS NOT NULL
         GROUP BY kind, days`,
      )
      .bind(municipality, year, JSON.stringify(kinds)),
  );
}

/** Ratings of surveys registered as submissions before they had a table of their own (migration 0002). */
export function reportLegacyRatings(db: D1Database, municipality: string, year: number) {
  return query<{ rating: number; n: number }>(
    db
      .prepare(
        "SELECT rating, COUNT(*) AS n FROM submissions WHERE municipality = ? AND year = ? AND kind = 'survey' AND rating IS NOT NULL GROUP BY 1",
      )
      .bind(municipality, year),
  );
}

/** How many of the year's submissions are generated demo data (`npm run seed:demo` marks their key). */
export function reportDemoCount(db: D1Database, municipality: string, year: number) {
  return query<{ n: number }>(
    db
      // A range of the de-duplication index (LIKE would read every row): keys from "demo:" up to "demo;".
      .prepare(
        "SELECT COUNT(*) AS n FROM submissions INDEXED BY submissions_dedup WHERE dedup_key >= ? AND dedup_key < ? AND municipality = ? AND year = ?",
      )
      .bind(DEMO_KEY_PREFIX, `${DEMO_KEY_PREFIX.slice(0, -1)};`, municipality, year),
  );
}
