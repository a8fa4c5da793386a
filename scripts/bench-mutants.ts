/**
 * `npm run bench:mutants`: mutation testing of the Worker (functions/) and the shared
 * code (src/shared/) with Stryker (stryker.config.mjs), inside workerd with the Worker
 * tests. Prints the score per folder, every surviving mutant with file and line, and
 * how long it took.
 *
 *   npm run bench:mutants                   # re-tests what changed since tests/mutants/stryker-incremental.json
 *   npm run bench:mutants -- --minutes 30   # stops after 30 minutes, keeping what it tested; the next run goes on
 *   npm run bench:mutants -- --report       # only the figures of the results file, nothing run
 *   npm run bench:mutants -- --concurrency 2  # two test runners (stryker.config.mjs keeps one: the cores are shared)
 *   npm run bench:mutants -- --only src/shared # that folder's mutants first (Stryker goes file by file, src/ last)
 *   npm run bench:mutants -- --retest-timeouts # tests the timed-out mutants again (run it on a quiet machine)
 *   npm run bench:mutants -- --retest functions/x.ts:12,src/shared/y.ts:3  # tests the results on those lines again
 *
 * Stryker mutates the files in place, so this refuses to start while functions/ or
 * src/shared/ have uncommitted changes, and afterwards puts back any file Stryker left
 * instrumented (after a crash). Not part of npm test: a whole run takes hours here.
 */
import { execFileSync, spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { accountingRow, readAccountedRows, staleReferences, TABLE_HEADING } from "./lib/accounted-survivors.ts";
import { MUTATED, readMutatedSources } from "./lib/mutated-sources.ts";
import { onLines, timedOut, withoutResults } from "./lib/retest.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const RESULTS = "tests/mutants/stryker-incremental.json";
/** How many mutants each file had at its last run, tested or not (tests/mutants/count-mutants.mjs writes them). */
const COUNTS = "tests/mutants/mutant-counts.json";
/** What Stryker's instrumenter writes into every file it mutates. */
const INSTRUMENTED_MARK = "stryMutAct_9fa48";

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== "--"),
  options: {
    minutes: { type: "string" },
    concurrency: { type: "string" },
    report: { type: "boolean", default: false },
    only: { type: "string" },
    "retest-timeouts": { type: "boolean", default: false },
    retest: { type: "string" },
  },
});

interface Location {
  start: { line: number; column: number };
  end: { line: number; column: number };
}
interface MutantResult {
  mutatorName: string;
  replacement?: string;
  status: "Killed" | "Survived" | "NoCoverage" | "Timeout" | "CompileError" | "RuntimeError" | "Ignored" | "Pending";
  location: Location;
}
interface Report {
  files: Record<string, { source: string; mutants: MutantResult[] }>;
}
interface TestDefinition {
  id: string;
  name: string;
}
/** The results file as Stryker writes it: mutants refer to tests by ids that hold only within one file. */
interface IncrementalFile {
  files: Record<string, { source: string; mutants: (MutantResult & { coveredBy?: string[]; killedBy?: string[] })[] }>;
  testFiles?: Record<string, { source?: string; tests: TestDefinition[] }>;
  [other: string]: unknown;
}

const git = (...args: string[]) => execFileSync("git", args, { cwd: ROOT, encoding: "utf8" });

function uncommittedSources(): string[] {
  return git("status", "--porcelain", "--", ...MUTATED)
    .split("\n")
    .filter(Boolean);
}

/** Files under functions/ and src/shared/ still holding Stryker's instrumented code. */
function leftInstrumented(): string[] {
  return [...readMutatedSources(ROOT)].filter(([, text]) => text.includes(INSTRUMENTED_MARK)).map(([file]) => file);
}

/** Runs Stryker as a child (it saves what it tested when interrupted): how it ended, and every file's mutant count. */
function runStryker(
  minutes: number | undefined,
  extra: { resultsFile: string; mutate?: string[] },
): Promise<{ counts: Record<string, number> | null; code: number | null; stopped: boolean }> {
  const bin = path.join(ROOT, "node_modules/@stryker-mutator/core/bin/stryker.js");
  const concurrency = values.concurrency === undefined ? [] : ["--concurrency", values.concurrency];
  const mutate = extra.mutate ? ["--mutate", extra.mutate.join(",")] : [];
  const countsFile = path.join(mkdtempSync(path.join(tmpdir(), "harta-counts-")), "counts.json");
  const child = spawn(
    process.execPath,
    [bin, "run", "--incrementalFile", extra.resultsFile, ...concurrency, ...mutate],
    {
      cwd: ROOT,
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, HARTA_MUTANT_COUNTS: countsFile },
    },
  );
  let stopped = false;
  const timer =
    minutes === undefined
      ? undefined
      : setTimeout(
          () => {
            console.log(`\n${minutes} minutes are up: stopping; what was tested is kept in ${extra.resultsFile}.`);
            stopped = true;
            child.kill("SIGINT");
          },
          minutes * 60 * 1000,
        );
  return new Promise((resolve) => {
    child.on("exit", (code) => {
      clearTimeout(timer);
      const counts = existsSync(countsFile)
        ? (JSON.parse(readFileSync(countsFile, "utf8")) as Record<string, number>)
        : null;
      rmSync(path.dirname(countsFile), { recursive: true, force: true });
      resolve({ counts, code, stopped });
    });
  });
}

