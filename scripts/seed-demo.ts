/**
 * `npm run seed:demo -- --year 2026` — fills the local D1 (the one `npm start` serves,
 * wrangler's default `.wrangler/state`) with a realistic year of generated submissions,
 * their handling and answers, surveys and page feedback, for every municipality in
 * content/ — so the report (/<municipality>/otchet/<year>/) has something to show.
 *
 * Demo data is marked as such: every row's de-duplication key begins with "demo:" (the
 * report then says the year holds demo data), subjects and comments begin with „[ДЕМО]“,
 * nobody has a name, address or e-mail. For the current year it stops at today.
 *
 * It writes only to a local database: `--remote` is refused, and wrangler is only ever
 * run with `--local`. A year already seeded is refused too (start over by removing
 * `.wrangler/state`). Options: `--municipality <id>` (default: all), `--persist-to <dir>`
 * (another local state, as the tests use), `--seed <n>` (the same seed gives the same data).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { addDays, addDeadline, dottedDate, sofiaDate, sofiaDayStart } from "../src/shared/dates.ts";
import { DEMO_KEY_PREFIX } from "../src/shared/demo.ts";
import { type CalendarYear, calendarOf, isWorkingDay } from "../src/shared/working-days.ts";
import { WRANGLER } from "./lib/wrangler.ts";

const ROOT = path.resolve(import.meta.dirname, "..");

interface MunicipalityContent {
  registryIndex: string;
  deadlines: Partial<Record<string, { amount: number; unit: "days" | "months" }>>;
}

function fail(message: string): never {
  console.error(`seed:demo: ${message}`);
  process.exit(2);
}

let parsed: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    options: {
      year: { type: "string" },
      municipality: { type: "string" },
      "persist-to": { type: "string" },
      seed: { type: "string" },
      remote: { type: "boolean" },
    },
    strict: true,
  }).values;
}
try {
  parsed = parse();
} catch (error) {
  fail(
    `${(error as Error).message}\nusage: npm run seed:demo -- --year 2026 [--municipality kostinbrod] [--persist-to DIR]`,
  );
}
const args = parsed;

if (args.remote) {
  fail("refused: demo data is only ever written to the local database (.wrangler/state), never with --remote.");
}
const today = sofiaDate(new Date());
const year = Number(args.year ?? today.slice(0, 4));
if (!/^\d{4}$/.test(args.year ?? String(year)) || year < 2000 || year > Number(today.slice(0, 4))) {
  fail(`--year must be a year from 2000 to ${today.slice(0, 4)}, got ${JSON.stringify(args.year)}`);
}
const where = ["--local", ...(args["persist-to"] ? ["--persist-to", path.resolve(args["persist-to"])] : [])];

const contentDir = path.join(ROOT, "content/municipalities");
const municipalities = new Map<string, MunicipalityContent>(
  readdirSync(contentDir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => [f.replace(/\.json$/, ""), JSON.parse(readFileSync(path.join(contentDir, f), "utf8"))]),
);
const chosen = args.municipality ? [args.municipality] : [...municipalities.keys()].sort();
for (const id of chosen) if (!municipalities.has(id)) fail(`no municipality "${id}" in content/municipalities/`);

const calendarDir = path.join(ROOT, "content/calendar");
const calendar = calendarOf(
  readdirSync(calendarDir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => JSON.parse(readFileSync(path.join(calendarDir, f), "utf8")) as CalendarYear),
);

// ——— wrangler, local only ———

function wrangler(argv: string[]): string {
  const run = spawnSync(process.execPath, [WRANGLER, ...argv], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, CI: "true", NO_COLOR: "1" },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) fail(`wrangler ${argv.slice(0, 3).join(" ")} failed:\n${run.stdout}${run.stderr}`);
  return run.stdout;
}

function select<T>(sql: string): T[] {
  const out = wrangler(["d1", "execute", "DB", ...where, "--json", "--command", sql]);
  return (JSON.parse(out.slice(out.search(/[[{]/))) as { results: T[] }[]).flatMap((r) => r.results);
}

// ——— a seeded pseudo-random generator (mulberry32), so a seed gives the same year ———

let state = Number(args.seed ?? year) >>> 0;
function random(): number {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
}
const pick = <T>(weighted: readonly (readonly [T, number])[]): T => {
  let r = random() * weighted.reduce((a, [, w]) => a + w, 0);
  for (const [value, w] of weighted) {
    r -= w;
    if (r < 0) return value;
  }
  return (weighted.at(-1) as readonly [T, number])[0];
};
const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
const token = () => {
  const bytes = new Uint8Array(16);
  for (let i = 0; i < 16; i++) bytes[i] = between(0, 255);
  return Buffer.from(bytes).toString("base64url");
};

/** A working day `n` working days after `from`. */
function workingDaysLater(from: string, n: number): string {
  let d = from;
  for (let left = n; left > 0; ) {
    d = addDays(d, 1);
    if (isWorkingDay(d, calendar)) left--;
  }
  return d;
}

