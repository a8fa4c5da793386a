import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readGitDates } from "../../src/lib/git-dates";

let dir: string;
const git = (cwd: string, args: string[], date?: string) =>
  execFileSync("git", args, {
    cwd,
    stdio: "ignore",
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: "t",
      GIT_AUTHOR_EMAIL: "t@t",
      GIT_COMMITTER_NAME: "t",
      GIT_COMMITTER_EMAIL: "t@t",
      ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}),
    },
  });

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "harta-git-"));
  const repo = path.join(dir, "repo");
  mkdirSync(path.join(repo, "content"), { recursive: true });
  git(repo, ["init", "-q", "-b", "main"]);
  const write = (name: string, text: string) => writeFileSync(path.join(repo, "content", name), text);
  write("a.mdx", "a1");
  write("b.mdx", "b1");
  git(repo, ["add", "."]);
  git(repo, ["commit", "-qm", "one"], "2015-01-29T10:00:00Z");
  write("b.mdx", "b2");
  git(repo, ["commit", "-qam", "two"], "2020-06-01T10:00:00Z");
  write("a.mdx", "a2");
  git(repo, ["commit", "-qam", "three"], "2026-11-20T10:00:00Z");
  git(dir, ["clone", "-q", "--depth", "2", `file://${repo}`, "shallow"]);
  git(dir, ["clone", "-q", "--depth", "1", `file://${repo}`, "shallowest"]);
  mkdirSync(path.join(dir, "not-git"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("last change from git history", () => {
  it("is the date of the newest commit that changed each file", () => {
    const dates = readGitDates(path.join(dir, "repo"));
    expect(dates.get("content/a.mdx")?.toISOString()).toBe("2026-11-20T10:00:00.000Z");
    expect(dates.get("content/b.mdx")?.toISOString()).toBe("2020-06-01T10:00:00.000Z");
  });

  it("in a shallow clone, keeps the dates it can know and drops the boundary's", () => {
    const dates = readGitDates(path.join(dir, "shallow"));
    expect(dates.get("content/a.mdx")?.toISOString()).toBe("2026-11-20T10:00:00.000Z");
    // b's last change is the boundary commit, whose date a shallow clone cannot vouch for.
    expect(dates.has("content/b.mdx")).toBe(false);
  });

  it("in a one-commit clone, and outside git, says nothing rather than a wrong date", () => {
    expect(readGitDates(path.join(dir, "shallowest")).size).toBe(0);
    expect(readGitDates(path.join(dir, "not-git")).size).toBe(0);
  });
});
