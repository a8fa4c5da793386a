/**
 * `npm run bench:api` — the submissions API under load, in the same local runtime
 * `npm start` uses (`wrangler dev`: workerd, local D1, KV and e-mail capture).
 *
 * Starts two servers on their own ports and state directories:
 *   - the app (wrangler.toml, the real Worker), and
 *   - the floor: a bare Worker that only inserts the row (the least any Worker must do),
 * sends each 1,000 JSON submissions at concurrency 50 (a fresh CF-Connecting-IP per
 * request, so the rate limit never trips), and prints throughput, p50/p99 latency,
 * the runtime's CPU time per submission (workerd's own process counters), the
 * Worker's JavaScript CPU per submission (the same code in V8, without the runtime),
 * and the gzip size of each bundle.
 *
 * Options:
 *   --requests N --concurrency C   load shape (default 1000 / 50)
 *   --check N [--url URL]          the "Done when" check against a running `npm start`
 *                                  (default http://localhost:$PORT, PORT as `npm start`
 *                                  reads it, 8787 when unset): N submissions at once,
 *                                  then rows, references, .eml files and the outbox are
 *                                  read back from wrangler's default local state.
 */
import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { portFromEnv } from "./lib/ports.ts";
import { descendants } from "./lib/processes.ts";
import { type Server, startServer, stopServer, wrangler } from "./lib/wrangler-dev.ts";

const ROOT = path.resolve(import.meta.dirname, "..");

const { values: args } = parseArgs({
  options: {
    requests: { type: "string", default: "1000" },
    concurrency: { type: "string", default: "50" },
    check: { type: "string" },
    url: { type: "string", default: `http://localhost:${portFromEnv("PORT", 8787)}` },
  },
});

// ---------------------------------------------------------------- load

interface LoadResult {
  requests: number;
  concurrency: number;
  wallMs: number;
  statuses: Record<string, number>;
  latencies: number[];
  references: string[];
}

let sequence = 0;
/** A distinct, valid complaint; the address varies so no two requests share a rate-limit key. */
function submission(runId: string) {
  sequence++;
  const municipality = sequence % 2 ? "kostinbrod" : "kovachevtsi";
  return {
    municipality,
    body: JSON.stringify({
      municipality,
      kind: "complaint",
      subject: "Натоварване на API",
      message: `Тестово съобщение № ${sequence} от ${runId}. Служителят на гише 3 не прие заявлението ми.`,
      name: "Тест Тестов",
      email: `test+${sequence}@example.com`,
      phone: "0888 123 456",
    }),
    ip: `10.${(sequence >> 16) & 255}.${(sequence >> 8) & 255}.${sequence & 255}`,
  };
}

async function load(url: string, requests: number, concurrency: number): Promise<LoadResult> {
  const runId = crypto.randomUUID();
  const latencies: number[] = [];
  const references: string[] = [];
  const statuses: Record<string, number> = {};
  let next = 0;
  const started = performance.now();
  async function lane() {
    while (next < requests) {
      next++;
      const { municipality, body, ip } = submission(runId);
      const t0 = performance.now();
      let status = "error";
      try {
        const response = await fetch(`${url}/api/submissions`, {
          method: "POST",
          headers: { "Content-Type": "application/json", Accept: "application/json", "CF-Connecting-IP": ip },
          body,
        });
        status = String(response.status);
        const json = (await response.json()) as { reference?: string };
        // References are unique within a municipality's registry.
        if (response.status === 201 && json.reference) references.push(`${municipality} ${json.reference}`);
      } catch (error) {
        status = `error: ${(error as Error).message}`;
      }
      latencies.push(performance.now() - t0);
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  }
  await Promise.all(Array.from({ length: concurrency }, lane));
  return { requests, concurrency, wallMs: performance.now() - started, statuses, latencies, references };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

// ---------------------------------------------------------------- servers

const TICK_MS = 1000 / Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim() || 100);

/** CPU time (user + system, ms) of the workerd processes under a wrangler process. */
function workerdCpuMs(server: Server): number {
  let ticks = 0;
  for (const pid of descendants(server.child.pid ?? 0)) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("workerd")) continue;
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    } catch {
      // ended
    }
  }
  return ticks * TICK_MS;
}

// ---------------------------------------------------------------- the floor Worker

