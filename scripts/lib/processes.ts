/**
 * Processes and what they use, from /proc on Linux, for the benchmarks: the processes
 * below one, and the peak resident memory of a process and everything it starts (Astro's
 * build runs Pagefind as a binary of its own), sampled while it runs.
 */
import { readdirSync, readFileSync } from "node:fs";

/** All processes below `pid` (Linux /proc). */
export function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The parent's pid is the second field after the command name in parentheses.
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // process ended meanwhile
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const c of children.get(p) ?? []) {
      out.push(c);
      walk(c);
    }
  };
  walk(pid);
  return out;
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
      [pid, ...descendants(pid)].reduce((sum, p) => sum + rssBytes(p), 0),
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
