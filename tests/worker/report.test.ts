/**
 * The public report in workerd with a real local D1 seeded with known submissions:
 * every figure against values worked out by hand (on time and late around an extended
 * deadline, working days across holidays, the year's edges in Sofia time), the "< 3"
 * rule, a year with no data, the open data's columns, the edge cache, the staff view.
 */
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { calendar } from "../../functions/content/calendar";
import type { Bindings } from "../../functions/env";
import { type FigureRow, loadFigures, rowKey } from "../../functions/report/figures";
import { OPEN_DATA_COLUMNS } from "../../functions/report/open-data";
import { hiddenKeys, SUPPRESSED, WITHHELD } from "../../functions/report/suppress";
import { addDays, sofiaDate } from "../../src/shared/dates";
import { browser, CLERK, OTHER_CLERK, signIn } from "./staff-support";
import { call, db, mainHtml, mainText, titleIn } from "./support";

const today = sofiaDate(new Date());
const farAhead = addDays(today, 30);

interface Known {
  kind: string;
  /** The date of receipt, "YYYY-MM-DD". */
  on: string;
  status?: string;
  deadline?: string | null;
  extended?: string;
  answered?: string;
  reason?: string;
  rating?: number;
  municipality?: string;
}

const dotted = (d: string) => d.split("-").reverse().join(".");
let seq = 0;
async function insert(s: Known) {
  seq++;
  await db()
    .prepare(
      `INSERT INTO submissions (reference, municipality, year, seq, kind, status, received_at, deadline, extended_deadline,
         answered_on, not_considered_reason, rating, receipt_token, dedup_key)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(
      `94-00-${seq}/${dotted(s.on)}`,
      s.municipality ?? "kostinbrod",
      Number(s.on.slice(0, 4)),
      seq,
      s.kind,
      s.status ?? (s.answered ? "answered" : "registered"),
      `${s.on}T09:00:00.000Z`,
      s.deadline === undefined ? addDays(s.on, 60) : s.deadline,
      s.extended ?? null,
      s.answered ?? null,
      s.reason ?? null,
      s.rating ?? null,
      crypto.randomUUID(),
      `known:${seq}`,
    )
    .run();
}

const survey = (rating: number, receivedAt: string, municipality = "kostinbrod") =>
  db()
    .prepare(
      "INSERT INTO survey_responses (municipality, rating, comment, received_at, dedup_key) VALUES (?, ?, '', ?, ?)",
    )
    .bind(municipality, rating, receivedAt, crypto.randomUUID())
    .run();

const feedback = (page: string, useful: boolean, comment = "", receivedAt = "2025-06-01T10:00:00.000Z") =>
  db()
    .prepare("INSERT INTO page_feedback (page, useful, comment, received_at) VALUES (?, ?, ?, ?)")
    .bind(page, useful ? 1 : 0, comment, receivedAt)
    .run();

beforeAll(async () => {
  const complaints: Known[] = [
    // On time. Received Fri 28.02, answered Tue 04.03: the weekend and 3 March are off → 1 working day.
    { kind: "complaint", on: "2025-02-28", answered: "2025-03-04" },
    // On time, the same day → 0.
    { kind: "complaint", on: "2025-03-10", answered: "2025-03-10" },
    // Last day 06.06 extended to 13.06: answered 12.06 (8 working days) and 13.06 (9) on time, 16.06 (10) late.
    { kind: "complaint", on: "2025-06-02", deadline: "2025-06-06", extended: "2025-06-13", answered: "2025-06-12" },
    { kind: "complaint", on: "2025-06-02", deadline: "2025-06-06", extended: "2025-06-13", answered: "2025-06-16" },
    { kind: "complaint", on: "2025-06-02", deadline: "2025-06-06", extended: "2025-06-13", answered: "2025-06-13" },
    // Late, no extension: received Mon 05.05, answered Mon 12.05; 6 May is off → 4 working days.
    { kind: "complaint", on: "2025-05-05", deadline: "2025-05-09", answered: "2025-05-12" },
    // Open, last day passed.
    { kind: "complaint", on: "2025-07-01", status: "in_progress", deadline: "2025-09-01" },
    // Open, the extended last day is still ahead.
    { kind: "complaint", on: "2025-10-01", deadline: "2025-12-01", extended: farAhead },
    { kind: "complaint", on: "2025-04-14", status: "forwarded" },
    { kind: "complaint", on: "2025-04-14", status: "forwarded" },
    { kind: "complaint", on: "2025-04-14", status: "forwarded" },
    { kind: "complaint", on: "2025-04-15", status: "not_considered", reason: "offensive" },
  ];
  const signals: Known[] = [
    { kind: "signal", on: "2025-08-04", status: "not_considered", reason: "anonymous" },
    { kind: "signal", on: "2025-08-04", status: "not_considered", reason: "anonymous" },
    { kind: "signal", on: "2025-08-04", status: "not_considered", reason: "anonymous" },
    { kind: "signal", on: "2025-09-01", status: "not_considered", reason: "too_old" },
    // Mon 22.12 → Mon 05.01.2026: 23, 29 and 30 December and 5 January → 4 (24–26 and 31 Dec, 1–2 Jan are off).
    { kind: "signal", on: "2025-12-22", answered: "2026-01-05" },
    { kind: "signal", on: "2025-07-01", answered: "2025-07-03" },
    { kind: "signal", on: "2025-07-01", answered: "2025-07-01" },
  ];
  const others: Known[] = [
    { kind: "proposal", on: "2025-10-06", answered: "2025-10-08" },
    ...Array.from({ length: 5 }, () => ({ kind: "praise", on: "2025-11-03", status: "acknowledged", deadline: null })),
    // A survey from before surveys had their own table.
    { kind: "survey", on: "2025-03-03", status: "acknowledged", deadline: null, rating: 3 },
    // Not this report's: another municipality, another year.
    { kind: "complaint", on: "2025-03-10", municipality: "kovachevtsi", answered: "2025-03-10" },
    { kind: "complaint", on: "2024-03-11", answered: "2024-03-11" },
  ];
  for (const s of [...complaints, ...signals, ...others]) await insert(s);

  // 1 January 2025 00:30 in Sofia is 31 December 2024 in UTC: it is 2025's. 1 January 2026 00:30 is not.
  await survey(5, "2024-12-31T22:30:00.000Z");
  for (const at of ["2025-02-01", "2025-05-01", "2025-12-01"]) await survey(5, `${at}T10:00:00.000Z`);
  for (let i = 0; i < 3; i++) await survey(4, "2025-06-01T10:00:00.000Z");
  await survey(3, "2025-06-01T10:00:00.000Z");
  await survey(1, "2025-06-01T10:00:00.000Z");
  await survey(1, "2025-06-01T10:00:00.000Z");
  await survey(1, "2025-12-31T22:30:00.000Z");
  await survey(5, "2025-06-01T10:00:00.000Z", "kovachevtsi");

  for (let i = 0; i < 5; i++) await feedback("/kostinbrod/harta/", true);
  for (let i = 0; i < 4; i++) await feedback("/kostinbrod/harta/", false, i === 0 ? "Липсва телефон" : "");
  await feedback("/kostinbrod/uslugi/", false, "Не намерих таксата", "2025-09-01T10:00:00.000Z");
  for (let i = 0; i < 3; i++) await feedback("/kovachevtsi/harta/", false, "чужда община");
});

const bindings = () => env as unknown as Bindings;

/**
 * A report page's main content for a snapshot: without the shell's script (a build artefact
 * with a hashed name), the years' navigation (it grows with the calendar) and when it was computed.
 */
const reportMain = (html: string) =>
  mainHtml(html)
    .replace(/<nav class="report-years[\s\S]*?<\/nav>/, "")
    .replace(/Изчислено на \d\d\.\d\d\.\d{4} г\., \d\d:\d\d ч\./, "Изчислено на (дата и час)");
const figures = async (year: number) =>
  loadFigures(db(), {
    municipality: "kostinbrod",
    year,
    now: new Date(),
    calendar: await calendar(bindings().ASSETS),
  });

function figureAt(rows: readonly Pick<FigureRow, "section" | "kind" | "month" | "page" | "measure" | "value">[]) {
  const map = new Map(rows.map((r) => [rowKey(r), r.value]));
  return (
    section: FigureRow["section"],
    measure: string,
    more: Partial<Pick<FigureRow, "kind" | "month" | "page">> = {},
  ) => map.get(rowKey({ section, measure, kind: "", month: "", page: "", ...more }));
}

describe("the figures of a year", () => {
  it("count what was received, per kind and month, by the date in the incoming number", async () => {
    const v = figureAt((await figures(2025)).rows);
    expect(v("received", "received")).toBe(25);
    expect(v("received", "received", { kind: "complaint" })).toBe(12);
    expect(v("received", "received", { kind: "signal" })).toBe(7);
    expect(v("received", "received", { kind: "proposal" })).toBe(1);
    expect(v("received", "received", { kind: "praise" })).toBe(5);
    const months = [0, 1, 1, 4, 1, 3, 3, 3, 1, 2, 5, 1];
    expect(months.map((_, i) => v("received", "received", { month: i + 1 }))).toEqual(months);
    expect(v("received", "received", { kind: "complaint", month: 4 })).toBe(4);
    expect(v("received", "received", { kind: "signal", month: 7 })).toBe(2);
  });

  it("say on time or late against the extended last day when there is one", async () => {
    const v = figureAt((await figures(2025)).rows);
    const complaint = (m: string) => v("handling", m, { kind: "complaint" });
    expect(
      ["on_time", "late", "open_overdue", "open_in_time", "forwarded", "not_considered", "extended"].map(complaint),
    ).toEqual([4, 2, 1, 1, 3, 1, 4]);
    expect(v("handling", "not_considered_offensive", { kind: "complaint" })).toBe(1);
    expect(v("handling", "on_time", { kind: "signal" })).toBe(3);
    expect(v("handling", "not_considered_anonymous", { kind: "signal" })).toBe(3);
    expect(v("handling", "not_considered_too_old", { kind: "signal" })).toBe(1);
    // All kinds with a deadline together: 12 + 7 + 1.
    expect(
      ["received", "on_time", "late", "open_overdue", "open_in_time", "forwarded", "not_considered"].map((m) =>
        v("handling", m),
      ),
    ).toEqual([20, 8, 2, 1, 1, 3, 5]);
    expect(v("handling", "not_considered_other")).toBe(0);
  });

  it("give the median and 90th percentile of working days to the answer, none for fewer than 3", async () => {
    const v = figureAt((await figures(2025)).rows);
    // Complaints 0, 1, 4, 8, 9, 10; signals 0, 2, 4; the proposal 2.
    expect(v("answer_time", "median", { kind: "complaint" })).toBe(4);
    expect(v("answer_time", "p90", { kind: "complaint" })).toBe(10);
    expect(v("answer_time", "median", { kind: "signal" })).toBe(2);
    expect(v("answer_time", "p90", { kind: "signal" })).toBe(4);
    expect(v("answer_time", "median", { kind: "proposal" })).toBeNull();
    expect(v("answer_time", "median")).toBe(2);
    expect(v("answer_time", "p90")).toBe(9);
  });

  it("count the surveys of the year in Sofia time, with the mean and the share of 4 and 5", async () => {
    const v = figureAt((await figures(2025)).rows);
    // 5 ×4, 4 ×3, 3 ×2 (one from the old table), 1 ×2: 11 answers, 40 points.
    expect([1, 2, 3, 4, 5].map((r) => v("surveys", `rating_${r}`))).toEqual([2, 0, 2, 3, 4]);
    expect(v("surveys", "responses")).toBe(11);
    expect(v("surveys", "mean")).toBe(3.6);
    expect(v("surveys", "share_4_5")).toBe(64);
  });

  it("count page feedback on the municipality's own pages only", async () => {
    const v = figureAt((await figures(2025)).rows);
    expect(v("page_feedback", "yes", { page: "/kostinbrod/harta/" })).toBe(5);
    expect(v("page_feedback", "no", { page: "/kostinbrod/harta/" })).toBe(4);
    expect(v("page_feedback", "no", { page: "/kostinbrod/uslugi/" })).toBe(1);
    expect(v("page_feedback", "no")).toBe(5);
    expect(v("page_feedback", "no", { page: "/kovachevtsi/harta/" })).toBeUndefined();
  });

  it("a year with no data is all zeros, and no median", async () => {
    const f = await figures(2023);
    const v = figureAt(f.rows);
    expect(f.complete).toBe(true);
    expect(f.rows.filter((r) => r.unit === "count").every((r) => r.value === 0)).toBe(true);
    expect(v("answer_time", "median")).toBeNull();
    expect(v("surveys", "mean")).toBeNull();
    const page = await call(new Request("https://report-empty.test/kostinbrod/otchet/2023/"));
    expect(page.status).toBe(200);
    expect(mainText(await page.text())).toContain(
      "През 2023 г. няма получени жалби, сигнали, предложения, похвали и анкети.",
    );
  });
});

const count = (key: string, value: number) => ({
  section: "received" as const,
  kind: "" as const,
  month: "" as const,
  page: key,
  measure: "received",
  value,
  unit: "count" as const,
});
const key = (page: string) => `received|||${page}|received`;

describe("the small-numbers rule, on figures worked out by hand", () => {
  it("hides 1 and 2; with a total shown, also the smallest other part of it", () => {
    // total 15 = a 2 + b 5 + c 8: a alone would be 15 − 5 − 8.
    const rows = [count("total", 15), count("a", 2), count("b", 5), count("c", 8)];
    const hidden = hiddenKeys({ rows, lines: [{ total: key("total"), parts: [key("a"), key("b"), key("c")] }] });
    expect([...hidden].sort()).toEqual([key("a"), key("b")]);
  });

  it("leaves a line with two small numbers as it is, and hides a zero only when nothing else is left", () => {
    const two = [count("total", 10), count("a", 1), count("b", 2), count("c", 7)];
    expect(
      hiddenKeys({ rows: two, lines: [{ total: key("total"), parts: [key("a"), key("b"), key("c")] }] }).size,
    ).toBe(2);
    const zeros = [count("total", 4), count("a", 1), count("b", 0), count("c", 3)];
    const hidden = hiddenKeys({ rows: zeros, lines: [{ total: key("total"), parts: [key("a"), key("b"), key("c")] }] });
    expect([...hidden].sort()).toEqual([key("a"), key("c")]);
  });

  it("of two parts as small as each other, hides the one first by its key, whatever order the parts are in", () => {
    // total 9 = a 1 + b 4 + c 4: b or c must go with a; always the same one, b.
    const rows = [count("total", 9), count("a", 1), count("b", 4), count("c", 4)];
    for (const parts of [
      [key("a"), key("b"), key("c")],
      [key("c"), key("b"), key("a")],
      [key("a"), key("c"), key("b")],
    ]) {
      expect([...hiddenKeys({ rows, lines: [{ total: key("total"), parts }] })].sort(), parts.join(" ")).toEqual([
        key("a"),
        key("b"),
      ]);
    }
  });

  it("hides only counts: a median of 2 working days, a mean rating of 1.5 and a share of 2 % are shown", () => {
    const rows = [
      { ...count("median", 2), unit: "working_days" as const },
      { ...count("mean", 1.5), unit: "rating" as const },
      { ...count("share", 2), unit: "percent" as const },
    ];
    expect(hiddenKeys({ rows, lines: [] }).size).toBe(0);
  });

  it("ends on a line that is its total alone, a small one hidden (the report page would never load)", () => {
    const rows = [count("total", 2), count("a", 6)];
    const hidden = hiddenKeys({
      rows,
      lines: [
        { total: key("total"), parts: [] },
        { total: key("a"), parts: [] },
      ],
    });
    expect([...hidden]).toEqual([key("total")]);
  });

  it("follows a hidden number from one line into the next until none stands alone", () => {
    // Rows a+b = t1 and b+c = t2: hiding a (1) hides b, which then needs c hidden too.
    const rows = [count("t1", 6), count("a", 1), count("b", 5), count("t2", 9), count("c", 4)];
    const hidden = hiddenKeys({
      rows,
      lines: [
        { total: key("t1"), parts: [key("a"), key("b")] },
        { total: key("t2"), parts: [key("b"), key("c")] },
      ],
    });
    expect([...hidden].sort()).toEqual([key("a"), key("b"), key("c")]);
  });
});

describe("the small-numbers rule", () => {
  it("hides 1 and 2, and one more wherever a total would give a hidden number back", async () => {
    const f = await figures(2025);
    const hidden = hiddenKeys(f);
    const exact = new Map(f.rows.map((r) => [rowKey(r), r.value]));
    for (const r of f.rows) {
      if (r.unit === "count" && (r.value === 1 || r.value === 2)) expect(hidden.has(rowKey(r)), rowKey(r)).toBe(true);
    }
    for (const line of f.lines) {
      const n = [line.total, ...line.parts].filter((k) => hidden.has(k)).length;
      expect(n, `${line.total} = ${line.parts.join(" + ")}`).not.toBe(1);
    }
    // The one proposal is hidden, so is the next smallest kind (5 praises) beside it, and the 7 signals
    // (20 with a deadline − 12 complaints − 7 would give the proposal back); the 12 complaints stay.
    expect(
      hidden.has(rowKey({ section: "received", kind: "proposal", month: "", page: "", measure: "received" })),
    ).toBe(true);
    expect(hidden.has(rowKey({ section: "received", kind: "praise", month: "", page: "", measure: "received" }))).toBe(
      true,
    );
    expect(
      exact.get(rowKey({ section: "received", kind: "complaint", month: "", page: "", measure: "received" })),
    ).toBe(12);
    expect(
      hidden.has(rowKey({ section: "received", kind: "complaint", month: "", page: "", measure: "received" })),
    ).toBe(false);
  });

  it("applies to the page, the CSV and the JSON alike", async () => {
    const json = (await (await call(new Request("https://report-small.test/kostinbrod/otchet/2025.json"))).json()) as {
      rows: Record<string, unknown>[];
    };
    const v = figureAt(json.rows as unknown as FigureRow[]);
    expect(v("received", "received", { kind: "proposal" })).toBe(SUPPRESSED);
    expect(v("received", "received", { kind: "complaint" })).toBe(12);
    expect(v("received", "received", { kind: "signal" })).toBe(WITHHELD);
    expect(v("surveys", "rating_1")).toBe(SUPPRESSED);
    expect(v("surveys", "responses")).toBe(11);
    const csv = await (await call(new Request("https://report-small.test/kostinbrod/otchet/2025.csv"))).text();
    expect(csv).toContain(",received,proposal,,,received,< 3,count,Предложения – Получени\r\n");
    expect(csv).toContain(",received,complaint,,,received,12,count,Жалби – Получени\r\n");
    const html = await (await call(new Request("https://report-small.test/kostinbrod/otchet/2025/"))).text();
    const row = /<tr><th scope="row">Предложения<\/th><td>([^<]*)<\/td><\/tr>/.exec(html);
    expect(row?.[1]).toBe("&lt; 3");
  });
});

describe("the open data", () => {
  it("CSV: UTF-8 with a byte-order mark, the documented columns, the licence", async () => {
    const response = await call(new Request("https://report-csv.test/kostinbrod/otchet/2025.csv"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("link")).toContain('rel="license"');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes).slice(1);
    const [header, licence] = text.split("\r\n");
    expect(header).toBe("municipality,year,section,kind,month,page,measure,value,unit,label");
    expect(header?.split(",")).toEqual(OPEN_DATA_COLUMNS.map(([c]) => c));
    expect(licence).toContain("kostinbrod,2025,about,,,,licence,");
    expect(licence).toContain("CC BY 4.0");
    expect(text).toContain("kostinbrod,2025,handling,complaint,,,late,< 3,count,Жалби – Отговорени след срока\r\n");
    expect(text).toContain("kostinbrod,2025,answer_time,complaint,,,median,4,working_days,");
    expect(text).toContain("kostinbrod,2025,surveys,,,,mean,3.6,rating,");
    // The label says the row in words: no kind says nothing of kinds; a month and a page are named.
    expect(text).toContain("kostinbrod,2025,received,,,,received,25,count,Получени\r\n");
    expect(text).toContain('kostinbrod,2025,received,,3,,received,< 3,count,"Получени, март"\r\n');
    expect(text).toContain(
      'kostinbrod,2025,page_feedback,,,/kostinbrod/harta/,yes,5,count,"„Полезна ли беше тази страница?“ – да, /kostinbrod/harta/"\r\n',
    );
  });

  it("JSON: the same rows and columns, the licence, any site may read it", async () => {
    const response = await call(new Request("https://report-json.test/kostinbrod/otchet/2025.json"));
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    const body = (await response.json()) as {
      municipality: string;
      year: number;
      complete: boolean;
      licence: { url: string };
      columns: { name: string }[];
      rows: Record<string, unknown>[];
    };
    expect(body.columns.map((c) => c.name)).toEqual(OPEN_DATA_COLUMNS.map(([c]) => c));
    expect(body.licence.url).toBe("https://creativecommons.org/licenses/by/4.0/deed.bg");
    expect([body.municipality, body.year, body.complete]).toEqual(["kostinbrod", 2025, true]);
    for (const row of body.rows) expect(Object.keys(row)).toEqual(OPEN_DATA_COLUMNS.map(([c]) => c));
    const csv = await (await call(new Request("https://report-json.test/kostinbrod/otchet/2025.csv"))).text();
    expect(csv.trimEnd().split("\r\n").length - 1).toBe(body.rows.length);
  });

  it("unknown years, municipalities and formats answer 404 in Bulgarian", async () => {
    const future = Number(today.slice(0, 4)) + 1;
    for (const path of [`/kostinbrod/otchet/${future}/`, "/kostinbrod/otchet/1999/", "/nyama/otchet/2025/"]) {
      const r = await call(new Request(`https://report-404.test${path}`));
      expect(r.status, path).toBe(404);
      expect(mainText(await r.text())).toMatch(/Няма (отчет|такава община)/);
    }
    const json = await call(new Request(`https://report-404.test/kostinbrod/otchet/${future}.json`));
    expect(json.status).toBe(404);
    expect(((await json.json()) as { error: string }).error).toContain("Няма отчет");
    expect((await call(new Request("https://report-404.test/kostinbrod/otchet/2025.xls"))).status).toBe(404);
  });
});

