/**
 * A Stryker reporter (stryker.config.mjs `reporters`): once a run's plan is ready, it writes how
 * many mutants each file has now, tested or not, to the file named by HARTA_MUTANT_COUNTS
 * (scripts/bench-mutants.ts sets it and keeps the counts in tests/mutants/mutant-counts.json).
 * Stryker's results file holds only the mutants a run reached: without these counts, the
 * mutants a stopped run never reached would be missing from the figures instead of counted
 * as not tested yet.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { declareClassPlugin, PluginKind } from "@stryker-mutator/api/plugin";

class CountMutants {
  static inject = [];

  onMutationTestingPlanReady({ mutantPlans }) {
    const out = process.env.HARTA_MUTANT_COUNTS;
    if (!out) return;
    const counts = {};
    for (const { mutant } of mutantPlans) {
      const file = path.relative(process.cwd(), mutant.fileName).split(path.sep).join("/");
      counts[file] = (counts[file] ?? 0) + 1;
    }
    writeFileSync(out, JSON.stringify(counts));
  }
}

export const strykerPlugins = [declareClassPlugin(PluginKind.Reporter, "count-mutants", CountMutants)];
