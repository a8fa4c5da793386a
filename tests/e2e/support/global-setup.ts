/**
 * Serves the built site and the Worker with a real `wrangler dev` (workerd, local D1,
 * KV and e-mail) for the end-to-end tests, and keeps everything that server writes in
 * one temporary directory, removed afterwards: the developer's own `.wrangler/` (the
 * data `npm start` keeps) is never touched.
 *
 * Wrangler puts its scratch files (bundles, and a copy of every e-mail the `send_email`
 * binding sends) under `.wrangler/tmp` *beside the configuration file*, whatever the
 * working directory, and Miniflare its own under the OS temp dir. So the server runs
 * from a copy of wrangler.toml in the temporary directory (paths made absolute, back to
 * the project), with `--persist-to`, TMPDIR and wrangler's cache, log and dev-registry
 * paths pointing inside it too. A side effect on purpose: a developer's `.dev.vars`
 * (Turnstile secrets, say) does not leak into the tests.
 *
 * Port: E2E_PORT when set (it must be free), otherwise one the system picks, so a run
 * never lands on the `npm start` server (PORT, 8787 by default).
 *
 * Tests read `inject("baseUrl")`, and `inject("emailDir")` for the e-mails they caused
 * (see ./mail.ts); `inject("wranglerDir")` is the whole directory, `inject("stateDir")`
 * the D1/KV state for `wrangler d1 execute --local --persist-to`.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { experimental_readRawConfig } from "wrangler";
import { assertPortFree, freePort, portFromEnv } from "../../../scripts/lib/ports.ts";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    /** The temporary directory holding everything the e2e `wrangler dev` writes. */
    wranglerDir: string;
    /** D1 and KV of the e2e server (`--persist-to`). */
    stateDir: string;
    /** Where the e2e server writes every e-mail it sends, as `.eml` files (in subfolders). */
    emailDir: string;
  }
}

const ROOT = path.resolve(import.meta.dirname, "../../..");
const HOST = "127.0.0.1";
const WRANGLER = path.join(ROOT, "node_modules/wrangler/bin/wrangler.js");

/** Top-level settings of wrangler's configuration that hold paths relative to it. */
const PATH_FIELDS = ["main", "tsconfig", "base_dir"] as const;
/** Path-holding settings this copy does not rewrite: refuse them rather than misread them. */
const UNHANDLED = ["site", "build", "rules", "alias", "wasm_modules", "text_blobs", "data_blobs", "containers", "env"];

/** wrangler.toml as JSON in `dir`, every path in it absolute (pointing back to the project). */
function writeConfigCopy(dir: string): string {
  const { rawConfig, userConfigPath } = experimental_readRawConfig({ config: path.join(ROOT, "wrangler.toml") });
  const base = path.dirname(path.resolve(userConfigPath ?? path.join(ROOT, "wrangler.toml")));
  const config = structuredClone(rawConfig) as Record<string, unknown> & {
    assets?: { directory?: string };
    d1_databases?: { migrations_dir?: string }[];
  };
  const unhandled = UNHANDLED.filter((key) => key in config);
  if (unhandled.length > 0) {
    throw new Error(`global-setup: teach writeConfigCopy about wrangler.toml's ${unhandled.join(", ")}`);
  }
  for (const field of PATH_FIELDS) {
    if (typeof config[field] === "string") config[field] = path.resolve(base, config[field]);
  }
  if (config.assets?.directory) config.assets.directory = path.resolve(base, config.assets.directory);
  for (const db of config.d1_databases ?? []) {
    db.migrations_dir = path.resolve(base, db.migrations_dir ?? "migrations");
  }
  const file = path.join(dir, "wrangler.json");
  writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
  return file;
}

/**
 * Resolves once wrangler prints that it is ready and the Worker answers; rejects if
 * wrangler exits first, or has said nothing of the kind after two minutes.
 */
