/**
 * `npm run deploy`: the one way to release (README.md, "Deploying for real").
 *
 *   HARTA_SITE_URL=https://… npm run deploy                pre-flight, build, migrations --remote, wrangler deploy
 *   HARTA_SITE_URL=https://… npm run deploy -- --preview   pre-flight, build, a new version on a preview URL;
 *                                                          the live site keeps serving the current one
 *   HARTA_SITE_URL=https://… npm run deploy -- --dry-run   pre-flight, build, wrangler deploy --dry-run: the
 *                                                          Worker bundle, with no account and nothing uploaded
 *
 * The pre-flight (scripts/lib/preflight.ts) stops before anything is built or uploaded,
 * with one line per problem. Locally everything points to http://localhost:8787 and the
 * shipped ids, sender and staff addresses are placeholders: deployed as they are, links
 * would lead to the resident's own computer and mail would go nowhere.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { migrationFiles, pendingMigrations } from "./lib/migrations.ts";
import { type DeployConfig, preflight, readWranglerConfig } from "./lib/preflight.ts";
import { WRANGLER } from "./lib/wrangler.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const ASTRO = path.join(ROOT, "node_modules/astro/bin/astro.mjs");
/** Where a dry run leaves the Worker bundle (ignored by git with the rest of .wrangler/). */
export const DRY_RUN_OUTDIR = ".wrangler/deploy-dry-run";

/** Runs a step in the project root; stops the deploy when it fails. */
function step(title: string, args: string[], env: NodeJS.ProcessEnv = {}): void {
  console.log(`\n== ${title}`);
  const run = spawnSync(process.execPath, args, { cwd: ROOT, stdio: "inherit", env: { ...process.env, ...env } });
  if (run.status !== 0) {
    console.error(`\nDeploy stopped: ${title} failed.`);
    process.exit(run.status || 1);
  }
}

/**
 * An alias for the preview URL from the git branch, as wrangler's own rule for aliases has
 * it (a DNS label with the Worker's name: letters, digits and dashes, starting with a
 * letter): `redaktor/usluga-2016` gives https://redaktor-usluga-2016-harta.<subdomain>.workers.dev.
 */
export function previewAlias(branch: string, workerName: string): string | undefined {
  const room = 63 - workerName.length - 1;
  const alias = branch
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/-+/g, "-")
    .slice(0, room)
    .replace(/^-+|-+$/g, "");
  return /^[a-z](?:[a-z0-9-]*[a-z0-9])?$/.test(alias) && branch !== "HEAD" ? alias : undefined;
}

function git(...args: string[]): string {
  const run = spawnSync("git", args, { cwd: ROOT, encoding: "utf8" });
  return run.status === 0 ? run.stdout.trim() : "";
}

/** The preview URLs wrangler reported for the upload (its output file, one JSON entry a line). */
export function previewUrls(outputFile: string): string[] {
  let lines: string[];
  try {
    lines = readFileSync(outputFile, "utf8").split("\n").filter(Boolean);
  } catch {
    return [];
  }
  const upload = lines.map((l) => JSON.parse(l)).find((entry) => entry.type === "version-upload");
  return [upload?.preview_alias_url, upload?.preview_url].filter((url): url is string => typeof url === "string");
}

function checkMigrationsForPreview(config: DeployConfig): void {
  console.log("\n== migrations: is the remote database up to date?");
  const dir = config.d1_databases?.find((d) => d.binding === "DB")?.migrations_dir ?? "migrations";
  let pending: string[];
  try {
    pending = pendingMigrations(ROOT, ["--remote"], dir);
  } catch (error) {
    console.error(`Deploy stopped: could not read the remote database's migrations: ${(error as Error).message}`);
    process.exit(1);
  }
  if (pending.length) {
    console.error(
      `Deploy stopped: the remote database lacks ${pending.join(", ")}. A preview uses the live site's database, ` +
        "and a preview does not change it: release with npm run deploy (which applies them), or, if they are safe " +
        "for the live version, apply them first with npx wrangler d1 migrations apply DB --remote.",
    );
    process.exit(1);
  }
  console.log("All migrations are applied.");
}

