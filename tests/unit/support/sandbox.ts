/**
 * A throwaway copy of the project for running Astro on edited content. Each sandbox has
 * its own content/, src/, .astro/ and caches, so tests run in parallel with each other
 * and with a real build in the repository without touching its files or caches; only
 * node_modules is shared (read-only, through a symlink) and the real astro.config.mjs
 * is imported, so the integrations under test are the real ones. With `project`, it also
 * gets the Worker, its configuration and the scripts, for wrangler and `npm run …`.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { stripVTControlCharacters } from "node:util";

export const REPO = path.resolve(import.meta.dirname, "../../..");
const ASTRO = path.join(REPO, "node_modules/astro/bin/astro.mjs");

export interface RunResult {
  code: number;
  /** stdout and stderr together, without colours. */
  output: string;
}

export function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }) {
  return new Promise<RunResult>((resolve) => {
    execFile(
      command,
      args,
      {
        cwd: options.cwd,
        env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", ASTRO_TELEMETRY_DISABLED: "1", ...options.env },
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, output: stripVTControlCharacters(`${stdout}\n${stderr}`) });
      },
    );
  });
}

export interface Sandbox {
  root: string;
  content: string;
  /** Absolute path of a file under the sandbox's content/. */
  file(relative: string): string;
  read(relative: string): string;
  write(relative: string, text: string): void;
  /** Replaces exactly one occurrence of `from`, so a test cannot silently edit nothing. */
  edit(relative: string, from: string | RegExp, to: string): void;
  /** `astro sync` or `astro build` in the sandbox, with HARTA_CONTENT_DIR pointing at its content/. */
  astro(command: "sync" | "build"): Promise<RunResult>;
  remove(): void;
}

/** What wrangler and the scripts need besides content/ and src/. */
const PROJECT_PARTS = [
  "functions",
  "migrations",
  "public",
  "scripts",
  "wrangler.toml",
  "tsconfig.json",
  "package.json",
];

export function createSandbox(options: { project?: boolean } = {}): Sandbox {
  const root = mkdtempSync(path.join(tmpdir(), "harta-content-"));
  const content = path.join(root, "content");
  try {
    cpSync(path.join(REPO, "content"), content, { recursive: true });
    for (const part of options.project ? PROJECT_PARTS : []) {
      cpSync(path.join(REPO, part), path.join(root, part), { recursive: true });
    }
    // A copy, not a symlink: Vite resolves symlinks and then looks for pages outside the root.
    cpSync(path.join(REPO, "src"), path.join(root, "src"), { recursive: true });
    symlinkSync(path.join(REPO, "node_modules"), path.join(root, "node_modules"), "dir");
    const config = pathToFileURL(path.join(REPO, "astro.config.mjs")).href;
    writeFileSync(
      path.join(root, "astro.config.mjs"),
      `import base from ${JSON.stringify(config)};\n` +
        // Both caches default to node_modules/, which is the repository's own.
        `export default { ...base, cacheDir: "./.cache/astro", vite: { ...base.vite, cacheDir: "./.cache/vite" } };\n`,
    );
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
  const file = (relative: string) => path.join(content, relative);
  const read = (relative: string) => readFileSync(file(relative), "utf8");
  const write = (relative: string, text: string) => writeFileSync(file(relative), text);
  return {
    root,
    content,
    file,
    read,
    write,
    edit(relative, from, to) {
      const text = read(relative);
      const all = typeof from === "string" ? from : new RegExp(from.source, `${from.flags.replace("g", "")}g`);
      const count = typeof all === "string" ? text.split(all).length - 1 : (text.match(all)?.length ?? 0);
      if (count !== 1) throw new Error(`${relative}: expected one match of ${from}, found ${count}`);
      write(relative, text.replace(from, to));
    },
    astro: (command) => run(process.execPath, [ASTRO, command], { cwd: root, env: { HARTA_CONTENT_DIR: content } }),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
