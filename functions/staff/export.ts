/**
 * GET /sluzhiteli/export.csv?year=YYYY (managers): the year's registry, one row per
 * submission, as CSV in UTF-8 with a byte-order mark (so Excel opens Cyrillic
 * correctly), or as JSON with ?format=json. Every export is recorded.
 */
import type { Context } from "hono";
import { sofiaDate } from "../../src/shared/dates";
import { KIND_SPECS } from "../../src/shared/kinds";
import { appendEntry } from "../db/audit-log";
import { type SubmissionRecord, yearOf } from "../db/submissions";
import { STATUS_LABELS } from "../submissions/statuses";
import type { StaffEnv } from "./guard";

export const EXPORT_COLUMNS = [
  ["reference", "Входящ номер"],
  ["kind", "Вид"],
  ["subject", "Тема"],
  ["receivedOn", "Получена"],
  ["deadline", "Срок"],
  ["extendedDeadline", "Удължен срок"],
  ["status", "Състояние"],
  ["answeredOn", "Отговорена на"],
  ["daysToAnswer", "Дни до отговора"],
  ["forwardedTo", "Препратена до"],
] as const;

type ExportRow = Record<(typeof EXPORT_COLUMNS)[number][0], string | number | null>;

/** Calendar days from receipt to answer (as the law counts the deadline). */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function exportRow(r: SubmissionRecord, receivedOn: string): ExportRow {
  return {
    reference: r.reference,
    kind: KIND_SPECS[r.kind].label,
    subject: r.subject,
    receivedOn,
    deadline: r.deadline,
    extendedDeadline: r.extendedDeadline,
    status: STATUS_LABELS[r.status],
    answeredOn: r.answeredOn,
    daysToAnswer: r.answeredOn ? daysBetween(receivedOn, r.answeredOn) : null,
    forwardedTo: r.forwardedTo,
  };
}

/**
 * RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled; CRLF
 * between rows. Text a resident typed that a spreadsheet would run as a formula
 * (=, +, -, @) starts with an apostrophe, so it is shown, never evaluated.
 */
export function csvField(value: string | number | null): string {
  const text = value === null ? "" : typeof value === "number" ? String(value) : value.replace(/^[=+\-@\t\r]/, "'$&");
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A header row of the columns' headings, then the rows, in UTF-8 with a byte-order mark. */
export function toCsv<K extends string>(
  columns: readonly (readonly [key: K, heading: string])[],
  rows: readonly Record<K, string | number | null>[],
): string {
  const header = columns.map(([, heading]) => csvField(heading)).join(",");
  const body = rows.map((row) => columns.map(([key]) => csvField(row[key])).join(","));
  return `\ufeff${[header, ...body].join("\r\n")}\r\n`;
}

export async function exportYear(c: Context<StaffEnv>, year: number, format: "csv" | "json") {
  const me = c.var.staff;
  const now = new Date();
  const records = await yearOf(c.env.DB, me.municipality.id, year);
  const rows = records.map((r) => exportRow(r, sofiaDate(new Date(r.receivedAt))));
  await appendEntry(c.env.DB, {
    at: now.toISOString(),
    municipality: me.municipality.id,
    actor: me.email,
    action: "export",
    detail: { year, format, rows: rows.length },
  }).statement.run();
  const name = `registar-${me.municipality.id}-${year}`;
  if (format === "json") {
    return c.json({ municipality: me.municipality.id, year, columns: EXPORT_COLUMNS.map(([k]) => k), rows }, 200, {
      "Content-Disposition": `attachment; filename="${name}.json"`,
    });
  }
  return c.body(toCsv(EXPORT_COLUMNS, rows), 200, {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="${name}.csv"`,
  });
}
