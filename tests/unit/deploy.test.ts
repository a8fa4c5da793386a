/**
 * `npm run deploy` refuses what only works locally — the shipped placeholders, a local
 * origin — before it builds or uploads anything, and with them all set it builds the
 * site and the Worker bundle (`--dry-run`, no Cloudflare account needed). The configured
 * project is a fixture made from the shipped one by setting exactly those values.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DRY_RUN_OUTDIR, previewAlias, previewUrls } from "../../scripts/deploy.ts";
import { appliedMigrations, migrationFiles, pendingMigrations } from "../../scripts/lib/migrations.ts";
import { configProblems, originProblem, preflight, readWranglerConfig } from "../../scripts/lib/preflight.ts";
import { WRANGLER } from "../../scripts/lib/wrangler.ts";
import { createSandbox, REPO, run, type Sandbox } from "./support/sandbox.ts";

const sandboxes: Sandbox[] = [];
const dirs: string[] = [];
afterAll(() => {
  for (const s of sandboxes) s.remove();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function project(): Sandbox {
  const sandbox = createSandbox({ project: true });
  sandboxes.push(sandbox);
  return sandbox;
}

/** A made-up public domain: a dry run uploads nothing and sends no mail. */
const DOMAIN = "obshtina-primer.bg";
const SITE = `https://harta.${DOMAIN}`;

/** The shipped project with every placeholder set, as an administrator would before a first release. */
function configure(sandbox: Sandbox): void {
  const toml = path.join(sandbox.root, "wrangler.toml");
  const text = readFileSync(toml, "utf8")
    .replace(
      'database_id = "00000000-0000-0000-0000-000000000000"',
      'database_id = "3f2b8c1e-5a4d-4e7f-9b6a-2c8d1e0f4a7b"',
    )
    .replace('id = "00000000000000000000000000000000"', 'id = "9c1e4b7a2d5f8e3c6b9a0d1e2f3a4b5c"')
    .replace('MAIL_FROM = "harta@harta.example"', `MAIL_FROM = "harta@${DOMAIN}"`);
  writeFileSync(toml, text);
  for (const id of ["kostinbrod", "kovachevtsi"]) {
    const file = `municipalities/${id}.json`;
    const data = JSON.parse(sandbox.read(file).replaceAll(`@${id}.example`, `@${id}.${DOMAIN}`));
    delete data.placeholders;
    sandbox.write(file, `${JSON.stringify(data, null, 2)}\n`);
  }
}