const pct = (n: number, d: number) => (d === 0 ? "   —  " : `${((100 * n) / d).toFixed(1).padStart(5)} %`);

/** The score per folder, the survivors, and what is not yet tested. */
function summarise(report: Report, mutantCounts: Record<string, number> | null): void {
  type Counts = {
    killed: number;
    timeout: number;
    survived: number;
    noCoverage: number;
    ignored: number;
    errors: number;
    /** Mutants of the file's last run that no run has tested since (it stopped first). */
    notRun: number;
  };
  const folders = new Map<string, Counts>();
  const tops = new Map<string, Counts>();
  const accounted = readAccountedRows(readFileSync(path.join(ROOT, "README.md"), "utf8"));
  const survivors: { text: string; accounted: boolean }[] = [];
  const zero = (): Counts => ({ killed: 0, timeout: 0, survived: 0, noCoverage: 0, ignored: 0, errors: 0, notRun: 0 });
  const count = (map: Map<string, Counts>, key: string, status: MutantResult["status"]) => {
    const c = map.get(key) ?? zero();
    map.set(key, c);
    if (status === "Killed") c.killed++;
    else if (status === "Timeout") c.timeout++;
    else if (status === "Survived") c.survived++;
    else if (status === "NoCoverage") c.noCoverage++;
    else if (status === "Ignored") c.ignored++;
    else c.errors++;
  };
  const notRun = (map: Map<string, Counts>, key: string, n: number) => {
    const c = map.get(key) ?? zero();
    map.set(key, c);
    c.notRun += n;
  };
  let total = 0;
  let untested = 0;
  const files = new Set([...Object.keys(report.files), ...Object.keys(mutantCounts ?? {})]);
  for (const file of [...files].sort((a, b) => a.localeCompare(b))) {
    const { source, mutants } = report.files[file] ?? { source: "", mutants: [] };
    const folder = path.posix.dirname(file);
    const top = MUTATED.find((d) => file.startsWith(`${d}/`)) ?? folder;
    const missing = Math.max(0, (mutantCounts?.[file] ?? 0) - mutants.length);
    total += missing;
    untested += missing;
    notRun(folders, folder, missing);
    notRun(tops, top, missing);
    const lines = source.split("\n");
    for (const m of mutants) {
      total++;
      count(folders, folder, m.status);
      count(tops, top, m.status);
      if (m.status === "Survived" || m.status === "NoCoverage") {
        const { start } = m.location;
        const line = (lines[start.line - 1] ?? "").trim();
        const replacement = (m.replacement ?? "").replace(/\s+/g, " ").slice(0, 60);
        survivors.push({
          text: `${file}:${start.line}:${start.column} ${m.status === "NoCoverage" ? "no test reaches it" : "survived"}: ${m.mutatorName} → ${replacement}\n    ${line.slice(0, 90)}`,
          accounted: accountingRow(accounted, { file, line: start.line, code: line }) !== undefined,
        });
      }
    }
  }
  const row = (name: string, c: Counts) => {
    const tested = c.killed + c.timeout + c.survived + c.noCoverage;
    const cells = [c.killed, c.timeout, c.survived, c.noCoverage, c.ignored, c.errors, c.notRun];
    const widths = [7, 8, 9, 8, 8, 7, 8];
    const ran = c.killed + c.timeout + c.survived > 0;
    return `${name.padEnd(26)} ${ran ? pct(c.killed + c.timeout, tested) : "   —  "} ${cells.map((n, i) => String(n).padStart(widths[i] ?? 8)).join(" ")}`;
  };
  const header = `${"folder".padEnd(26)}   score  killed timed out survived  no test  ignored  errors  not run`;
  console.log(
    "\nMutation score per folder: killed or timed out, of the mutants tested (ignored: static, or in a log statement)\n",
  );
  console.log(header);
  for (const [name, c] of [...folders].sort(([a], [b]) => a.localeCompare(b))) console.log(row(name, c));
  console.log("");
  for (const [name, c] of tops) console.log(row(`${name}/ (all)`, c));
  console.log(
    "\n— : no mutant of the folder has run yet (a run stopped early); its counts are only what needs no run.",
  );
  if (mutantCounts === null) {
    console.log(`\nNo ${COUNTS} yet: the mutants that no run has reached are not counted above.`);
  } else if (untested > 0) {
    console.log(
      `\nnot run: ${untested} of ${total} mutants not tested yet (a run stopped before them): run again to go on.`,
    );
  } else console.log(`\nEvery mutant counted has its result.`);
  if (mutantCounts !== null && Object.keys(mutantCounts).length < files.size) {
    console.log(
      `Mutants counted in ${Object.keys(mutantCounts).length} of ${files.size} files; a run of them all (no --only) counts the rest.`,
    );
  }
  const open = survivors.filter((s) => !s.accounted);
  console.log(
    `\nSurvivors: ${survivors.length}, of which ${survivors.length - open.length} accounted for by README.md's table ("${TABLE_HEADING}") and ${open.length} not.`,
  );
  if (open.length > 0)
    console.log(`\nNot accounted for (${open.length}): kill each with a test, or explain it in the table:`);
  for (const s of open) console.log(`  ${s.text}`);
  if (open.length < survivors.length) console.log(`\nAccounted for by the table (${survivors.length - open.length}):`);
  for (const s of survivors.filter((x) => x.accounted)) console.log(`  ${s.text}`);
  const stale = staleReferences(accounted, readMutatedSources(ROOT));
  if (stale.length > 0) console.log(`\nRows of the table that no longer match the code (${stale.length}): mend each:`);
  for (const s of stale) console.log(`  ${s}`);
}