/** An instant on `date` between 8:00 and 17:00 in Sofia. */
const during = (date: string) =>
  new Date(Date.parse(sofiaDayStart(date)) + between(8 * 60, 17 * 60) * 60_000 + between(0, 59_999)).toISOString();

const lastDay = year === Number(today.slice(0, 4)) ? today : `${year}-12-31`;
const days: string[] = [];
for (let d = `${year}-01-01`; d <= lastDay; d = addDays(d, 1)) days.push(d);
const workingDays = days.filter((d) => isWorkingDay(d, calendar));
const share = days.length / (year % 4 === 0 ? 366 : 365);

// ——— what a year looks like ———

/** Submissions a year (a town of some 12,000 people writes more than a village of 1,500). */
const VOLUME: Record<string, number> = { kostinbrod: 260, kovachevtsi: 36 };
const KINDS = [
  ["complaint", 35],
  ["signal", 30],
  ["proposal", 15],
  ["praise", 20],
] as const;
const SUBJECTS: Record<string, string[]> = {
  complaint: ["Чакане на гишето", "Неучтив служител", "Неотговорено писмо", "Грешка в удостоверение"],
  signal: ["Незаконно сметище", "Повреден уличен стълб", "Дупки на улицата", "Незаконен строеж"],
  proposal: ["Пейки в парка", "Удължено работно време", "Онлайн плащане на такси", "Повече спирки"],
  praise: ["Бързо обслужване", "Отзивчив служител", "Добре уредено гише"],
};
const REASONS = [
  ["anonymous", 50],
  ["too_old", 20],
  ["offensive", 15],
  ["other", 15],
] as const;

const q = (v: string | number | null) =>
  v === null ? "NULL" : typeof v === "number" ? String(v) : `'${v.replace(/'/g, "''")}'`;
const insert = (table: string, row: Record<string, string | number | null>) =>
  `INSERT INTO ${table} (${Object.keys(row).join(", ")}) VALUES (${Object.values(row).map(q).join(", ")});`;

// The tables first, as `npm start` would make them (a fresh checkout has none yet).
wrangler(["d1", "migrations", "apply", "DB", ...where]);
const existing = select<{ n: number }>(
  `SELECT COUNT(*) AS n FROM submissions WHERE year = ${year} AND dedup_key LIKE '${DEMO_KEY_PREFIX}%'`,
)[0]?.n;
if (existing === undefined) fail("could not read the local database");
if (existing > 0) {
  fail(
    `the local database already holds ${existing} demo submissions of ${year}: nothing was added. To start over, stop the server and remove ${args["persist-to"] ?? ".wrangler/state"}.`,
  );
}