describe("the page", () => {
  it("shows charts with text alternatives, each followed by its table, and how it is counted", async () => {
    const response = await call(new Request("https://report-page.test/kostinbrod/otchet/2025/"));
    expect(response.status).toBe(200);
    const html = await response.text();
    const charts = [...html.matchAll(/<svg class="chart" role="img" aria-labelledby="([^ ]+) ([^"]+)"/g)];
    expect(charts.length).toBe(5);
    for (const [, title, desc] of charts) {
      expect(html).toContain(`<title id="${title}">`);
      expect(html).toMatch(new RegExp(`<desc id="${desc}">[^<]+: [^<]+</desc>`));
    }
    expect(html).toContain(
      '<desc id="chart-kinds-desc">Жалби: 12; Сигнали: скрито; Предложения: по-малко от 3; Похвали: скрито.</desc>',
    );
    const text = mainText(html);
    expect(text).toContain("Наредбата за административното обслужване");
    expect(text).toContain("Как броим");
    expect(text).toContain("Полезна ли беше тази страница?");
    expect(text).toContain("Лиценз: Creative Commons");
    expect(text).not.toContain("Липсва телефон"); // comments are for staff only
  });

  it("reads word for word and number for number as the 2025 report of the known submissions", async () => {
    // A snapshot of what a resident reads: after a deliberate change to the page (or to Община
    // Костинброд's name or charter deadlines in content/), look at the difference and accept it
    // with `npx vitest run --project worker tests/worker/report.test.ts -u`.
    const html = await (await call(new Request("https://report-snapshot.test/kostinbrod/otchet/2025/"))).text();
    const main = reportMain(html);
    expect(main).toContain("Изчислено на (дата и час) от регистъра");
    expect(main).toMatchSnapshot();
  });

  it("is cached at the edge for 10 minutes: a new submission shows after that, not before", async () => {
    const url = "https://report-cache.test/kostinbrod/otchet/2024/";
    const first = await call(new Request(url));
    expect(first.headers.get("cache-control")).toBe("public, max-age=600");
    const before = await first.text();
    expect(before).toContain("Общо &lt; 3 през годината");
    for (let i = 0; i < 3; i++) await insert({ kind: "complaint", on: "2024-05-06", answered: "2024-05-07" });
    expect(await (await call(new Request(url))).text()).toBe(before);
    // Another address (as after the cache entry expires) computes afresh.
    expect(await (await call(new Request("https://report-cache-2.test/kostinbrod/otchet/2024/"))).text()).toContain(
      "Общо 4 през годината",
    );
  });

  it("the current year is the year so far", async () => {
    const year = Number(today.slice(0, 4));
    const text = mainText(await (await call(new Request(`https://report-now.test/kostinbrod/otchet/${year}/`))).text());
    expect(text).toContain("Годината до днес");
    const index = await call(new Request("https://report-now.test/kostinbrod/otchet/"));
    expect(index.status).toBe(302);
    expect(index.headers.get("location")).toBe(`/kostinbrod/otchet/${year}/`);
  });
});

