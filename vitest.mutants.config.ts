/**
 * The `worker` project alone, for mutation testing (npm run bench:mutants): Stryker's
 * vitest runner cannot pick one project of vitest.config.ts, and only the workerd
 * tests reach the Worker and the shared code it runs (the unit tests meet src/shared/
 * through separate Astro builds, where no mutant is active).
 */
import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";
import all from "./vitest.config";

const worker = (all.test?.projects ?? []).find(
  (p): p is TestProjectInlineConfiguration => typeof p === "object" && "test" in p && p.test?.name === "worker",
);
if (!worker) throw new Error("vitest.config.ts has no project named worker");

// Instrumented code on a shared machine runs slower: a slow test must not read as a failure.
// The edge cache outlives a run in the one workerd Stryker keeps: each run gets its own.
const slower = {
  ...worker,
  test: {
    ...worker.test,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    setupFiles: [...[worker.test?.setupFiles ?? []].flat(), "tests/mutants/edge-cache-per-run.ts"],
  },
};

export default defineConfig({ test: { projects: [slower] } });
