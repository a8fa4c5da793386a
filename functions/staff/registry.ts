/**
 * The registry: every submission of the signed-in staff member's municipality, newest
 * first, a page at a time, with filters. GET /sluzhiteli/ (HTML) and
 * GET /api/staff/submissions (JSON) read the same filters and run the same query.
 */
import type { Context } from "hono";
import { formatBgDate, formatReceived } from "../../src/shared/dates";
import { isSubmissionKind, KIND_SPECS, SUBMISSION_KINDS, type SubmissionKind } from "../../src/shared/kinds";
import { foldForSearch, listRegistry, type RegistryQuery, type SubmissionRecord, yearsOf } from "../db/submissions";
import { EXPORT_PATH, STAFF_HOME, staffSubmissionPath } from "../pages/paths";
import { isStatus, STATUS_LABELS, STATUSES, type Status } from "../submissions/statuses";
import { isManager } from "./auth/directory";
import { type Days, DUE_SOON_WORKING_DAYS, days as daysOf } from "./days";
import type { StaffEnv } from "./guard";
import { staffPage } from "./pages/frame";
import { type Html, html, raw } from "./pages/html";
import { daysLeft, isOverdue, lastDay, summaryJson } from "./views";

export const PAGE_SIZE = 25;

export interface Filters {
  kind?: SubmissionKind;
  status?: Status;
  year?: number;
  /** "overdue": past the last day; "soon": due within 5 working days. */
  deadline?: "overdue" | "soon";
  /** A reference (or its start) or words of the subject. */
  q?: string;
  cursor?: number;
}

export const FILTER_ERRORS = {
  kind: "Няма такъв вид съобщение.",
  status: "Няма такова състояние.",
  year: "Годината се пише с четири цифри, напр. 2026.",
  deadline: "Изберете „просрочени“ или „до 5 работни дни“.",
  cursor: "Невалиден адрес на страница от регистъра. Започнете от първата.",
} as const;

type FilterErrors = Partial<Record<keyof typeof FILTER_ERRORS, string>>;

/** The query string as filters; anything malformed is named, never silently ignored. */
export function parseFilters(q: Record<string, string>): { filters: Filters; errors: FilterErrors } {
  const filters: Filters = {};
  const errors: FilterErrors = {};
  const given = (name: string) => {
    const v = q[name]?.trim();
    return v ? v : undefined;
  };
  const kind = given("kind");
  if (kind !== undefined) {
    if (isSubmissionKind(kind)) filters.kind = kind;
    else errors.kind = FILTER_ERRORS.kind;
  }
  const status = given("status");
  if (status !== undefined) {
    if (isStatus(status)) filters.status = status;
    else errors.status = FILTER_ERRORS.status;
  }
  const year = given("year");
  if (year !== undefined) {
    if (/^\d{4}$/.test(year)) filters.year = Number(year);
    else errors.year = FILTER_ERRORS.year;
  }
  // The API's flags (overdue=1, dueSoon=1) and the page's one radio group mean the same.
  const deadline = given("deadline") ?? (q.overdue === "1" ? "overdue" : q.dueSoon === "1" ? "soon" : undefined);
  if (deadline !== undefined && deadline !== "all") {
    if (deadline === "overdue" || deadline === "soon") filters.deadline = deadline;
    else errors.deadline = FILTER_ERRORS.deadline;
  }
  const text = given("q");
  if (text !== undefined) filters.q = text.slice(0, 200);
  const cursor = given("cursor");
  if (cursor !== undefined) {
    if (/^\d{1,15}$/.test(cursor)) filters.cursor = Number(cursor);
    else errors.cursor = FILTER_ERRORS.cursor;
  }
  return { filters, errors };
}

/** A reference is typed with its index: "94-00-17", "94-00-17/21.11.2026". */
const REFERENCE_LIKE = /^[0-9А-Яа-яA-Za-z]+(-[0-9А-Яа-яA-Za-z]+)*-\d+(\/[\d.]*)?$/;

