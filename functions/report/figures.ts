/**
 * The yearly report's figures, computed from D1's aggregates (no text of any submission,
 * no personal data) as one flat list of rows. The page, the CSV and the JSON are all
 * rendered from that list, so they cannot disagree; the small-numbers rule (suppress.ts)
 * is applied to the list once, before any of them sees it.
 */
import { sofiaDate, sofiaDayStart } from "../../src/shared/dates";
import { KIND_SPECS, SUBMISSION_KINDS, type SubmissionKind } from "../../src/shared/kinds";
import { type Calendar, daysOffSoFar } from "../../src/shared/working-days";
import { batch } from "../db/batch";
import { usefulnessByPage } from "../db/page-feedback";
import { numberedYears } from "../db/registry-sequences";
import {
  type ReportCountRow,
  reportAnswerDays,
  reportCounts,
  reportDemoCount,
  reportLegacyRatings,
  reportReasons,
} from "../db/submissions";
import { ratingCounts } from "../db/survey-responses";
import { NOT_CONSIDERED_REASONS, type NotConsideredReason } from "../submissions/statuses";

/** Kinds counted as received correspondence (surveys are counted apart, as ratings). */
export const RECEIVED_KINDS = SUBMISSION_KINDS.filter((k) => KIND_SPECS[k].correspondence);
/** Kinds the municipality answers within a deadline. */
export const DEADLINE_KINDS = SUBMISSION_KINDS.filter((k) => KIND_SPECS[k].expectsAnswer);
export const REASONS = Object.keys(NOT_CONSIDERED_REASONS) as NotConsideredReason[];

/** Where each received submission of a kind with a deadline stands; together they make up all of them. */
export const OUTCOMES = ["on_time", "late", "open_overdue", "open_in_time", "forwarded", "not_considered"] as const;
export type Outcome = (typeof OUTCOMES)[number];

export type Section = "about" | "received" | "handling" | "answer_time" | "surveys" | "page_feedback";
export type Unit = "count" | "working_days" | "rating" | "percent" | "text";

/** One figure: a row of the open data, a cell of the page. */
export interface FigureRow {
  section: Section;
  /** A kind's code (complaint, signal, …), or "" for all kinds together. */
  kind: SubmissionKind | "";
  /** 1–12, or "" for the whole year. */
  month: number | "";
  /** A page's path (page feedback), or "". */
  page: string;
  measure: string;
  /** A count, a number of working days, a mean rating, a percentage, a text (about); null when too few to say. */
  value: number | string | null;
  unit: Unit;
}

/** Figures that must add up: `parts` sum to `total` (keys of rows). The small-numbers rule reads these. */
export interface Line {
  total: string;
  parts: string[];
}

export interface Figures {
  municipality: string;
  year: number;
  /** When the figures were computed (ISO instant). */
  asOf: string;
  /** False for the current year: the year so far. */
  complete: boolean;
  /** The months the year has had so far (12 for a past year). */
  months: number;
  /** The year holds generated demo data. */
  demo: boolean;
  /** The years the municipality has registered submissions in, latest first. */
  years: number[];
  rows: FigureRow[];
  lines: Line[];
}

export const rowKey = (r: Pick<FigureRow, "section" | "kind" | "month" | "page" | "measure">) =>
  `${r.section}|${r.kind}|${r.month}|${r.page}|${r.measure}`;

/** Fewer answers than this and no median, 90th percentile, mean or share is given. */
export const MIN_FOR_STATISTICS = 3;

export interface ReportInput {
  counts: ReportCountRow[];
  reasons: { kind: string; reason: NotConsideredReason | null; n: number }[];
  /** Answers by kind and working days from receipt to answer. */
  answers: { kind: string; days: number; n: number }[];
  ratings: { rating: number; n: number }[];
  pages: { page: string; yes: number; no: number }[];
  demoSubmissions: number;
  years?: number[];
}

/** The value at rank ⌈p·n⌉ of the sorted values (nearest rank): p of them are that or less. */
export function percentile(histogram: ReadonlyMap<number, number>, p: number): number | null {
  const total = [...histogram.values()].reduce((a, b) => a + b, 0);
  if (total < MIN_FOR_STATISTICS) return null;
  const rank = Math.ceil(p * total);
  let seen = 0;
  for (const value of [...histogram.keys()].sort((a, b) => a - b)) {
    seen += histogram.get(value) ?? 0;
    if (seen >= rank) return value;
  }
  return null;
}

/** How a group of one status splits into the outcomes. */
function outcomesOf(r: ReportCountRow): [Outcome, number][] {
  switch (r.status) {
    case "answered":
      return [
        ["on_time", r.on_time],
        ["late", r.n - r.on_time],
      ];
    case "forwarded":
      return [["forwarded", r.n]];
    case "not_considered":
      return [["not_considered", r.n]];
    default:
      return [
        ["open_overdue", r.past_due],
        ["open_in_time", r.n - r.past_due],
      ];
  }
}