const statements: string[] = [];
const summary: string[] = [];
for (const id of chosen) {
  const m = municipalities.get(id) as MunicipalityContent;
  const count = Math.round((VOLUME[id] ?? 60) * share * (0.9 + random() * 0.2));
  const lastSeq =
    select<{ last_seq: number }>(
      `SELECT last_seq FROM registry_sequences WHERE municipality = ${q(id)} AND year = ${year}`,
    )[0]?.last_seq ?? 0;
  const received = Array.from({ length: count }, () =>
    during(workingDays[between(0, workingDays.length - 1)] ?? lastDay),
  ).sort();
  const tally: Record<string, number> = {};
  received.forEach((receivedAt, i) => {
    const seq = lastSeq + i + 1;
    const on = sofiaDate(new Date(receivedAt));
    const kind = pick(KINDS);
    const rule = m.deadlines[kind];
    const deadline = rule ? addDeadline(on, rule) : null;
    const subject = `[ДЕМО] ${SUBJECTS[kind]?.[between(0, (SUBJECTS[kind]?.length ?? 1) - 1)] ?? "Примерна тема"}`;
    const row: Record<string, string | number | null> = {
      reference: `${m.registryIndex}-${seq}/${dottedDate(on)}`,
      municipality: id,
      year,
      seq,
      kind,
      status: "registered",
      received_at: receivedAt,
      deadline,
      subject,
      subject_folded: subject.toLocaleLowerCase("bg"),
      message: "[ДЕМО] Примерен текст, генериран от npm run seed:demo. Не е истинско съобщение.",
      anonymous: 0,
      receipt_token: token(),
      dedup_key: `${DEMO_KEY_PREFIX}${token()}`,
    };
    if (!deadline) {
      // Praise: acknowledged within a few days.
      const done = workingDaysLater(on, between(0, 4));
      if (done <= today) Object.assign(row, { status: "acknowledged", closed_at: `${done}T10:00:00.000Z` });
    } else {
      const fate = pick([
        ["answer", 85],
        ["forward", 7],
        ["not_considered", 8],
      ] as const);
      const decided = workingDaysLater(on, between(2, 15));
      if (fate !== "answer" && decided <= today) {
        if (fate === "forward")
          Object.assign(row, { status: "forwarded", forwarded_to: "[ДЕМО] Областна администрация" });
        else {
          const reason = pick(REASONS);
          Object.assign(row, {
            status: "not_considered",
            not_considered_reason: reason,
            not_considered_note: reason === "other" ? "[ДЕМО] Повторно изпратено" : null,
            anonymous: reason === "anonymous" ? 1 : 0,
          });
        }
        row.closed_at = `${decided}T10:00:00.000Z`;
      } else {
        // Most answers come in 5–25 working days; one in ten takes much longer.
        const took = random() < 0.1 ? between(35, 60) : between(3, 28);
        const extended = random() < 0.06 ? addDays(deadline, between(14, 30)) : null;
        if (extended)
          Object.assign(row, { extended_deadline: extended, extension_reason: "[ДЕМО] Нужна е проверка на място" });
        const answered = workingDaysLater(on, took);
        // A few are forgotten: still open after the last day.
        const forgotten = random() < 0.03 && (extended ?? deadline) < today;
        if (forgotten) row.status = "in_progress";
        else if (answered <= today) {
          const byPost = random() < 0.3 ? 1 : 0;
          Object.assign(row, {
            status: "answered",
            answered_on: answered,
            answered_by_post: byPost,
            answer_text: byPost ? null : "[ДЕМО] Примерен отговор.",
            closed_at: `${answered}T12:00:00.000Z`,
          });
        } else if (addDays(on, 3) <= today) row.status = "in_progress";
      }
    }
    tally[String(row.status)] = (tally[String(row.status)] ?? 0) + 1;
    statements.push(insert("submissions", row));
  });
  if (count > 0) {
    statements.push(
      `INSERT INTO registry_sequences (municipality, year, last_seq) VALUES (${q(id)}, ${year}, ${lastSeq + count}) ON CONFLICT (municipality, year) DO UPDATE SET last_seq = excluded.last_seq;`,
    );
  }

  const surveys = Math.round(count * 1.3);
  for (let i = 0; i < surveys; i++) {
    const rating = pick([
      [5, 40],
      [4, 30],
      [3, 15],
      [2, 8],
      [1, 7],
    ] as const);
    statements.push(
      insert("survey_responses", {
        municipality: id,
        rating,
        comment: random() < 0.15 ? "[ДЕМО] Примерен коментар към оценката." : "",
        received_at: during(days[between(0, days.length - 1)] ?? lastDay),
        dedup_key: `${DEMO_KEY_PREFIX}${token()}`,
      }),
    );
  }

  const services = readdirSync(path.join(ROOT, "content/services", id))
    .filter((f) => f.endsWith(".mdx"))
    .map((f) => `/${id}/uslugi/${f.replace(/\.mdx$/, "")}/`);
  const pages = [`/${id}/`, `/${id}/harta/`, `/${id}/uslugi/`, ...services];
  const feedback = Math.round(count * 0.6);
  for (let i = 0; i < feedback; i++) {
    const page = pages[between(0, pages.length - 1)] ?? `/${id}/`;
    const useful = random() < (page.endsWith("/harta/") ? 0.55 : 0.8) ? 1 : 0;
    statements.push(
      insert("page_feedback", {
        page,
        useful,
        comment:
          random() < 0.25 ? (useful ? "[ДЕМО] Намерих каквото търсех." : "[ДЕМО] Липсва информация за таксите.") : "",
        received_at: during(days[between(0, days.length - 1)] ?? lastDay),
      }),
    );
  }
  summary.push(
    `${id}: ${count} submissions (${Object.entries(tally)
      .map(([s, n]) => `${s} ${n}`)
      .join(", ")}), ${surveys} survey answers, ${feedback} page-feedback answers`,
  );
}

const dir = mkdtempSync(path.join(tmpdir(), "harta-seed-"));
try {
  const file = path.join(dir, "seed.sql");
  writeFileSync(file, `${statements.join("\n")}\n`);
  wrangler(["d1", "execute", "DB", ...where, "--file", file]);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(
  `seed:demo: demo data for ${year}${lastDay < `${year}-12-31` ? ` (up to ${lastDay})` : ""} in the local D1:`,
);
for (const line of summary) console.log(`  ${line}`);
console.log(`The report: /${chosen[0]}/otchet/${year}/ (the page is cached for up to 10 minutes).`);