const FLOOR_WORKER = `// The floor: parse the JSON and insert the row, nothing else.
export default {
  async fetch(request, env) {
    if (request.method !== "POST") return Response.json({ status: "ok" });
    const s = await request.json();
    const seq = crypto.getRandomValues(new Uint32Array(1))[0];
    const row = await env.DB.prepare(
      "INSERT INTO submissions (reference, municipality, year, seq, kind, received_at, subject, message, name, email, phone, receipt_token, dedup_key) VALUES (?, ?, 2026, ?, ?, ?, ?, ?, ?, ?, ?, ?, '') RETURNING reference",
    ).bind("F-" + seq, s.municipality, seq, s.kind, new Date().toISOString(), s.subject, s.message, s.name, s.email, s.phone, crypto.randomUUID()).first();
    return Response.json({ reference: row.reference }, { status: 201 });
  },
};
`;

function writeFloor(dir: string): string {
  writeFileSync(path.join(dir, "floor.js"), FLOOR_WORKER);
  const config = path.join(dir, "wrangler.toml");
  writeFileSync(
    config,
    `name = "harta-floor"\nmain = "floor.js"\ncompatibility_date = "2026-11-01"\n\n[[d1_databases]]\nbinding = "DB"\ndatabase_name = "harta-floor"\ndatabase_id = "00000000-0000-0000-0000-000000000000"\nmigrations_dir = "${path.join(ROOT, "migrations")}"\n`,
  );
  return config;
}

/** The bundle wrangler would upload, gzipped. */
function bundleGzipKiB(config: string, outdir: string): number {
  wrangler(["deploy", "--dry-run", "--config", config, "--outdir", outdir]);
  let bytes = 0;
  for (const file of readdirSync(outdir)) {
    if (file.endsWith(".js") || file.endsWith(".mjs"))
      bytes += gzipSync(readFileSync(path.join(outdir, file)), { level: 9 }).length;
  }
  return bytes / 1024;
}

// ---------------------------------------------------------------- the Worker's own JavaScript

/**
 * The Worker's JavaScript for one accepted submission, in Node's V8 (the engine
 * workerd runs): parse, validate, the de-duplication key, compose both e-mails. What is left
 * out is I/O (D1, KV, the send_email call), which Workers do not bill as CPU time.
 */
async function javascriptCpuMs(dir: string): Promise<number> {
  const entry = path.join(dir, "js-cpu.ts");
  writeFileSync(
    entry,
    `import { validateSubmission } from "${ROOT}/src/shared/forms/schema.ts";
import { composeMail } from "${ROOT}/functions/mail/compose.ts";
import { dedupKey, formLoadOf, newReceiptToken } from "${ROOT}/functions/submissions/identity.ts";
import list from "${ROOT}/dist/harta-data/municipalities.json";
const byId = new Map(list.map((m) => [m.id, m]));
export async function one(body) {
  const input = JSON.parse(body);
  const result = validateSubmission(input, { isKnownMunicipality: (id) => byId.has(id) });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  const s = result.value;
  const m = byId.get(s.municipality);
  const receiptToken = newReceiptToken();
  await dedupKey(s, formLoadOf(input), receiptToken);
  const record = { ...s, id: 1, status: "registered", reference: "94-00-1/21.11.2026", receivedAt: new Date().toISOString(), deadline: "2027-01-21", receiptToken };
  const settings = { from: "harta@harta.example", publicOrigin: "http://localhost:8787" };
  await composeMail("staff", record, m, m.recipients[s.kind][0], settings);
  await composeMail("acknowledgement", record, m, s.email, settings);
}
`,
  );
  const { build } = await import("esbuild");
  const out = path.join(dir, "js-cpu.mjs");
  await build({
    entryPoints: [entry],
    bundle: true,
    format: "esm",
    platform: "node", // nodemailer imports node:stream, node:crypto …
    outfile: out,
    logLevel: "error",
    mainFields: ["module", "main"],
  });
  const { one } = (await import(out)) as { one: (body: string) => Promise<void> };
  const runId = "js";
  for (let i = 0; i < 2000; i++) await one(submission(runId).body); // warm up, as a warm isolate is
  const n = 5000;
  const bodies = Array.from({ length: n }, () => submission(runId).body);
  const before = process.cpuUsage();
  for (const body of bodies) await one(body);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / n;
}