/** Builds the rows from the aggregates. `now` decides "today" (open and overdue) and how much of the year has passed. */
export function buildFigures(
  input: ReportInput,
  o: { municipality: string; year: number; now: Date; calendar: Calendar },
): Figures {
  const today = sofiaDate(o.now);
  const currentYear = Number(today.slice(0, 4));
  const complete = o.year < currentYear;
  const months = complete ? 12 : Number(today.slice(5, 7));
  const rows: FigureRow[] = [];
  const lines: Line[] = [];
  const add = (r: Omit<FigureRow, "page" | "month"> & Partial<Pick<FigureRow, "page" | "month">>) => {
    const row: FigureRow = { page: "", month: "", ...r };
    rows.push(row);
    return rowKey(row);
  };
  const tally = new Map<string, number>();
  const bump = (key: string, n: number) => tally.set(key, (tally.get(key) ?? 0) + n);
  for (const r of input.counts) {
    bump(`received|${r.kind}|${r.month}`, r.n);
    for (const [outcome, n] of outcomesOf(r)) bump(`outcome|${r.kind}|${outcome}`, n);
    bump(`extended|${r.kind}`, r.extended);
  }
  for (const r of input.reasons) bump(`reason|${r.kind}|${r.reason ?? "other"}`, r.n);
  const get = (key: string) => tally.get(key) ?? 0;
  const sum = (keys: string[]) => keys.reduce((a, k) => a + get(k), 0);
  const monthList = Array.from({ length: months }, (_, i) => i + 1);

  // Received, per kind and month, with the totals.
  const receivedTotal = (kind: SubmissionKind | "", month: number | "") =>
    rowKey({ section: "received", kind, month, page: "", measure: "received" });
  for (const kind of RECEIVED_KINDS) {
    const parts = monthList.map((month) =>
      add({
        section: "received",
        kind,
        month,
        measure: "received",
        value: get(`received|${kind}|${month}`),
        unit: "count",
      }),
    );
    const total = add({
      section: "received",
      kind,
      measure: "received",
      value: sum(monthList.map((m) => `received|${kind}|${m}`)),
      unit: "count",
    });
    lines.push({ total, parts });
  }
  for (const month of monthList) {
    const value = sum(RECEIVED_KINDS.map((k) => `received|${k}|${month}`));
    const total = add({ section: "received", kind: "", month, measure: "received", value, unit: "count" });
    lines.push({ total, parts: RECEIVED_KINDS.map((k) => receivedTotal(k, month)) });
  }
  const all = add({
    section: "received",
    kind: "",
    measure: "received",
    value: sum(RECEIVED_KINDS.flatMap((k) => monthList.map((m) => `received|${k}|${m}`))),
    unit: "count",
  });
  lines.push({ total: all, parts: RECEIVED_KINDS.map((k) => receivedTotal(k, "")) });
  lines.push({ total: all, parts: monthList.map((m) => receivedTotal("", m)) });

  // Handling of the kinds with a deadline: the outcomes make up what was received.
  const handling = (kind: SubmissionKind | "", measure: string) =>
    rowKey({ section: "handling", kind, month: "", page: "", measure });
  const kindsOrAll = [...DEADLINE_KINDS, ""] as const;
  for (const kind of kindsOrAll) {
    const ks = kind ? [kind] : DEADLINE_KINDS;
    for (const outcome of OUTCOMES) {
      add({
        section: "handling",
        kind,
        measure: outcome,
        value: sum(ks.map((k) => `outcome|${k}|${outcome}`)),
        unit: "count",
      });
    }
    for (const reason of REASONS) {
      add({
        section: "handling",
        kind,
        measure: `not_considered_${reason}`,
        value: sum(ks.map((k) => `reason|${k}|${reason}`)),
        unit: "count",
      });
    }
    add({ section: "handling", kind, measure: "extended", value: sum(ks.map((k) => `extended|${k}`)), unit: "count" });
    lines.push({
      total: kind ? receivedTotal(kind, "") : handling("", "received"),
      parts: OUTCOMES.map((m) => handling(kind, m)),
    });
    lines.push({
      total: handling(kind, "not_considered"),
      parts: REASONS.map((r) => handling(kind, `not_considered_${r}`)),
    });
  }
  // What the kinds with a deadline received together (all kinds together include praise).
  add({
    section: "handling",
    kind: "",
    measure: "received",
    value: sum(DEADLINE_KINDS.flatMap((k) => monthList.map((m) => `received|${k}|${m}`))),
    unit: "count",
  });
  lines.push({ total: handling("", "received"), parts: DEADLINE_KINDS.map((k) => receivedTotal(k, "")) });
  // (No count of answered ones: on time plus late give it, and it would make one hide the other.)
  for (const measure of [...OUTCOMES, "extended", ...REASONS.map((r) => `not_considered_${r}`)]) {
    lines.push({ total: handling("", measure), parts: DEADLINE_KINDS.map((k) => handling(k, measure)) });
  }

  // Answer times in working days after the day of receipt.
  const histograms = new Map<string, Map<number, number>>(kindsOrAll.map((k) => [k, new Map()]));
  for (const a of input.answers) {
    const days = Math.max(0, a.days);
    for (const k of [a.kind, ""]) {
      const h = histograms.get(k);
      h?.set(days, (h.get(days) ?? 0) + a.n);
    }
  }
  for (const kind of kindsOrAll) {
    const h = histograms.get(kind) ?? new Map();
    add({ section: "answer_time", kind, measure: "median", value: percentile(h, 0.5), unit: "working_days" });
    add({ section: "answer_time", kind, measure: "p90", value: percentile(h, 0.9), unit: "working_days" });
  }

  // Surveys: the ratings 1–5, their mean and the share of 4 and 5.
  const ratings = [1, 2, 3, 4, 5].map((r) => input.ratings.filter((x) => x.rating === r).reduce((a, x) => a + x.n, 0));
  const responses = ratings.reduce((a, b) => a + b, 0);
  const enough = responses >= MIN_FOR_STATISTICS;
  const ratingKeys = ratings.map((value, i) =>
    add({ section: "surveys", kind: "", measure: `rating_${i + 1}`, value, unit: "count" }),
  );
  const responsesKey = add({ section: "surveys", kind: "", measure: "responses", value: responses, unit: "count" });
  lines.push({ total: responsesKey, parts: ratingKeys });
  const mean = enough ? Math.round((ratings.reduce((a, n, i) => a + n * (i + 1), 0) / responses) * 10) / 10 : null;
  const share = enough ? Math.round((((ratings[3] ?? 0) + (ratings[4] ?? 0)) / responses) * 100) : null;
  add({ section: "surveys", kind: "", measure: "mean", value: mean, unit: "rating" });
  add({ section: "surveys", kind: "", measure: "share_4_5", value: share, unit: "percent" });

  // Page feedback, per page; the pages in the order of their path.
  const pages = [...input.pages].sort((a, b) => (a.page < b.page ? -1 : a.page > b.page ? 1 : 0));
  for (const measure of ["yes", "no"] as const) {
    const parts = pages.map((p) =>
      add({ section: "page_feedback", kind: "", page: p.page, measure, value: p[measure], unit: "count" }),
    );
    const total = add({
      section: "page_feedback",
      kind: "",
      measure,
      value: pages.reduce((a, p) => a + p[measure], 0),
      unit: "count",
    });
    lines.push({ total, parts });
  }

  const demo = input.demoSubmissions > 0;
  const years = input.years ?? [];
  return {
    municipality: o.municipality,
    year: o.year,
    asOf: o.now.toISOString(),
    complete,
    months,
    demo,
    years,
    rows,
    lines,
  };
}