describe("the deploy pre-flight", () => {
  it("refuses the shipped project, naming each placeholder with where to set it", () => {
    const { origin, problems } = preflight(REPO, {});
    expect(origin).toBeNull();
    const about = (pattern: RegExp) => problems.filter((p) => pattern.test(p));
    expect(about(/^HARTA_SITE_URL is not set/)).toHaveLength(1);
    expect(about(/^wrangler\.toml: database_id "0{8}-.*npx wrangler d1 create harta/)).toHaveLength(1);
    expect(
      about(/^wrangler\.toml: id "0{32}" of the KV namespace DEDUP .*npx wrangler kv namespace create DEDUP/),
    ).toHaveLength(1);
    expect(about(/^wrangler\.toml: MAIL_FROM "harta@harta\.example" is on an example or local domain/)).toHaveLength(1);
    for (const id of ["kostinbrod", "kovachevtsi"]) {
      for (const field of ["registryIndex", "recipients", "staff", "personalDataRetention"]) {
        expect(
          about(new RegExp(`^content/municipalities/${id}\\.json, line \\d+: ${field} is still a placeholder`)),
        ).toHaveLength(1);
      }
    }
    expect(about(/kostinbrod\.json, line \d+: recipients .*\(delovodstvo@kostinbrod\.example\)/)).toHaveLength(1);
    expect(problems).toHaveLength(12);
  });

  it("refuses a missing, local, example or plain-http origin, and two different origins", () => {
    expect(originProblem("PUBLIC_ORIGIN", undefined)).toMatch(/not set/);
    expect(originProblem("PUBLIC_ORIGIN", "http://localhost:8787")).toMatch(/https/);
    expect(originProblem("PUBLIC_ORIGIN", "https://localhost:8787")).toMatch(/local or example/);
    expect(originProblem("PUBLIC_ORIGIN", "https://127.0.0.1")).toMatch(/local or example/);
    expect(originProblem("PUBLIC_ORIGIN", "https://harta.obshtina.example")).toMatch(/local or example/);
    expect(originProblem("PUBLIC_ORIGIN", "https://harta.example.org")).toMatch(/local or example/);
    expect(originProblem("PUBLIC_ORIGIN", "https://harta.obshtina.bg/path/")).toMatch(/origin only/);
    const env = { HARTA_SITE_URL: "https://harta.kostinbrod.bg", PUBLIC_ORIGIN: "https://harta.kovachevtsi.bg" };
    expect(preflight(REPO, env).problems[0]).toMatch(/must be the same origin/);
  });

  it("accepts a public https origin", () => {
    expect(originProblem("PUBLIC_ORIGIN", "https://harta.kostinbrod.bg")).toBeNull();
    expect(originProblem("HARTA_SITE_URL", "https://harta.kostinbrod.bg/")).toBeNull();
  });

  it("refuses a sender that is not an address, or that the send_email binding does not allow", () => {
    const config = readWranglerConfig(REPO);
    const withVars = (vars: Record<string, unknown>, allowed?: string[]) =>
      configProblems({
        ...config,
        d1_databases: [{ binding: "DB", database_id: "3f2b8c1e-5a4d-4e7f-9b6a-2c8d1e0f4a7b" }],
        kv_namespaces: [{ binding: "DEDUP", id: "9c1e4b7a2d5f8e3c6b9a0d1e2f3a4b5c" }],
        vars,
        send_email: [{ name: "MAILER", ...(allowed ? { allowed_sender_addresses: allowed } : {}) }],
      });
    expect(withVars({ MAIL_FROM: "harta@obshtina.bg" })).toEqual([]);
    expect(withVars({})[0]).toMatch(/MAIL_FROM is not set/);
    expect(withVars({ MAIL_FROM: "Харта <harta@obshtina.bg>" })[0]).toMatch(/is not an e-mail address/);
    expect(withVars({ MAIL_FROM: "harta@localhost" })[0]).toMatch(/example or local domain/);
    expect(withVars({ MAIL_FROM: "harta@obshtina.bg" }, ["noreply@obshtina.bg"])[0]).toMatch(
      /allowed_sender_addresses/,
    );
    expect(withVars({ MAIL_FROM: "harta@obshtina.bg" }, ["harta@obshtina.bg"])).toEqual([]);
  });
});

describe("npm run deploy -- --dry-run", () => {
  it("stops on the shipped project before building anything, with one line per problem", async () => {
    const sandbox = project();
    const { code, output } = await run(process.execPath, ["scripts/deploy.ts", "--dry-run"], {
      cwd: sandbox.root,
      env: { HARTA_SITE_URL: "", PUBLIC_ORIGIN: "" },
    });
    expect(code).toBe(1);
    expect(output).toContain("Deploy stopped before anything was built or uploaded (12 to fix):");
    expect(output.split("\n").filter((l) => l.startsWith("- "))).toHaveLength(12);
    expect(existsSync(path.join(sandbox.root, "dist"))).toBe(false);
  });

  it("with every placeholder set, builds the site for the public origin and produces the Worker bundle", async () => {
    const sandbox = project();
    configure(sandbox);
    const { code, output } = await run(process.execPath, ["scripts/deploy.ts", "--dry-run"], {
      cwd: sandbox.root,
      env: { HARTA_SITE_URL: SITE, PUBLIC_ORIGIN: "" },
    });
    expect(code, output).toBe(0);
    expect(output).toContain(`Pre-flight passed: deploying for ${SITE}.`);
    const files = readdirSync(path.join(REPO, "migrations")).filter((f) => f.endsWith(".sql")).length;
    expect(output).toContain(
      `a release applies ${files} migration files from migrations/ with wrangler d1 migrations apply DB --remote`,
    );
    // wrangler prints a --var as "(hidden)": the step says what it was given.
    expect(output).toContain(`== wrangler deploy --dry-run, with PUBLIC_ORIGIN=${SITE}`);
    expect(output).toMatch(/env\.PUBLIC_ORIGIN \("\(hidden\)"\)/);
    expect(output).toContain("Dry run passed: the Worker bundle is");
    const bundle = readFileSync(path.join(sandbox.root, DRY_RUN_OUTDIR, "index.js"), "utf8");
    expect(bundle).toContain("/sluzhiteli/");
    const home = readFileSync(path.join(sandbox.root, "dist/kostinbrod/index.html"), "utf8");
    expect(home).toContain(`<link rel="canonical" href="${SITE}/kostinbrod/"`);
    expect(home).not.toContain("localhost");
  }, 240_000);
});

describe("the migrations a database lacks", () => {
  it("are read from wrangler's own record, through the real wrangler", async () => {
    const state = mkdtempSync(path.join(tmpdir(), "harta-migrations-"));
    dirs.push(state);
    const where = ["--local", "--persist-to", state];
    expect(pendingMigrations(REPO, where)).toEqual(migrationFiles(REPO));
    const applied = await run(process.execPath, [WRANGLER, "d1", "migrations", "apply", "DB", ...where], {
      cwd: REPO,
      env: { CI: "true" },
    });
    expect(applied.code, applied.output).toBe(0);
    expect(pendingMigrations(REPO, where)).toEqual([]);
  }, 180_000);

  it("are none recorded when the table is not there yet, and an error otherwise", () => {
    expect(appliedMigrations('{"error": {"text": "no such table: d1_migrations: SQLITE_ERROR"}}')).toEqual([]);
    expect(() => appliedMigrations('{"error": {"text": "Authentication error [code: 10000]"}}')).toThrow(
      /Authentication/,
    );
    expect(() => appliedMigrations("")).toThrow(/no answer/);
  });
});

describe("npm run deploy -- --preview", () => {
  it("names the preview after the git branch, as a DNS label with the Worker's name", () => {
    expect(previewAlias("redaktor/usluga-2016", "harta")).toBe("redaktor-usluga-2016");
    expect(previewAlias("Услуга_Наследници", "harta")).toBeUndefined();
    expect(previewAlias("HEAD", "harta")).toBeUndefined();
    expect(previewAlias(`a${"-b".repeat(40)}`, "harta")?.length).toBeLessThanOrEqual(63 - "harta-".length);
  });

  it("prints the URLs from wrangler's output file, the alias first", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "harta-preview-"));
    dirs.push(dir);
    const file = path.join(dir, "out.json");
    writeFileSync(
      file,
      `${JSON.stringify({ type: "wrangler-session" })}\n${JSON.stringify({
        type: "version-upload",
        preview_url: "https://1a2b3c4d-harta.obshtina.workers.dev",
        preview_alias_url: "https://redaktor-harta.obshtina.workers.dev",
      })}\n`,
    );
    expect(previewUrls(file)).toEqual([
      "https://redaktor-harta.obshtina.workers.dev",
      "https://1a2b3c4d-harta.obshtina.workers.dev",
    ]);
    expect(previewUrls(path.join(dir, "missing.json"))).toEqual([]);
  });
});