describe("the staff view", () => {
  it("shows the exact figures and the page comments, newest first, of the member's own municipality only", async () => {
    const cookie = await signIn(CLERK);
    await feedback("/kostinbrod/", false, "Най-новият коментар", "2025-12-30T10:00:00.000Z");
    const response = await browser("/sluzhiteli/otchet/?year=2025", { cookie });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const html = await response.text();
    expect(html).toMatch(/<tr><th scope="row">Предложения<\/th><td>1<\/td><\/tr>/);
    const text = mainText(html);
    expect(text.indexOf("Най-новият коментар")).toBeGreaterThan(-1);
    expect(text.indexOf("Най-новият коментар")).toBeLessThan(text.indexOf("Не намерих таксата"));
    expect(text.indexOf("Не намерих таксата")).toBeLessThan(text.indexOf("Липсва телефон"));
    expect(text).not.toContain("чужда община");

    const other = await signIn(OTHER_CLERK);
    const theirs = mainText(await (await browser("/sluzhiteli/otchet/?year=2025", { cookie: other })).text());
    expect(theirs).toContain("чужда община");
    expect(theirs).not.toContain("Липсва телефон");
  });

  it("is closed without a session, and refuses a bad year", async () => {
    const response = await browser("/sluzhiteli/otchet/?year=2025");
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/sluzhiteli/vhod/");
    const cookie = await signIn(CLERK);
    expect((await browser("/sluzhiteli/otchet/?year=20", { cookie })).status).toBe(400);
  });
});

