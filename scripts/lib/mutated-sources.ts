/** The folders Stryker mutates (stryker.config.mjs's `mutate`), and their code as it is on disk now. */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export const MUTATED = ["functions", "src/shared"];

/** Every code file under MUTATED, by its path from `root` (`functions/x.ts`), with its text. */
export function readMutatedSources(root: string): Map<string, string> {
  const sources = new Map<string, string>();
  for (const dir of MUTATED) {
    for (const entry of readdirSync(path.join(root, dir), { recursive: true, encoding: "utf8" })) {
      if (!/\.(ts|mjs|js)$/.test(entry)) continue;
      const file = path.posix.join(dir, entry.split(path.sep).join("/"));
      sources.set(file, readFileSync(path.join(root, file), "utf8"));
    }
  }
  return sources;
}
