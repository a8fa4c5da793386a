/**
 * Not part of the deployed Worker: `npm run bench:report` (scripts/bench-report.ts) runs
 * this under `wrangler dev` on a throwaway local D1. POST /seed?municipality=&year=&submissions=
 * adds that many generated submissions of one municipality's year in SQL (a fifth as many
 * survey answers, a tenth as many page-feedback answers); GET /figures?runs=N computes the report's figures with the real code
 * (loadFigures: one D1 batch) N times and answers the D1 time of each statement, as D1
 * reports it in each result's `meta.duration`.
 */
import calendar2025 from "../../content/calendar/2025.json";
import calendar2026 from "../../content/calendar/2026.json";
import { type CalendarYear, calendarOf } from "../../src/shared/working-days";
import { loadFigures } from "../report/figures";
import { published } from "../report/suppress";

interface Env {
  DB: D1Database;
}

const calendar = calendarOf([calendar2025, calendar2026] as CalendarYear[]);

/** `n` submissions of `year` in one municipality, spread over the year, with every outcome the report counts. */
function seedSubmissions(n: number, municipality: string, year: number): string {
  const tag = `${municipality}-${year}-`;
  return `WITH RECURSIVE i(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM i WHERE n < ${n}),
  s AS (
    SELECT n, date('${year}-01-01', '+' || ((n - 1) * 365 / ${n}) || ' days') AS d, abs(random()) % 100 AS r, abs(random()) % 100 AS k FROM i
  )
  INSERT INTO submissions (reference, municipality, year, seq, kind, status, received_at, deadline, extended_deadline,
    answered_on, not_considered_reason, subject, receipt_token, dedup_key)
  SELECT '94-00-' || n || '/' || strftime('%d.%m.%Y', d), '${municipality}', ${year}, n,
    CASE WHEN k < 35 THEN 'complaint' WHEN k < 65 THEN 'signal' WHEN k < 80 THEN 'proposal' ELSE 'praise' END,
    CASE WHEN k >= 80 THEN 'acknowledged' WHEN r < 80 THEN 'answered' WHEN r < 85 THEN 'forwarded' WHEN r < 92 THEN 'not_considered' WHEN r < 96 THEN 'in_progress' ELSE 'registered' END,
    d || 'T08:30:00.000Z',
    CASE WHEN k < 80 THEN date(d, '+2 months') END,
    CASE WHEN k < 80 AND r % 17 = 0 THEN date(d, '+2 months', '+20 days') END,
    CASE WHEN k < 80 AND r < 80 THEN date(d, '+' || (abs(random()) % 75) || ' days') END,
    CASE WHEN k < 80 AND r BETWEEN 85 AND 91 THEN CASE r % 4 WHEN 0 THEN 'anonymous' WHEN 1 THEN 'too_old' WHEN 2 THEN 'offensive' ELSE 'other' END END,
    'Тема ' || n, 'bench-${tag}' || n, 'bench:${tag}' || n
  FROM s`;
}

const seedSurveys = (n: number, municipality: string, year: number) =>
  `WITH RECURSIVE i(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM i WHERE n < ${n})
  INSERT INTO survey_responses (municipality, rating, comment, received_at, dedup_key)
  SELECT '${municipality}', 1 + abs(random()) % 5, '', date('${year}-01-01', '+' || ((n - 1) * 365 / ${n}) || ' days') || 'T09:00:00.000Z', 'bench:${municipality}-${year}-' || n FROM i`;

const seedFeedback = (n: number, municipality: string, year: number) =>
  `WITH RECURSIVE i(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM i WHERE n < ${n})
  INSERT INTO page_feedback (page, useful, comment, received_at)
  SELECT '/${municipality}/uslugi/usluga-' || (n % 40) || '/', abs(random()) % 4 > 0, '', date('${year}-01-01', '+' || ((n - 1) * 365 / ${n}) || ' days') || 'T09:00:00.000Z' FROM i`;

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url);
    const municipality = url.searchParams.get("municipality") ?? "kostinbrod";
    const year = Number(url.searchParams.get("year") ?? "2025");
    if (request.method === "POST" && url.pathname === "/seed") {
      const n = Number(url.searchParams.get("submissions") ?? "100000");
      await env.DB.exec(seedSubmissions(n, municipality, year).replace(/\s*\n\s*/g, " "));
      await env.DB.prepare(
        "INSERT INTO registry_sequences (municipality, year, last_seq) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET last_seq = excluded.last_seq",
      )
        .bind(municipality, year, n)
        .run();
      await env.DB.exec(seedSurveys(Math.round(n / 5), municipality, year).replace(/\s*\n\s*/g, " "));
      await env.DB.exec(seedFeedback(Math.round(n / 10), municipality, year).replace(/\s*\n\s*/g, " "));
      const counts = await env.DB.batch([
        env.DB.prepare("SELECT COUNT(*) AS n FROM submissions"),
        env.DB.prepare("SELECT COUNT(*) AS n FROM survey_responses"),
        env.DB.prepare("SELECT COUNT(*) AS n FROM page_feedback"),
      ]);
      const [submissions, surveys, feedback] = counts.map((r) => (r.results[0] as { n: number }).n);
      return Response.json({ submissions, surveys, feedback });
    }
    if (url.pathname === "/figures") {
      const runs: { statements: number[]; rowsRead: number[]; rows: number }[] = [];
      for (let i = 0; i < Number(url.searchParams.get("runs") ?? "20"); i++) {
        const statements: number[] = [];
        const rowsRead: number[] = [];
        let rows = 0;
        const timed = {
          prepare: (sql: string) => env.DB.prepare(sql),
          batch: async (list: D1PreparedStatement[]) => {
            const results = await env.DB.batch(list);
            for (const r of results) {
              statements.push(r.meta.duration);
              rowsRead.push(r.meta.rows_read ?? 0);
              rows += r.results.length;
            }
            return results;
          },
        } as unknown as D1Database;
        const figures = await loadFigures(timed, { municipality, year, now: new Date(), calendar });
        published(figures);
        runs.push({ statements, rowsRead, rows });
      }
      return Response.json({ runs });
    }
    return new Response("POST /seed or GET /figures", { status: 404 });
  },
};
