/**
 * When each content file last changed, from git history — read once per build with a
 * single `git log`, not once per page. In a shallow clone the oldest commit we have is
 * a boundary that seems to "add" every file it holds, so its date says nothing about
 * them: those files get no date rather than a wrong one. Outside git, or for files not
 * committed yet, there is no date either. A page never shows the build date instead.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

function git(cwd: string, args: string[]): string {
  return execFileSync("git", args, {
    cwd,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    stdio: ["ignore", "pipe", "ignore"],
  });
}

/** Last-change dates of the files under content/ and src/pages/, keyed by path from the repository root. */
export function readGitDates(cwd: string): Map<string, Date> {
  const dates = new Map<string, Date>();
  const unknown = new Set<string>();
  let top: string;
  let log: string;
  try {
    top = git(cwd, ["rev-parse", "--show-toplevel"]).trim();
    log = git(top, ["log", "--format=%x00%H %cI", "--name-only", "--no-renames", "HEAD", "--", "content", "src/pages"]);
  } catch {
    return dates;
  }
  const shallowFile = path.join(top, ".git", "shallow");
  const boundaries = new Set(existsSync(shallowFile) ? readFileSync(shallowFile, "utf8").split("\n") : []);
  for (const block of log.split("\0").slice(1)) {
    const [header = "", ...files] = block.split("\n");
    const [hash = "", iso = ""] = header.split(" ");
    for (const file of files) {
      // Newest first: the first commit that names a file is its last change.
      if (!file || dates.has(file) || unknown.has(file)) continue;
      if (boundaries.has(hash)) unknown.add(file);
      else dates.set(file, new Date(iso));
    }
  }
  return dates;
}

let cache: Map<string, Date> | undefined;

/** The date of the last commit that changed `repoPath` (e.g. "content/charters/kostinbrod.mdx"). */
export function lastChanged(repoPath: string): Date | undefined {
  cache ??= readGitDates(process.cwd());
  return cache.get(repoPath.replace(/^\.\//, ""));
}
