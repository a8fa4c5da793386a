/**
 * Serves the built site and the Worker with a real `wrangler dev` (workerd, local
 * D1 and KV) on its own port and its own state directory, so tests never touch the
 * data `npm start` keeps. Tests read the address with `inject("baseUrl")`.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    stateDir: string;
  }
}

const PORT = Number(process.env.E2E_PORT ?? 8790);
const wrangler = path.resolve("node_modules/.bin/wrangler");

async function waitFor(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited early:\n${log()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`wrangler dev did not answer ${url} within 90 s:\n${log()}`);
}

export default async function setup(project: TestProject) {
  if (!existsSync("dist/index.html")) execFileSync("npx", ["astro", "build"], { stdio: "inherit" });
  const stateDir = mkdtempSync(path.join(tmpdir(), "harta-e2e-"));
  execFileSync(wrangler, ["d1", "migrations", "apply", "DB", "--local", "--persist-to", stateDir], {
    stdio: "ignore",
    env: { ...process.env, CI: "true" },
  });
  let output = "";
  const child = spawn(
    wrangler,
    [
      "dev",
      "--port",
      String(PORT),
      "--ip",
      "127.0.0.1",
      "--persist-to",
      stateDir,
      "--show-interactive-dev-session=false",
    ],
    { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } },
  );
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const baseUrl = `http://127.0.0.1:${PORT}`;
  await waitFor(`${baseUrl}/api/health`, child, () => output);
  project.provide("baseUrl", baseUrl);
  project.provide("stateDir", stateDir);

  return async () => {
    child.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 500));
    if (child.exitCode === null) child.kill("SIGKILL");
    rmSync(stateDir, { recursive: true, force: true });
  };
}
