/**
 * Which D1 migrations a database still lacks: the files in migrations/ that wrangler has
 * not recorded in its `d1_migrations` table there. `wrangler d1 migrations list` says the
 * same in a table for people; `d1 execute --json` gives it in a form a script can read.
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { WRANGLER } from "./wrangler.ts";

/** The migration files, in the order wrangler applies them. */
export function migrationFiles(root: string, dir = "migrations"): string[] {
  return readdirSync(path.join(root, dir))
    .filter((name) => name.endsWith(".sql"))
    .sort();
}

/**
 * The names recorded as applied, from the output of `wrangler d1 execute … --json` on
 * `SELECT name FROM d1_migrations`; none when the table does not exist yet (a new database).
 */
export function appliedMigrations(output: string): string[] {
  const start = output.search(/[[{]/);
  if (start < 0) throw new Error("wrangler gave no answer (see its messages above)");
  const json = output.slice(start);
  const parsed = JSON.parse(json) as { results?: { name: string }[] }[] | { error?: { text?: string } };
  if (Array.isArray(parsed)) return parsed.flatMap((r) => r.results ?? []).map((r) => r.name);
  const error = parsed.error?.text ?? json;
  if (/no such table: d1_migrations/.test(error)) return [];
  throw new Error(error);
}

/**
 * The migrations the database DB lacks. `where` is how wrangler reaches it: `["--remote"]`
 * for the real one, `["--local", "--persist-to", dir]` for a local copy.
 */
export function pendingMigrations(root: string, where: string[], dir = "migrations"): string[] {
  const run = spawnSync(
    process.execPath,
    [WRANGLER, "d1", "execute", "DB", ...where, "--json", "--command", "SELECT name FROM d1_migrations"],
    { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
  );
  const applied = new Set(appliedMigrations(run.stdout ?? ""));
  return migrationFiles(root, dir).filter((name) => !applied.has(name));
}