/** The instants the year begins and ends in Sofia, for tables that keep instants rather than a year. */
export function yearSpan(year: number): { from: string; to: string } {
  return { from: sofiaDayStart(`${year}-01-01`), to: sofiaDayStart(`${year + 1}-01-01`) };
}

/** Reads the aggregates in one D1 batch (all the D1 time a report takes) and builds the figures. */
export async function loadFigures(
  db: D1Database,
  o: { municipality: string; year: number; now: Date; calendar: Calendar },
): Promise<Figures> {
  const today = sofiaDate(o.now);
  const span = yearSpan(o.year);
  const r = await batch(db, {
    counts: reportCounts(db, o.municipality, o.year, RECEIVED_KINDS, today),
    reasons: reportReasons(db, o.municipality, o.year, DEADLINE_KINDS),
    // Answers come within months: the calendar's days off from the year's start to two years after its end.
    answers: reportAnswerDays(
      db,
      o.municipality,
      o.year,
      DEADLINE_KINDS,
      daysOffSoFar(o.calendar, `${o.year}-01-01`, `${o.year + 2}-12-31`),
    ),
    legacy: reportLegacyRatings(db, o.municipality, o.year),
    ratings: ratingCounts(db, o.municipality, span.from, span.to),
    pages: usefulnessByPage(db, o.municipality, span.from, span.to),
    demo: reportDemoCount(db, o.municipality, o.year),
    years: numberedYears(db, o.municipality),
  });
  return buildFigures(
    {
      counts: r.counts,
      reasons: r.reasons,
      answers: r.answers,
      ratings: [...r.ratings, ...r.legacy],
      pages: r.pages,
      demoSubmissions: r.demo[0]?.n ?? 0,
      years: r.years.map((y) => y.year),
    },
    o,
  );
}