/** What stryker.config.mjs leaves out of mutation (its "!" globs, without the "!"). */
async function leftOutGlobs(): Promise<string[]> {
  const config = (await import(path.join(ROOT, "stryker.config.mjs"))) as { default: { mutate: string[] } };
  return config.default.mutate.filter((g) => g.startsWith("!")).map((g) => g.slice(1));
}

/** The config's globs, narrowed to one folder (its exclusions kept). */
async function globsWithin(folder: string): Promise<string[]> {
  const dir = folder.replace(/\/+$/, "");
  if (!MUTATED.some((d) => dir === d || dir.startsWith(`${d}/`))) {
    console.error(`--only takes a folder under ${MUTATED.join(" or ")}, not ${folder}`);
    process.exit(1);
  }
  return [`${dir}/**/*.ts`, ...(await leftOutGlobs()).map((g) => `!${g}`)];
}

/**
 * Puts one folder's results from a run limited to it into the full results file. Stryker
 * writes only the files a run mutated, with its own test ids: the other files' mutants are
 * kept, their tests found again by file and name among the run's tests (every test runs
 * first in every run, so the run's list is complete), and a test that no longer exists is dropped.
 */
function mergeInto(full: IncrementalFile, part: IncrementalFile): IncrementalFile {
  const partIds = new Map<string, string>();
  for (const [file, { tests }] of Object.entries(part.testFiles ?? {})) {
    for (const t of tests) partIds.set(`${file}\u0000${t.name}`, t.id);
  }
  const fullToPart = new Map<string, string>();
  for (const [file, { tests }] of Object.entries(full.testFiles ?? {})) {
    for (const t of tests) {
      const id = partIds.get(`${file}\u0000${t.name}`);
      if (id !== undefined) fullToPart.set(t.id, id);
    }
  }
  const remap = (ids: string[] | undefined) =>
    ids?.map((id) => fullToPart.get(id)).filter((id): id is string => id !== undefined);
  const files: IncrementalFile["files"] = {};
  for (const [file, result] of Object.entries(full.files)) {
    if (file in part.files) continue;
    files[file] = {
      ...result,
      mutants: result.mutants.map((m) => ({ ...m, coveredBy: remap(m.coveredBy), killedBy: remap(m.killedBy) })),
    };
  }
  return { ...part, files: { ...files, ...part.files } };
}

/** A run of one folder's mutants, on a copy of the results, merged back into RESULTS. */
async function runOnly(folder: string, minutes: number | undefined) {
  // Outside .stryker-tmp, which Stryker empties when it ends.
  const partFile = path.join(mkdtempSync(path.join(tmpdir(), "harta-mutants-")), "only-incremental.json");
  copyFileSync(path.join(ROOT, RESULTS), partFile);
  const run = await runStryker(minutes, { resultsFile: partFile, mutate: await globsWithin(folder) });
  const read = (f: string) => JSON.parse(readFileSync(f, "utf8")) as IncrementalFile;
  const merged = mergeInto(read(path.join(ROOT, RESULTS)), read(partFile));
  writeFileSync(path.join(ROOT, RESULTS), JSON.stringify(merged, null, 2));
  rmSync(path.dirname(partFile), { recursive: true, force: true });
  return run;
}

