/**
 * What `npm run deploy` checks before it builds or uploads anything: everything that works
 * locally but fails in production, silently or in front of residents. Each problem is one
 * line that says what to set where:
 * - the public origin (HARTA_SITE_URL, PUBLIC_ORIGIN): set, https://, not local or an example;
 * - wrangler.toml: the D1 database_id and KV id that `wrangler d1 create` / `kv namespace
 *   create` print instead of the shipped zeros, MAIL_FROM on a real domain;
 * - content: no field still marked in `placeholders`, and the editors' content check clean.
 */
import path from "node:path";
import { experimental_readRawConfig } from "wrangler";
import { checkContent } from "../../src/integrations/content-check.ts";
import { type ContentFile, fieldLine, readContent } from "../../src/integrations/content-files.ts";
import { CONTENT_ROOT } from "../../src/lib/content-root.ts";
import { isExampleAddress, isExampleHost } from "../../src/lib/example-domains.ts";
import type { PlaceholderField } from "../../src/shared/municipality.ts";

const GUIDE = 'README.md, "Deploying for real"';

/** Why a value cannot be the site's public origin, or null when it can. */
export function originProblem(name: string, value: string | undefined): string | null {
  if (!value) return `${name} is not set: give the site's public origin, e.g. ${name}=https://harta.obshtina.bg`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `${name}="${value}" is not a URL: give the site's public origin, e.g. https://harta.obshtina.bg`;
  }
  if (url.protocol !== "https:") return `${name}="${value}" must use https://`;
  if (isExampleHost(url.hostname)) return `${name}="${value}" is a local or example address, not the public one`;
  if (url.origin !== value.replace(/\/$/, "")) return `${name}="${value}" must be an origin only (no path)`;
  return null;
}