function main(): void {
  let values: { "dry-run"?: boolean; preview?: boolean };
  try {
    ({ values } = parseArgs({ options: { "dry-run": { type: "boolean" }, preview: { type: "boolean" } } }));
  } catch (error) {
    console.error(`${(error as Error).message}\nusage: npm run deploy [-- --preview] [-- --dry-run]`);
    process.exit(2);
  }
  const dryRun = values["dry-run"] === true;
  const preview = values.preview === true;

  const { origin, problems } = preflight(ROOT, process.env);
  if (problems.length || !origin) {
    console.error(
      `Deploy stopped before anything was built or uploaded (${problems.length} to fix):\n` +
        problems.map((p) => `- ${p}`).join("\n"),
    );
    process.exit(1);
  }
  console.log(`Pre-flight passed: deploying for ${origin}.`);
  const config = readWranglerConfig(ROOT);
  const originVar = ["--var", `PUBLIC_ORIGIN:${origin}`];

  step(`build the site for ${origin}`, [ASTRO, "build"], { HARTA_SITE_URL: origin });

  if (dryRun) {
    const outdir = path.join(ROOT, DRY_RUN_OUTDIR);
    rmSync(outdir, { recursive: true, force: true });
    const dir = config.d1_databases?.find((d) => d.binding === "DB")?.migrations_dir ?? "migrations";
    console.log(
      `\nDry run: the remote database is not contacted; a release applies ${migrationFiles(ROOT, dir).length} ` +
        `migration files from ${dir}/ with wrangler d1 migrations apply DB --remote, skipping those already applied.`,
    );
    const command = preview ? ["versions", "upload"] : ["deploy"];
    step(`wrangler ${command.join(" ")} --dry-run, with PUBLIC_ORIGIN=${origin}`, [
      WRANGLER,
      ...command,
      "--dry-run",
      "--outdir",
      outdir,
      ...originVar,
    ]);
    const bundle = path.join(outdir, "index.js");
    const kib = (statSync(bundle).size / 1024).toFixed(1);
    console.log(
      `\nDry run passed: the Worker bundle is ${path.relative(ROOT, bundle)} (${kib} KiB); nothing was uploaded.`,
    );
    return;
  }

  if (preview) {
    checkMigrationsForPreview(config);
    const branch = git("rev-parse", "--abbrev-ref", "HEAD");
    const commit = git("rev-parse", "--short", "HEAD");
    const alias = previewAlias(branch, config.name ?? "harta");
    const outputFile = path.join(tmpdir(), `harta-preview-${process.pid}.json`);
    rmSync(outputFile, { force: true });
    step(
      `wrangler versions upload, with PUBLIC_ORIGIN=${origin} (the live site is not changed)`,
      [
        WRANGLER,
        "versions",
        "upload",
        ...originVar,
        "--message",
        `Preview of ${branch || "this checkout"}${commit ? ` at ${commit}` : ""}`,
        ...(alias ? ["--preview-alias", alias] : []),
      ],
      { WRANGLER_OUTPUT_FILE_PATH: outputFile },
    );
    const urls = previewUrls(outputFile);
    rmSync(outputFile, { force: true });
    if (!urls.length) {
      console.error(
        "\nThe version was uploaded, but wrangler reported no preview URL: preview URLs are off for this Worker. " +
          'Set preview_urls = true in wrangler.toml (README.md, "Deploying for real", step 9) and run this again.',
      );
      process.exit(1);
    }
    console.log(`\nPreview: ${urls[0]}`);
    for (const url of urls.slice(1)) console.log(`         ${url} (this version only)`);
    console.log("The live site still serves the previous version. To publish: merge the branch, then npm run deploy.");
    return;
  }

  // Wrangler asks before applying remote migrations in a terminal; this command is the answer.
  step("apply the D1 migrations to the remote database", [WRANGLER, "d1", "migrations", "apply", "DB", "--remote"], {
    CI: "true",
  });
  step(`wrangler deploy, with PUBLIC_ORIGIN=${origin}`, [WRANGLER, "deploy", ...originVar]);
}

if (import.meta.main) main();
