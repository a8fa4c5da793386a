/**
 * A throwaway `wrangler dev` for the benchmarks: its own local D1 (migrations applied)
 * in a temporary directory, in its own process group so stopping it stops workerd too.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");
const WRANGLER = path.join(ROOT, "node_modules/.bin/wrangler");

export interface Server {
  url: string;
  child: ChildProcess;
  stateDir: string;
  log: () => string;
}

export function wrangler(argv: string[], cwd = ROOT): string {
  return execFileSync(WRANGLER, argv, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, CI: "true", NO_COLOR: "1" },
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** Starts `wrangler dev` with `config` on `port`; resolves once GET `readyPath` answers 2xx. */
export async function startServer(config: string, port: number, readyPath = "/api/health"): Promise<Server> {
  const stateDir = mkdtempSync(path.join(tmpdir(), "harta-bench-"));
  wrangler(["d1", "migrations", "apply", "DB", "--local", "--config", config, "--persist-to", stateDir]);
  let output = "";
  const child = spawn(
    WRANGLER,
    ["dev", "--config", config, "--port", String(port), "--ip", "127.0.0.1", "--persist-to", stateDir],
    { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" }, detached: true },
  );
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited:\n${output}`);
    try {
      if ((await fetch(`${url}${readyPath}`)).ok) return { url, child, stateDir, log: () => output };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`wrangler dev did not start:\n${output}`);
}

export async function stopServer(server: Server): Promise<void> {
  if (server.child.pid) {
    try {
      process.kill(-server.child.pid, "SIGTERM"); // the whole group: wrangler and its workerd
    } catch {
      // already gone
    }
  }
  await new Promise((r) => setTimeout(r, 500));
  rmSync(server.stateDir, { recursive: true, force: true });
}
