/**
 * `npm run bench:report` — the report's D1 time at scale. Seeds a throwaway local D1
 * under `wrangler dev` (workerd, the runtime `npm start` uses) with 100,000 submissions —
 * first as a D1 would hold them (10 municipalities × 10 years), then all in the one
 * municipality and year the report is of (the worst case: a real municipality gets a few
 * hundred a year) — with a fifth as many survey answers and a tenth as many page-feedback
 * answers, then computes
 * the figures with the real code (functions/bench/report.ts runs loadFigures, the one D1
 * batch a report page makes) and prints the D1 time of each statement as D1 reports it
 * (`meta.duration`). Target: under 50 ms in all.
 *
 * Options: --submissions N (default 100000), --runs N (default 20).
 */
import { writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { freePort } from "./lib/ports.ts";
import { startServer, stopServer } from "./lib/wrangler-dev.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const { values: args } = parseArgs({
  options: { submissions: { type: "string", default: "100000" }, runs: { type: "string", default: "20" } },
});
const TARGET_MS = 50;
/** The statements of loadFigures' batch, in its order (functions/report/figures.ts). */
const STATEMENTS = [
  "counts by kind, status and month",
  "reasons for not considering",
  "answers by working days taken",
  "ratings in the old table",
  "survey ratings",
  "page feedback per page",
  "demo rows",
  "years with submissions",
];

const config = path.join(tmpdir(), `harta-bench-report-${process.pid}.toml`);
writeFileSync(
  config,
  `name = "harta-bench-report"\nmain = "${path.join(ROOT, "functions/bench/report.ts")}"\ncompatibility_date = "2026-11-01"\n\n[[d1_databases]]\nbinding = "DB"\ndatabase_name = "harta-bench-report"\ndatabase_id = "00000000-0000-0000-0000-000000000000"\nmigrations_dir = "${path.join(ROOT, "migrations")}"\n`,
);

interface Run {
  statements: number[];
  rowsRead: number[];
  rows: number;
}

/** Seeds a fresh local D1 as `plan` says, then computes kostinbrod's figures for 2025 `runs` times. */
async function measure(plan: { municipality: string; year: number; submissions: number }[]) {
  const server = await startServer(config, await freePort("127.0.0.1"), "/figures?runs=1");
  try {
    const seeding = Date.now();
    let counts = { submissions: 0, surveys: 0, feedback: 0 };
    for (const p of plan) {
      const seeded = await fetch(
        `${server.url}/seed?municipality=${p.municipality}&year=${p.year}&submissions=${p.submissions}`,
        {
          method: "POST",
        },
      );
      if (!seeded.ok) throw new Error(`seeding answered ${seeded.status}: ${await seeded.text()}`);
      counts = (await seeded.json()) as typeof counts;
    }
    const seededIn = Date.now() - seeding;
    const started = Date.now();
    const answer = await fetch(`${server.url}/figures?municipality=kostinbrod&year=2025&runs=${Number(args.runs)}`);
    if (!answer.ok) throw new Error(`figures answered ${answer.status}: ${await answer.text()}`);
    const { runs } = (await answer.json()) as { runs: Run[] };
    return { counts, seededIn, runs, wall: (Date.now() - started) / runs.length };
  } finally {
    await stopServer(server);
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const f = (x: number) => x.toFixed(1);

function print(title: string, m: Awaited<ReturnType<typeof measure>>, ofYear: number) {
  const totals = m.runs.map((r) => r.statements.reduce((a, b) => a + b, 0));
  console.log(`\n${title}`);
  console.log(
    `D1: ${m.counts.submissions} submissions, ${m.counts.surveys} survey answers, ${m.counts.feedback} page-feedback answers (seeded in ${(m.seededIn / 1000).toFixed(1)} s); the report's year holds ${ofYear} submissions; ${m.runs.length} runs\n`,
  );
  console.log("| statement | D1 ms, median | D1 ms, max | rows read |");
  console.log("|---|---:|---:|---:|");
  STATEMENTS.forEach((name, i) => {
    const times = m.runs.map((r) => r.statements[i] ?? 0);
    console.log(`| ${name} | ${f(median(times))} | ${f(Math.max(...times))} | ${m.runs[0]?.rowsRead[i] ?? 0} |`);
  });
  console.log(`| **all** | **${f(median(totals))}** | **${f(Math.max(...totals))}** | |`);
  console.log(
    `rows returned per report: ${m.runs[0]?.rows ?? 0}; request time per report (D1 and JavaScript, local): ${m.wall.toFixed(0)} ms`,
  );
  const verdict = median(totals) < TARGET_MS ? "within" : "OVER";
  console.log(`D1 time per report: ${f(median(totals))} ms median — ${verdict} the ${TARGET_MS} ms target.`);
  return median(totals);
}

const total = Number(args.submissions);
console.log(
  `node scripts/bench-report.ts: wrangler dev (workerd, local D1) on ${process.platform}/${process.arch}, ${cpus().length} CPUs, load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}`,
);
// As D1 would hold them: 10 municipalities over 10 years, 1,000 submissions each a year.
const municipalities = ["kostinbrod", ...Array.from({ length: 9 }, (_, i) => `obshtina-${i + 1}`)];
const spread = municipalities.flatMap((municipality) =>
  Array.from({ length: 10 }, (_, i) => ({ municipality, year: 2016 + i, submissions: total / 100 })),
);
print(
  `${total} submissions in D1 (10 municipalities × 10 years), the report of one municipality's year:`,
  await measure(spread),
  total / 100,
);
// The worst case: every one of them in the same municipality and year.
print(
  `${total} submissions in D1, all of them in the report's municipality and year:`,
  await measure([{ municipality: "kostinbrod", year: 2025, submissions: total }]),
  total,
);