// ---------------------------------------------------------------- runs

interface Row {
  name: string;
  throughput: number;
  p50: number;
  p99: number;
  ok: number;
  failed: number;
  workerdCpuPerRequest: number;
  gzipKiB: number;
}

async function measure(
  name: string,
  server: Server,
  gzipKiB: number,
  requests: number,
  concurrency: number,
): Promise<Row> {
  await load(server.url, 100, 10); // warm the isolate and SQLite
  const cpu0 = workerdCpuMs(server);
  const result = await load(server.url, requests, concurrency);
  await new Promise((r) => setTimeout(r, 1500)); // let waitUntil work (e-mails) finish and be counted
  const cpu = workerdCpuMs(server) - cpu0;
  const sorted = [...result.latencies].sort((a, b) => a - b);
  const ok = result.statuses["201"] ?? 0;
  if (ok !== requests) console.error(`${name}: statuses ${JSON.stringify(result.statuses)}`);
  if (new Set(result.references).size !== result.references.length) throw new Error(`${name}: duplicate references`);
  return {
    name,
    throughput: requests / (result.wallMs / 1000),
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    ok,
    failed: requests - ok,
    workerdCpuPerRequest: cpu / requests,
    gzipKiB,
  };
}

function countRows(stateDir: string, config: string, sql: string): number {
  const out = wrangler([
    "d1",
    "execute",
    "DB",
    "--local",
    "--config",
    config,
    "--persist-to",
    stateDir,
    "--json",
    "--command",
    sql,
  ]);
  return Number((JSON.parse(out) as { results: { n: number }[] }[])[0]?.results[0]?.n ?? -1);
}

async function bench(): Promise<void> {
  const requests = Number(args.requests);
  const concurrency = Number(args.concurrency);
  if (!existsSync(path.join(ROOT, "dist/shell/index.html"))) {
    execFileSync(path.join(ROOT, "node_modules/.bin/astro"), ["build"], { cwd: ROOT, stdio: "inherit" });
  }
  const work = mkdtempSync(path.join(tmpdir(), "harta-bench-work-"));
  const appConfig = path.join(ROOT, "wrangler.toml");
  const floorConfig = writeFloor(work);
  console.log(
    `node ${path.relative(ROOT, import.meta.filename)}: ${requests} submissions at concurrency ${concurrency}, wrangler dev (workerd) on ${process.platform}/${process.arch}, ${(await import("node:os")).cpus().length} CPUs`,
  );
  const appGzip = bundleGzipKiB(appConfig, path.join(work, "app-bundle"));
  const floorGzip = bundleGzipKiB(floorConfig, path.join(work, "floor-bundle"));
  const jsCpu = await javascriptCpuMs(work);

  const rows: Row[] = [];
  for (const [name, config, port, gzip] of [
    ["Harta Worker", appConfig, 8793, appGzip],
    ["floor (insert only)", floorConfig, 8794, floorGzip],
  ] as const) {
    const server = await startServer(config, port);
    try {
      rows.push(await measure(name, server, gzip, requests, concurrency));
      if (name === "Harta Worker") {
        const sent = countRows(server.stateDir, config, "SELECT COUNT(*) AS n FROM email_outbox WHERE status = 'sent'");
        const all = countRows(server.stateDir, config, "SELECT COUNT(*) AS n FROM email_outbox");
        console.log(`app: outbox ${sent}/${all} e-mails sent after the run`);
      }
    } finally {
      await stopServer(server);
    }
  }
  rmSync(work, { recursive: true, force: true });

  const f = (n: number, d = 1) => n.toFixed(d);
  console.log("");
  console.log("| | Harta Worker | floor (insert only) |");
  console.log("|---|---:|---:|");
  const [app, floor] = rows as [Row, Row];
  console.log(`| accepted | ${app.ok}/${requests} | ${floor.ok}/${requests} |`);
  console.log(`| throughput (submissions/s) | ${f(app.throughput, 0)} | ${f(floor.throughput, 0)} |`);
  console.log(`| latency p50 (ms) | ${f(app.p50)} | ${f(floor.p50)} |`);
  console.log(`| latency p99 (ms) | ${f(app.p99)} | ${f(floor.p99)} |`);
  console.log(
    `| workerd CPU per submission (ms) | ${f(app.workerdCpuPerRequest, 2)} | ${f(floor.workerdCpuPerRequest, 2)} |`,
  );
  console.log(`| bundle, gzip (KiB) | ${f(app.gzipKiB)} | ${f(floor.gzipKiB, 2)} |`);
  console.log("");
  console.log(
    `Worker JavaScript CPU per accepted submission (V8, no I/O): ${f(jsCpu, 3)} ms (budget 2 ms; free plan limit 10 ms)`,
  );
  console.log(
    `workerd CPU above the floor: ${f(app.workerdCpuPerRequest - floor.workerdCpuPerRequest, 2)} ms per submission (includes the local D1/KV/e-mail simulators, which are not billed as Worker CPU in production)`,
  );
  const results = path.join(ROOT, "bench/results");
  mkdirSync(results, { recursive: true });
  writeFileSync(path.join(results, "api.json"), JSON.stringify({ requests, concurrency, jsCpu, rows }, null, 2));
}

