/**
 * Mutation testing (npm run bench:mutants, scripts/bench-mutants.ts): the Worker and the
 * shared code, mutated and tested inside workerd by the `worker` project alone.
 * - inPlace: the sandbox copy Stryker makes otherwise lacks ../shared beside it; the
 *   script refuses to start while functions/ or src/shared/ have uncommitted changes
 *   and checks afterwards that Stryker restored every file.
 * - related: false, because the shared code is reached through the Worker's tests.
 * - ignoreStatic: a mutant run only while modules load would need a fresh workerd per run.
 * - incremental: the results file tests/mutants/stryker-incremental.json is committed, so
 *   a run re-tests only what changed; a run stopped early keeps what it tested.
 * - ignorers: mutants inside log statements are not tested (tests/mutants/ignore-logging.mjs).
 * - count-mutants: every file's number of mutants, written as the run starts testing
 *   (tests/mutants/count-mutants.mjs): the figures count the ones not reached as not tested.
 */
export default {
  testRunner: "vitest",
  plugins: [
    "@stryker-mutator/vitest-runner",
    "./tests/mutants/ignore-logging.mjs",
    "./tests/mutants/count-mutants.mjs",
  ],
  ignorers: ["logging"],
  vitest: { configFile: "vitest.mutants.config.ts", related: false },
  inPlace: true,
  ignoreStatic: true,
  coverageAnalysis: "perTest",
  incremental: true,
  // Two cores, shared: one test runner.
  concurrency: 1,
  timeoutMS: 20_000,
  // The first run of every test, with coverage, on a machine that may be busy.
  dryRunTimeoutMinutes: 20,
  // count-mutants: how many mutants each file has, so that those a run did not reach count as not tested.
  reporters: ["progress", "count-mutants"],
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
  mutate: [
    "functions/**/*.ts",
    "src/shared/**/*.ts",
    "!**/*.d.ts",
    // Content validation, run only by the site's build: the unit tests check it through
    // builds, where no mutant is ever active.
    "!src/shared/municipality.ts",
    "!src/shared/zod-bg.ts",
    // Not deployed: the Worker `npm run bench:report` runs to time the report's queries.
    "!functions/bench/**",
  ],
};
