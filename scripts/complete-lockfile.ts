/**
 * `node scripts/complete-lockfile.ts` after `npm install`: the registry mirror on our
 * build machines only carries the linux-x64 builds of platform-specific packages, so
 * npm leaves the other platforms' optional packages out of package-lock.json — and
 * `npm ci` then refuses the lock as out of sync. This adds the missing entries with
 * their os/cpu, so npm skips them on every other platform without fetching anything.
 */
import { readFileSync, writeFileSync } from "node:fs";

interface LockEntry {
  version?: string;
  dev?: boolean;
  optional?: boolean;
  os?: string[];
  cpu?: string[];
  libc?: string[];
  optionalDependencies?: Record<string, string>;
}
const file = "package-lock.json";
const lock = JSON.parse(readFileSync(file, "utf8")) as { packages: Record<string, LockEntry> };
const packages = lock.packages;

/** os, cpu and libc from a platform package's name, e.g. "cli-linux-arm64-musl". */
function platformOf(name: string): Pick<LockEntry, "os" | "cpu" | "libc"> {
  const tokens = name.split("/").at(-1)?.split("-") ?? [];
  const os = tokens.find((t) => ["android", "darwin", "linux", "freebsd", "win32", "windows"].includes(t));
  const cpu = tokens.find((t) => ["arm64", "x64", "64", "wasm32", "ia32", "arm"].includes(t));
  const libc = tokens.includes("musl") ? "musl" : tokens.includes("gnu") ? "glibc" : undefined;
  return {
    ...(os ? { os: [os === "windows" ? "win32" : os] } : {}),
    ...(cpu ? { cpu: [cpu === "64" ? "x64" : cpu] } : {}),
    ...(libc ? { libc: [libc] } : {}),
  };
}

/** Where Node finds `dep` from the package at `from`, walking up node_modules. */
function location(from: string, dep: string): string | undefined {
  let dir = from;
  for (;;) {
    const at = `${dir ? `${dir}/` : ""}node_modules/${dep}`;
    if (packages[at]) return at;
    if (!dir) return undefined;
    const cut = dir.lastIndexOf("/node_modules/");
    dir = cut === -1 ? "" : dir.slice(0, cut);
  }
}

let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  const optional = Object.entries(entry.optionalDependencies ?? {});
  // The installed sibling (this machine's platform) shows where npm put this package's
  // platform builds: the missing ones belong beside it.
  const sibling = optional
    .map(([dep, version]) => ({ at: location(path, dep), version }))
    .find(({ at, version }) => at && packages[at]?.version === version)?.at;
  const base = sibling ? sibling.slice(0, sibling.lastIndexOf("node_modules/")) : "";
  for (const [dep, version] of optional) {
    const found = location(path, dep);
    // Platform builds are pinned to an exact version; ranges are ordinary optional deps.
    if (!/^\d+\.\d+\.\d+/.test(version) || (found && packages[found]?.version === version)) continue;
    packages[`${base}node_modules/${dep}`] = {
      version,
      ...(entry.dev ? { dev: true } : {}),
      optional: true,
      ...platformOf(dep),
    };
    added += 1;
  }
}
writeFileSync(file, stringifyLikeNpm(lock));
console.log(`package-lock.json: added ${added} optional platform package(s).`);

/**
 * The lock as npm itself writes it (its `json-stringify-nice` with arborist's key order):
 * `name`, `version`, `lockfileVersion`, `resolved`, `integrity`, `requires`, `packages`,
 * `dependencies` first, then every other key in `localeCompare("en")` order, objects after
 * scalars and arrays. Written any other way, the next `npm install` reorders the keys and
 * a fresh clone shows package-lock.json as changed.
 */
function stringifyLikeNpm(value: unknown): string {
  const first = ["name", "version", "lockfileVersion", "resolved", "integrity", "requires", "packages", "dependencies"];
  const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);
  const rank = (key: string) => (first.includes(key) ? first.indexOf(key) : first.length);
  const compare = ([a, av]: [string, unknown], [b, bv]: [string, unknown]) => {
    if (isObject(av) !== isObject(bv)) return isObject(av) ? 1 : -1;
    return rank(a) - rank(b) || (rank(a) < first.length ? 0 : a.localeCompare(b, "en"));
  };
  const sorted = (_key: string, v: unknown) => (isObject(v) ? Object.fromEntries(Object.entries(v).sort(compare)) : v);
  return `${JSON.stringify(value, sorted, 2)}\n`;
}