/** The public origin from the environment (PUBLIC_ORIGIN defaults to HARTA_SITE_URL), and its problems. */
export function originProblems(env: NodeJS.ProcessEnv): { origin: string | null; problems: string[] } {
  const site = env.HARTA_SITE_URL;
  const origin = env.PUBLIC_ORIGIN || site;
  const problems = [originProblem("HARTA_SITE_URL", site)];
  if (env.PUBLIC_ORIGIN) problems.push(originProblem("PUBLIC_ORIGIN", origin));
  const found = problems.filter((p): p is string => p !== null);
  if (!found.length && site && origin && new URL(site).origin !== new URL(origin).origin) {
    found.push(`HARTA_SITE_URL (${site}) and PUBLIC_ORIGIN (${origin}) must be the same origin`);
  }
  return { origin: found.length ? null : new URL(origin as string).origin, problems: found };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const KV_ID = /^[0-9a-f]{32}$/i;
const ZEROS = /^[0-]+$/;
const ADDRESS = /^[^\s@<>"]+@[^\s@<>"]+$/;

/** The parts of wrangler.toml that a deploy depends on. */
export interface DeployConfig {
  name?: string;
  d1_databases?: { binding: string; database_name?: string; database_id?: string; migrations_dir?: string }[];
  kv_namespaces?: { binding: string; id?: string }[];
  vars?: Record<string, unknown>;
  send_email?: { name: string; allowed_sender_addresses?: string[] }[];
}

export const WRANGLER_CONFIG = "wrangler.toml";

/** wrangler.toml as wrangler itself parses it. */
export function readWranglerConfig(root: string): DeployConfig {
  return experimental_readRawConfig({ config: path.join(root, WRANGLER_CONFIG) }).rawConfig as DeployConfig;
}

/** The placeholder ids and sender that the shipped wrangler.toml carries. */
export function configProblems(config: DeployConfig, shown = WRANGLER_CONFIG): string[] {
  const problems: string[] = [];
  const db = config.d1_databases?.find((d) => d.binding === "DB");
  if (!db) problems.push(`${shown}: no [[d1_databases]] with binding = "DB"; see ${GUIDE}, step 2`);
  else if (!db.database_id || ZEROS.test(db.database_id) || !UUID.test(db.database_id)) {
    problems.push(
      `${shown}: database_id "${db.database_id ?? ""}" of the D1 database DB is a placeholder: run ` +
        `npx wrangler d1 create ${db.database_name ?? "harta"} and put the database_id it prints under [[d1_databases]] (${GUIDE}, step 2)`,
    );
  }
  const kv = config.kv_namespaces?.find((k) => k.binding === "DEDUP");
  if (!kv) problems.push(`${shown}: no [[kv_namespaces]] with binding = "DEDUP"; see ${GUIDE}, step 3`);
  else if (!kv.id || ZEROS.test(kv.id) || !KV_ID.test(kv.id)) {
    problems.push(
      `${shown}: id "${kv.id ?? ""}" of the KV namespace DEDUP is a placeholder: run ` +
        `npx wrangler kv namespace create DEDUP and put the id it prints under [[kv_namespaces]] (${GUIDE}, step 3)`,
    );
  }
  const from = config.vars?.MAIL_FROM;
  const setFrom = `set MAIL_FROM under [vars] to an address on the municipality's own domain, set up for sending (${GUIDE}, step 5)`;
  if (typeof from !== "string" || !ADDRESS.test(from)) {
    problems.push(
      `${shown}: MAIL_FROM ${typeof from === "string" ? `"${from}" is not an e-mail address` : "is not set"}: ${setFrom}`,
    );
  } else if (isExampleAddress(from)) {
    problems.push(
      `${shown}: MAIL_FROM "${from}" is on an example or local domain, where no mail is sent from: ${setFrom}`,
    );
  } else {
    const allowed = config.send_email?.find((s) => s.name === "MAILER")?.allowed_sender_addresses;
    if (allowed && !allowed.includes(from)) {
      problems.push(
        `${shown}: MAIL_FROM "${from}" is not among the allowed_sender_addresses of [[send_email]] MAILER, so every e-mail would be refused: add it there`,
      );
    }
  }
  return problems;
}

/** What each placeholder field holds, and what to put there instead. */
const PLACEHOLDER_ADVICE: Record<PlaceholderField, { shows: (value: unknown) => string; put: string }> = {
  registryIndex: {
    shows: (value) => `"${value}"`,
    put: "the index from the municipality's file nomenclature (its registry office has it)",
  },
  recipients: {
    shows: (value) => [...new Set(Object.values(value ?? {}).flat())].join(", "),
    put: "the addresses of the staff who receive each kind of submission",
  },
  staff: {
    shows: (value) => (Array.isArray(value) ? value.map((s) => s?.email).join(", ") : ""),
    put: "the staff who sign in to /sluzhiteli/, with their own addresses",
  },
  personalDataRetention: {
    shows: (value) => `${(value as { months?: unknown })?.months} months`,
    put: "the retention period and its basis from the municipality's file nomenclature",
  },
};

function markedPlaceholders(file: ContentFile): string[] {
  const fields = file.fields ?? {};
  const marked = Array.isArray(fields.placeholders) ? (fields.placeholders as PlaceholderField[]) : [];
  const line = fieldLine(file, "placeholders");
  return marked
    .filter((field) => field in PLACEHOLDER_ADVICE)
    .map((field) => {
      const { shows, put } = PLACEHOLDER_ADVICE[field];
      const at = fieldLine(file, field) ?? line;
      return (
        `${file.shown}${at === undefined ? "" : `, line ${at + 1}`}: ${field} is still a placeholder (${shows(fields[field])}): ` +
        `put in ${put}, then remove "${field}" from "placeholders" (docs/redaktori.md, „Примерни стойности“)`
      );
    });
}

/** Fields still marked as placeholders, then every mistake the editors' content check knows. */
export function contentProblems(root: string): string[] {
  const contentDir = path.resolve(root, CONTENT_ROOT);
  const show = (file: string) => path.relative(root, file).split(path.sep).join("/");
  const { files } = readContent(contentDir, show);
  const marked = files.filter((f) => f.collection === "municipalities").flatMap(markedPlaceholders);
  const mistakes = checkContent(contentDir, show).map(
    (p) => `${[p.file, p.line && `ред ${p.line}`].filter(Boolean).join(", ")}: ${p.message}`,
  );
  return [...marked, ...mistakes];
}

export interface Preflight {
  /** The public origin to build and deploy with; null when it has problems. */
  origin: string | null;
  problems: string[];
}

export function preflight(root: string, env: NodeJS.ProcessEnv): Preflight {
  const { origin, problems } = originProblems(env);
  return { origin, problems: [...problems, ...configProblems(readWranglerConfig(root)), ...contentProblems(root)] };
}
