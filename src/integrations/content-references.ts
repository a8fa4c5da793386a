/**
 * Fails the build when a charter or a service names a municipality that has no file in
 * content/municipalities. Astro 7 checks reference() targets only after loading, and then
 * merely logs an English error and goes on: `astro sync` and `astro check` pass, and
 * `astro build` breaks later, with a stack trace, and only if some page happens to look the
 * municipality up. So every entry is checked here, in `astro:config:done`, which runs before
 * the content sync of `astro build`, `astro sync`, `astro check` and `astro dev` alike,
 * with one Bulgarian message per broken file.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import { parseFrontmatter } from "astro/markdown";

/** Collections (folders under the content root) whose entries point at a municipality. */
const REFERRING = [
  { folder: "charters", recursive: false },
  { folder: "services", recursive: true },
] as const;

const FIELD = "municipality";

/** A municipality's id is its file name; it becomes part of every URL, hence the strict rule. */
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function mdxFiles(dir: string, recursive: boolean): string[] {
  let names: string[];
  try {
    names = readdirSync(dir, { recursive, encoding: "utf8" });
  } catch {
    return []; // No such folder: nothing refers to anything.
  }
  return names.filter((name) => name.endsWith(".mdx")).map((name) => path.join(dir, name));
}

/**
 * Every problem with municipality references under `contentDir`, one message per file.
 * `show` turns an absolute path into the form printed (relative to the project root).
 */
export function findBrokenReferences(contentDir: string, show: (file: string) => string): string[] {
  const problems: string[] = [];
  const municipalitiesDir = path.join(contentDir, "municipalities");
  const known = new Set<string>();
  let files: string[] = [];
  try {
    files = readdirSync(municipalitiesDir).filter((name) => name.endsWith(".json"));
  } catch {
    // No municipalities at all: every reference below is reported.
  }
  for (const name of files) {
    const id = name.slice(0, -".json".length);
    if (SLUG.test(id)) known.add(id);
    else
      problems.push(
        `${show(path.join(municipalitiesDir, name))}: името на файла „${name}“ става адрес на страница; ` +
          "използвайте само малки латински букви, цифри и тирета, напр. kostinbrod.json.",
      );
  }
  const list = known.size ? [...known].sort().join(", ") : "(няма нито една)";

  for (const { folder, recursive } of REFERRING) {
    for (const file of mdxFiles(path.join(contentDir, folder), recursive)) {
      let value: unknown;
      try {
        value = parseFrontmatter(readFileSync(file, "utf8")).frontmatter[FIELD];
      } catch {
        continue; // Broken YAML: Astro's own sync reports it with the line number.
      }
      // A missing or non-text value is the schema's job to report.
      if (typeof value !== "string" || known.has(value)) continue;
      problems.push(
        `${show(file)}: полето „${FIELD}“ е „${value}“, но такава община няма ` +
          `(няма файл ${show(path.join(municipalitiesDir, `${value}.json`))}). Познати общини: ${list}.`,
      );
    }
  }
  return problems;
}

export default function contentReferences(): AstroIntegration {
  return {
    name: "harta:content-references",
    hooks: {
      "astro:config:done": ({ config }) => {
        const root = fileURLToPath(config.root);
        // The same rule as src/content.config.ts, which tests point at a fixture copy.
        const contentDir = path.resolve(root, process.env.HARTA_CONTENT_DIR ?? "./content");
        const show = (file: string) => {
          const relative = path.relative(root, file);
          return relative.startsWith("..") || path.isAbsolute(relative) ? file : relative.split(path.sep).join("/");
        };
        const problems = findBrokenReferences(contentDir, show);
        if (problems.length) {
          throw new Error(`Грешки в съдържанието (${problems.length}):\n${problems.map((p) => `- ${p}`).join("\n")}`);
        }
      },
    },
  };
}