describe("the staff view, word for word", () => {
  it("reads as the 2025 report of the known submissions with every number exact, the share on time among them", async () => {
    // After a deliberate change, accept the difference with
    // `npx vitest run --project worker tests/worker/report.test.ts -u` (as for the public page).
    const cookie = await signIn(CLERK);
    const html = await (await browser("/sluzhiteli/otchet/?year=2025", { cookie })).text();
    const main = reportMain(html);
    expect(mainText(main)).toMatch(/Отговорени в срок \d+ \(\d+ % от отговорените\)/);
    expect(main).toMatchSnapshot();
  });
});

describe("the staff view of a year it has no report for", () => {
  it("answers 400 for a year not of four digits, or after this one, and links this year's report", async () => {
    const cookie = await signIn(CLERK);
    const thisYear = Number(today.slice(0, 4));
    const pages: string[] = [];
    for (const year of ["20251", "x2025", "2025x", String(thisYear + 1)]) {
      const response = await browser(`/sluzhiteli/otchet/?year=${year}`, { cookie });
      expect(response.status, year).toBe(400);
      const html = await response.text();
      expect(titleIn(html), year).toBe("Грешка: Отчет – Харта на клиента");
      pages.push(mainHtml(html).replaceAll(String(thisYear), "ГГГГ"));
    }
    expect(new Set(pages).size).toBe(1);
    expect(pages[0]).toMatchSnapshot();
  });
});

