/**
 * When each file last changed, from git history — read once per build with a single
 * `git log`, not once per page. In a shallow clone the oldest commit we have is a
 * boundary whose date says nothing about the files it carries, so those files get no
 * date at all rather than a wrong one. Outside git (or for uncommitted files) there is
 * no date either: a page never shows the build date as its "last change".
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

let cache: Map<string, Date> | undefined;

function git(args: string[]): string {
  return execFileSync("git", args, {
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    stdio: ["ignore", "pipe", "ignore"],
  });
}

function load(): Map<string, Date> {
  const dates = new Map<string, Date>();
  let top: string;
  try {
    top = git(["rev-parse", "--show-toplevel"]).trim();
  } catch {
    return dates;
  }
  const shallowFile = path.join(top, ".git", "shallow");
  const boundaries = new Set(
    existsSync(shallowFile) ? readFileSync(shallowFile, "utf8").split("\n").filter(Boolean) : [],
  );
  let log: string;
  try {
    log = git(["-C", top, "log", "--format=%x00%H %cI", "--name-only", "--no-renames", "HEAD", "--", "content"]);
  } catch {
    return dates;
  }
  for (const block of log.split("\0").slice(1)) {
    const [header = "", ...files] = block.split("\n");
    const [hash = "", iso = ""] = header.split(" ");
    const boundary = boundaries.has(hash);
    for (const file of files) {
      if (!file || dates.has(file)) continue;
      // Newest first: the first time a file appears is its last change. A boundary
      // commit "adds" every file it holds, so its date is not the file's.
      dates.set(file, boundary ? new Date(Number.NaN) : new Date(iso));
    }
  }
  return dates;
}

/** The date of the last commit that changed `repoPath` (e.g. "content/charters/kostinbrod.mdx"). */
export function lastChanged(repoPath: string): Date | undefined {
  cache ??= load();
  const date = cache.get(repoPath.replace(/^\.\//, ""));
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}