/**
 * A run's mutant counts into COUNTS. A run's plan lists the results it reuses from every file, not
 * only those it was given: a run of one folder replaces that folder's counts and keeps the rest.
 */
function saveCounts(run: Record<string, number>, only: string | undefined) {
  const file = path.join(ROOT, COUNTS);
  const scope = only?.replace(/\/+$/, "");
  const within = (name: string) => scope === undefined || name.startsWith(`${scope}/`);
  const kept = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Record<string, number>) : {};
  const all = {
    ...Object.fromEntries(Object.entries(kept).filter(([name]) => !within(name))),
    ...Object.fromEntries(Object.entries(run).filter(([name]) => within(name))),
  };
  const sorted = Object.fromEntries(Object.entries(all).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(file, `${JSON.stringify(sorted, null, 2)}\n`);
}

const started = Date.now();
if (!values.report) {
  const dirty = uncommittedSources();
  if (dirty.length > 0) {
    console.error(
      `Stryker mutates functions/ and src/shared/ in place: commit or stash these first:\n${dirty.join("\n")}`,
    );
    process.exit(1);
  }
  if (!existsSync(path.join(ROOT, "dist/harta-data/municipalities.json"))) {
    console.log("dist/ is missing: building the site first (the Worker tests read it).");
    execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
  }
  // One pass over the results file (some 7 MB) for both ways of asking.
  const retest = [
    ...(values["retest-timeouts"] ? [timedOut] : []),
    ...(values.retest !== undefined ? [onLines(values.retest)] : []),
  ];
  if (retest.length > 0) {
    const results = JSON.parse(readFileSync(path.join(ROOT, RESULTS), "utf8")) as IncrementalFile;
    const { files, dropped } = withoutResults(results.files, (f, m) => retest.some((drop) => drop(f, m)));
    writeFileSync(path.join(ROOT, RESULTS), JSON.stringify({ ...results, files }, null, 2));
    console.log(`${dropped.length} result(s) dropped, to be tested again: ${dropped.join(", ")}`);
  }
  const minutes = values.minutes === undefined ? undefined : Number(values.minutes);
  const run =
    values.only === undefined
      ? await runStryker(minutes, { resultsFile: RESULTS })
      : await runOnly(values.only, minutes);
  if (run.counts) saveCounts(run.counts, values.only);
  if (run.code !== 0 && !run.stopped) {
    console.error(`Stryker stopped with exit code ${run.code}: the figures below are those of the last results.`);
    process.exitCode = 1;
  }
  const left = leftInstrumented();
  if (left.length > 0) {
    git("checkout", "--", ...left);
    console.log(`Stryker left ${left.length} file(s) instrumented; restored from git: ${left.join(", ")}`);
  }
  // One setup file per test runner (stryker-setup-0.js, -1.js, …); biome ci fails on any left behind.
  for (const name of await readdir(ROOT)) {
    if (/^stryker-setup-\d+\.js$/.test(name)) rmSync(path.join(ROOT, name), { force: true });
  }
  if (uncommittedSources().length > 0) {
    console.error("functions/ or src/shared/ differ from git after the run: check `git diff` before committing.");
    process.exitCode = 1;
  }
}
if (!existsSync(path.join(ROOT, RESULTS))) {
  console.error(`${RESULTS} not found: run npm run bench:mutants first.`);
  process.exit(1);
}
/** Results of files the config no longer mutates (left out since) stay in the file; they are not counted. */
async function currentOnly<T>(report: { files: Record<string, T> }): Promise<{ files: Record<string, T> }> {
  const left = await leftOutGlobs();
  const files = Object.entries(report.files).filter(([file]) => !left.some((g) => path.matchesGlob(file, g)));
  return { files: Object.fromEntries(files) };
}

const counts = existsSync(path.join(ROOT, COUNTS))
  ? (JSON.parse(readFileSync(path.join(ROOT, COUNTS), "utf8")) as Record<string, number>)
  : null;
summarise(
  await currentOnly(JSON.parse(readFileSync(path.join(ROOT, RESULTS), "utf8")) as Report),
  counts && (await currentOnly({ files: counts })).files,
);
const seconds = Math.round((Date.now() - started) / 1000);
console.log(`\nnode scripts/bench-mutants.ts: ${Math.floor(seconds / 60)} min ${seconds % 60} s`);