export function toQuery(municipality: string, f: Filters, days: Days): RegistryQuery {
  const q: RegistryQuery = { municipality, limit: PAGE_SIZE + 1 };
  if (f.kind) q.kind = f.kind;
  if (f.status) q.status = f.status;
  if (f.year) q.year = f.year;
  if (f.deadline === "overdue") q.overdueOn = days.today;
  if (f.deadline === "soon") q.dueWithin = { today: days.today, last: days.lastWithin(DUE_SOON_WORKING_DAYS) };
  if (f.q) {
    if (REFERENCE_LIKE.test(f.q)) q.reference = f.q;
    else q.words = foldForSearch(f.q).split(/\s+/).filter(Boolean).slice(0, 8);
  }
  if (f.cursor) q.before = f.cursor;
  return q;
}

export interface RegistryPage {
  items: SubmissionRecord[];
  next: number | null;
}

export async function readRegistry(c: Context<StaffEnv>, f: Filters, days: Days): Promise<RegistryPage> {
  const rows = await listRegistry(c.env.DB, toQuery(c.var.staff.municipality.id, f, days));
  const items = rows.slice(0, PAGE_SIZE);
  return { items, next: rows.length > PAGE_SIZE ? (items.at(-1)?.id ?? null) : null };
}

export async function registryJson(c: Context<StaffEnv>) {
  const { filters, errors } = parseFilters(c.req.query());
  if (Object.keys(errors).length) return c.json({ errors }, 422);
  const days = await daysOf(c.env.ASSETS, new Date());
  const page = await readRegistry(c, filters, days);
  return c.json({ items: page.items.map((r) => summaryJson(r, days)), next: page.next });
}

export async function registryHtml(c: Context<StaffEnv>) {
  const { filters, errors } = parseFilters(c.req.query());
  const days = await daysOf(c.env.ASSETS, new Date());
  const me = c.var.staff;
  const invalid = Object.keys(errors).length > 0;
  const page = invalid ? { items: [], next: null } : await readRegistry(c, filters, days);
  const years = await yearsOf(c.env.DB, me.municipality.id);
  const summary = invalid
    ? {
        items: Object.entries(errors).map(([field, message]) => ({
          target: `filtar-${field}`,
          message: message ?? "",
        })),
      }
    : undefined;
  return staffPage(c, me, invalid ? 400 : 200, {
    title: `Регистър – ${me.municipality.name}`,
    problems: summary,
    body: html`<h1>Регистър на ${me.municipality.name}</h1>${filterForm(filters, years)}${results(page, filters, days)}${
      isManager(me)
        ? html`<h2>Износ</h2><p><a href="${EXPORT_PATH}?year=${filters.year ?? Number(days.today.slice(0, 4))}">Изтеглете регистъра за ${filters.year ?? days.today.slice(0, 4)} г. като CSV</a> (отваря се в Excel)</p>`
        : ""
    }`,
  });
}

function filterForm(f: Filters, years: number[]): Html {
  const option = (value: string, label: string, current: string | undefined) =>
    html`<option value="${value}"${current === value ? raw(" selected") : ""}>${label}</option>`;
  const radio = (value: string, label: string) =>
    html`<div class="radio"><input class="radio-input" type="radio" id="filtar-deadline-${value}" name="deadline" value="${value}"${(f.deadline ?? "all") === value ? raw(" checked") : ""}><label for="filtar-deadline-${value}">${label}</label></div>`;
  return html`<form class="staff-filters" method="get" action="${STAFF_HOME}" role="search" aria-label="Филтри на регистъра">
<div class="form-group"><label class="label" for="filtar-q">Входящ номер или думи от темата</label><input class="input" type="search" id="filtar-q" name="q" value="${f.q ?? ""}"></div>
<div class="staff-filter-row">
<div class="form-group"><label class="label" for="filtar-kind">Вид</label><select class="input" id="filtar-kind" name="kind">${option("", "Всички", f.kind ?? "")}${SUBMISSION_KINDS.map((k) => option(k, KIND_SPECS[k].label, f.kind))}</select></div>
<div class="form-group"><label class="label" for="filtar-status">Състояние</label><select class="input" id="filtar-status" name="status">${option("", "Всички", f.status ?? "")}${STATUSES.map((s) => option(s, STATUS_LABELS[s], f.status))}</select></div>
<div class="form-group"><label class="label" for="filtar-year">Година</label><select class="input" id="filtar-year" name="year">${option("", "Всички", f.year ? String(f.year) : "")}${years.map((y) => option(String(y), String(y), f.year ? String(f.year) : undefined))}</select></div>
</div>
<fieldset class="fieldset" id="filtar-deadline"><legend class="label">Срок</legend><div class="radios-inline">${radio("all", "Всички")}${radio("overdue", "Просрочени")}${radio("soon", "До 5 работни дни")}</div></fieldset>
<button type="submit" class="button button-primary">Покажете</button> <a href="${STAFF_HOME}">Изчистете филтрите</a>
</form>`;
}

