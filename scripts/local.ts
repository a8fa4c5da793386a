/**
 * The local commands behind `npm start` and `npm run db:migrate`, the same on Linux, macOS
 * and Windows (no shell syntax for environment variables in package.json):
 *
 *   node scripts/local.ts migrate      applies migrations/ to the local D1 (.wrangler/state),
 *                                      unattended
 *   node scripts/local.ts dev [args]   `wrangler dev` on PORT (default 8787); extra args go
 *                                      to wrangler, e.g. `npm start -- --ip 0.0.0.0`
 *
 * `wrangler d1 migrations apply` asks "About to apply N migration(s)… (Y/n)" in a terminal.
 * Wrangler skips that question, answering yes, when it runs non-interactively or in CI
 * (`CI=true`, as its help says); local migrations are the project's own schema, so
 * `migrate` always runs it that way.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { portFromEnv } from "./lib/ports.ts";
import { WRANGLER } from "./lib/wrangler.ts";

const ROOT = path.resolve(import.meta.dirname, "..");

/** Runs wrangler in the project root; resolves with its exit code. Ctrl+C reaches it first. */
function wrangler(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const child = spawn(process.execPath, [WRANGLER, ...args], { cwd: ROOT, stdio: "inherit", env });
  // The terminal sends Ctrl+C to wrangler as well; stay alive until it has shut down.
  // Other signals (a process manager's SIGTERM, a closed terminal) are passed on.
  const forward = (signal: NodeJS.Signals) => () => {
    if (signal !== "SIGINT") child.kill(signal);
  };
  const handlers = (["SIGINT", "SIGTERM", "SIGHUP"] as const).map((s) => [s, forward(s)] as const);
  for (const [s, h] of handlers) process.on(s, h);
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      for (const [s, h] of handlers) process.off(s, h);
      resolve(code ?? (signal ? 128 + (signal === "SIGINT" ? 2 : 15) : 1));
    });
  });
}

const [command, ...rest] = process.argv.slice(2);
if (command === "migrate") {
  process.exitCode = await wrangler(["d1", "migrations", "apply", "DB", "--local", ...rest], {
    ...process.env,
    CI: "true",
  });
} else if (command === "dev") {
  let port: number;
  try {
    port = portFromEnv("PORT", 8787);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  // Links in e-mails (the receipt) point to the port the site is really on.
  process.exitCode = await wrangler([
    "dev",
    "--port",
    String(port),
    "--var",
    `PUBLIC_ORIGIN:http://localhost:${port}`,
    ...rest,
  ]);
} else {
  console.error("usage: node scripts/local.ts migrate | dev [wrangler dev options]");
  process.exitCode = 2;
}
