/**
 * `npm run deploy`: builds the site and deploys the Worker, but only with a real
 * public origin. Locally (npm start, npm test) links point to http://localhost:8787;
 * deployed as shipped, canonical links and the links in every e-mail would point
 * there too, so a deploy without HARTA_SITE_URL and PUBLIC_ORIGIN stops here.
 */
import { execFileSync } from "node:child_process";

/** Why an origin cannot be the public one, or null when it can. */
export function originProblem(name: string, value: string | undefined): string | null {
  if (!value) return `${name} is not set: give the site's public origin, e.g. ${name}=https://harta.obshtina.bg`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `${name}="${value}" is not a URL`;
  }
  if (url.protocol !== "https:") return `${name}="${value}" must use https://`;
  if (/^(localhost|127\.|\[::1\])/.test(url.hostname) || url.hostname.endsWith(".example")) {
    return `${name}="${value}" is a local or placeholder address, not the public one`;
  }
  if (url.origin !== value.replace(/\/$/, "")) return `${name}="${value}" must be an origin only (no path)`;
  return null;
}

function main(): void {
  const site = process.env.HARTA_SITE_URL;
  const origin = process.env.PUBLIC_ORIGIN ?? site;
  const problems = [originProblem("HARTA_SITE_URL", site), originProblem("PUBLIC_ORIGIN", origin)].filter(Boolean);
  if (site && origin && new URL(site).origin !== new URL(origin).origin) {
    problems.push(`HARTA_SITE_URL (${site}) and PUBLIC_ORIGIN (${origin}) must be the same origin`);
  }
  if (problems.length) {
    console.error(`Deploy stopped:\n${problems.map((p) => `- ${p}`).join("\n")}`);
    process.exit(1);
  }
  const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { stdio: "inherit", env: process.env });
  run("npx", ["astro", "build"]);
  run("npx", ["wrangler", "deploy", "--var", `PUBLIC_ORIGIN:${new URL(origin as string).origin}`]);
}

if (import.meta.main) main();