function ready(child: ChildProcess, baseUrl: string, log: () => string): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (message: string) => {
      cleanup();
      reject(new Error(`${message}\n${log()}`));
    };
    const onExit = () => fail("wrangler dev exited before it was ready:");
    const onData = async () => {
      if (!log().includes(`Ready on ${baseUrl}`)) return;
      cleanup();
      try {
        const response = await fetch(`${baseUrl}/api/health`);
        if (!response.ok) throw new Error(`/api/health answered ${response.status}`);
        resolve();
      } catch (error) {
        reject(new Error(`wrangler dev is up, but the Worker is not: ${error}\n${log()}`));
      }
    };
    const giveUp = setTimeout(() => fail("wrangler dev did not say it was ready within 120 s:"), 120_000);
    function cleanup() {
      clearTimeout(giveUp);
      child.off("exit", onExit);
      child.stdout?.off("data", onData);
      child.stderr?.off("data", onData);
    }
    child.once("exit", onExit);
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
  });
}

/** Stops wrangler and its workerd processes (one process group) and waits until they are gone. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const group = -child.pid;
  process.kill(group, "SIGTERM");
  // wrangler shuts workerd down and removes its scratch files; give it time on a busy machine.
  const forced = setTimeout(() => {
    try {
      process.kill(group, "SIGKILL");
    } catch {
      // already gone
    }
  }, 20_000);
  await exited;
  clearTimeout(forced);
  try {
    process.kill(group, "SIGKILL"); // anything of the group still left
  } catch {
    // none left: the usual case
  }
}

export default async function setup(project: TestProject) {
  if (!existsSync(path.join(ROOT, "dist/index.html"))) {
    execFileSync("npx", ["astro", "build"], { cwd: ROOT, stdio: "inherit" });
  }
  const port = process.env.E2E_PORT ? portFromEnv("E2E_PORT", 0) : await freePort(HOST);
  if (process.env.E2E_PORT) {
    await assertPortFree(port, HOST, "set E2E_PORT to a free port, or leave it unset to let the system pick one");
  }

  // realpath: on macOS the temp dir is reached through a symlink (/var → /private/var).
  const wranglerDir = realpathSync(mkdtempSync(path.join(tmpdir(), "harta-e2e-")));
  const stateDir = path.join(wranglerDir, "state");
  const osTmp = path.join(wranglerDir, "os-tmp");
  mkdirSync(osTmp);
  const config = writeConfigCopy(wranglerDir);
  const env = {
    ...process.env,
    NO_COLOR: "1",
    TMPDIR: osTmp,
    WRANGLER_CACHE_DIR: path.join(wranglerDir, "cache"),
    WRANGLER_LOG_PATH: path.join(wranglerDir, "logs"),
    WRANGLER_REGISTRY_PATH: path.join(wranglerDir, "registry"),
  };
  const cleanUp = () => rmSync(wranglerDir, { recursive: true, force: true });

  let child: ChildProcess | undefined;
  try {
    execFileSync(
      process.execPath,
      [WRANGLER, "d1", "migrations", "apply", "DB", "--local", "--config", config, "--persist-to", stateDir],
      { cwd: wranglerDir, stdio: "pipe", env: { ...env, CI: "true" } },
    );
    let output = "";
    const baseUrl = `http://${HOST}:${port}`;
    child = spawn(
      process.execPath,
      [
        WRANGLER,
        "dev",
        "--config",
        config,
        "--port",
        String(port),
        "--ip",
        HOST,
        "--persist-to",
        stateDir,
        "--show-interactive-dev-session=false",
        // Links in e-mails lead back to this server.
        "--var",
        `PUBLIC_ORIGIN:${baseUrl}`,
      ],
      // Its own process group, so teardown can stop wrangler and workerd together.
      { cwd: wranglerDir, stdio: ["ignore", "pipe", "pipe"], env, detached: true },
    );
    child.stdout?.on("data", (d) => (output += d));
    child.stderr?.on("data", (d) => (output += d));
    await ready(child, baseUrl, () => output);

    project.provide("baseUrl", baseUrl);
    project.provide("wranglerDir", wranglerDir);
    project.provide("stateDir", stateDir);
    project.provide("emailDir", path.join(wranglerDir, ".wrangler/tmp/email"));
  } catch (error) {
    if (child) await stop(child);
    cleanUp();
    throw error;
  }

  const server = child;
  return async () => {
    await stop(server);
    cleanUp();
  };
}