/** "3 работни дни", "последен ден", "просрочена с 2 работни дни". */
export function daysText(r: SubmissionRecord, days: Days): string {
  const left = daysLeft(r, days);
  if (left === null) return "—";
  const n = (k: number) => `${k} ${k === 1 ? "работен ден" : "работни дни"}`;
  if (isOverdue(r, days)) return left === 0 ? "просрочена" : `просрочена с ${n(-left)}`;
  return left <= 1 ? "последен ден" : n(left);
}

function row(r: SubmissionRecord, days: Days): Html {
  const overdue = isOverdue(r, days);
  const last = lastDay(r);
  const off = last ? days.offReason(last) : null;
  return html`<tr${overdue ? raw(' class="overdue"') : ""}>
<th scope="row"><a href="${staffSubmissionPath(r.id)}">${r.reference}</a></th>
<td>${KIND_SPECS[r.kind].label}</td>
<td>${r.subject || "—"}</td>
<td>${formatReceived(r.receivedAt)}</td>
<td>${last ? formatBgDate(last) : "—"}${r.extendedDeadline ? html` <span class="tag">удължен</span>` : ""}${off ? html`<br><span class="muted">${off}</span>` : ""}</td>
<td>${overdue ? html`<strong class="tag tag-overdue">${daysText(r, days)}</strong>` : daysText(r, days)}</td>
<td>${STATUS_LABELS[r.status]}</td>
</tr>`;
}

function results(page: RegistryPage, f: Filters, days: Days): Html {
  if (page.items.length === 0) {
    return html`<h2>Резултати</h2><p>${Object.keys(f).length ? "Нищо не отговаря на тези филтри." : "Все още няма подадени съобщения."}</p>`;
  }
  const nextHref = page.next ? `${STAFF_HOME}?${nextQuery(f, page.next)}` : null;
  return html`<h2>Резултати</h2>
<div class="table-scroll" role="region" aria-labelledby="registar-caption" tabindex="0">
<table class="registry"><caption id="registar-caption">Съобщения, най-новите първи${f.cursor ? " (следваща страница)" : ""}</caption>
<thead><tr><th scope="col">Входящ номер</th><th scope="col">Вид</th><th scope="col">Тема</th><th scope="col">Получена</th><th scope="col">Срок</th><th scope="col">Остават</th><th scope="col">Състояние</th></tr></thead>
<tbody>${page.items.map((r) => row(r, days))}</tbody></table></div>
${pager(f, nextHref)}`;
}

/** Links to the first and the next page; none on a registry of one page (no empty list in a landmark). */
function pager(f: Filters, nextHref: string | null): Html | "" {
  const links = [
    ...(f.cursor
      ? [html`<a href="${STAFF_HOME}?${nextQuery({ ...f, cursor: undefined }, null)}">Първа страница</a>`]
      : []),
    ...(nextHref ? [html`<a href="${nextHref}" rel="next">Следваща страница</a>`] : []),
  ];
  return links.length
    ? html`<nav class="pager" aria-label="Страници на регистъра"><ul>${links.map((a) => html`<li>${a}</li>`)}</ul></nav>`
    : "";
}

function nextQuery(f: Filters, cursor: number | null): string {
  const p = new URLSearchParams();
  if (f.q) p.set("q", f.q);
  if (f.kind) p.set("kind", f.kind);
  if (f.status) p.set("status", f.status);
  if (f.year) p.set("year", String(f.year));
  if (f.deadline) p.set("deadline", f.deadline);
  if (cursor) p.set("cursor", String(cursor));
  return p.toString();
}