// ---------------------------------------------------------------- the "Done when" check

async function check(url: string, n: number): Promise<void> {
  const config = path.join(ROOT, "wrangler.toml");
  const query = (sql: string) =>
    JSON.parse(wrangler(["d1", "execute", "DB", "--local", "--config", config, "--json", "--command", sql]))[0].results;
  const emlDir = path.join(ROOT, ".wrangler/tmp");
  const emlFiles = () => {
    const found: string[] = [];
    const walk = (dir: string) => {
      if (!existsSync(dir)) return;
      for (const e of readdirSync(dir)) {
        const p = path.join(dir, e);
        if (statSync(p).isDirectory()) walk(p);
        else if (e.endsWith(".eml")) found.push(p);
      }
    };
    walk(emlDir);
    return found.length;
  };
  const before = query("SELECT COUNT(*) AS n FROM submissions")[0].n as number;
  const emlBefore = emlFiles();
  const result = await load(url, n, n);
  const sorted = [...result.latencies].sort((a, b) => a - b);
  console.log(
    `${n} concurrent submissions to ${url} in ${result.wallMs.toFixed(0)} ms: statuses ${JSON.stringify(result.statuses)}`,
  );
  console.log(`latency p50 ${percentile(sorted, 50).toFixed(0)} ms, p99 ${percentile(sorted, 99).toFixed(0)} ms`);
  let pending = -1;
  for (let i = 0; i < 60 && pending !== 0; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    pending = query("SELECT COUNT(*) AS n FROM email_outbox WHERE status != 'sent'")[0].n as number;
  }
  const after = query("SELECT COUNT(*) AS n FROM submissions")[0].n as number;
  const refs = query(
    `SELECT COUNT(*) AS n, COUNT(DISTINCT municipality || ' ' || reference) AS u FROM (SELECT * FROM submissions ORDER BY id DESC LIMIT ${n})`,
  )[0];
  const gaps = query(
    "SELECT municipality, year, COUNT(*) AS n, MIN(seq) AS lo, MAX(seq) AS hi FROM submissions GROUP BY municipality, year",
  ) as { municipality: string; year: number; n: number; lo: number; hi: number }[];
  const outbox = query(`SELECT status, COUNT(*) AS n FROM email_outbox GROUP BY status`);
  const eml = emlFiles() - emlBefore;
  console.log(`rows added: ${after - before}; of the last ${n}: ${refs.u} unique references`);
  for (const g of gaps)
    console.log(
      `sequence ${g.municipality} ${g.year}: ${g.n} numbers, ${g.lo}…${g.hi} (${g.hi - g.lo + 1 === g.n ? "no gaps" : "GAPS"})`,
    );
  console.log(`outbox: ${JSON.stringify(outbox)}; pending now: ${pending}`);
  console.log(`.eml files written during the check: ${eml} (under ${path.relative(ROOT, emlDir)})`);
  const expectedMail = n * 2; // one to staff, one acknowledgement each
  const ok =
    result.statuses["201"] === n && after - before === n && refs.u === n && pending === 0 && eml >= expectedMail;
  console.log(ok ? "CHECK PASSED" : "CHECK FAILED");
  if (!ok) process.exitCode = 1;
}

if (args.check) await check(args.url.replace(/\/$/, ""), Number(args.check));
else await bench();
