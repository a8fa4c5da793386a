/**
 * The peak resident memory of a process and everything it starts (Astro's build runs
 * Pagefind as a binary of its own), sampled from /proc on Linux while it runs.
 */
import { readdirSync, readFileSync } from "node:fs";

function tree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // The parent's pid is the fourth field, after the command name in parentheses.
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(name)]);
    } catch {
      // gone meanwhile
    }
  }
  const all = [root];
  for (let i = 0; i < all.length; i++) all.push(...(children.get(all[i] ?? 0) ?? []));
  return all;
}

function rssBytes(pid: number): number {
  try {
    const kB = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return Number(kB ?? 0) * 1024;
  } catch {
    return 0;
  }
}

/** Samples the tree under `pid` every `everyMs` until stopped; `stop()` gives the peak in bytes. */
export function watchMemory(pid: number, everyMs = 250): { stop(): number } {
  let peak = 0;
  const sample = () => {
    peak = Math.max(
      peak,
      tree(pid).reduce((sum, p) => sum + rssBytes(p), 0),
    );
  };
  const timer = setInterval(sample, everyMs);
  sample();
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}