describe("the open data's own description", () => {
  it("says whose register it comes from, as of when, and names each kind in words", async () => {
    const body = (await (await call(new Request("https://report-about.test/kostinbrod/otchet/2025.json"))).json()) as {
      asOf: string;
      kinds: Record<string, string>;
      rows: { section: string; measure: string; value: unknown }[];
    };
    const about = Object.fromEntries(body.rows.filter((r) => r.section === "about").map((r) => [r.measure, r.value]));
    expect(about.source).toBe("Регистърът на Харта на клиента: kostinbrod, 2025 г.");
    expect(about.as_of).toBe(body.asOf);
    expect(Number.isNaN(Date.parse(body.asOf))).toBe(false);
    expect(body.kinds).toEqual({
      complaint: "Жалба",
      signal: "Сигнал",
      proposal: "Предложение",
      praise: "Похвала",
      survey: "Анкета",
    });
  });
});

describe("the report of a year without anything received", () => {
  it("says so, with no figures to show, word for word", async () => {
    // Ковачевци received nothing in 2024 (the known submissions are Костинброд's, and one of its in 2025).
    const html = await (await call(new Request("https://report-empty.test/kovachevtsi/otchet/2024/"))).text();
    const main = reportMain(html);
    expect(mainText(main)).toContain("През 2024 г. няма получени жалби, сигнали, предложения, похвали и анкети.");
    expect(main).toMatchSnapshot();
  });
});
