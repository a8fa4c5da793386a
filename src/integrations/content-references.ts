/**
 * Every charter and service must name a municipality that has a file in
 * content/municipalities, and that file's name must be fit for a URL. Astro 7 checks
 * reference() targets only after loading, and then merely logs an English error and goes
 * on: `astro sync` and `astro check` pass, and `astro build` breaks later, with a stack
 * trace, and only if some page happens to look the municipality up. So every entry is
 * checked up front, by the content check (content-check.ts), with one Bulgarian message
 * per broken file.
 */
import path from "node:path";
import { type ContentFile, fieldLine, type Problem } from "./content-files.ts";

const FIELD = "municipality";

/** A municipality's id is its file name; it becomes part of every URL, hence the strict rule. */
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** `folder` is content/municipalities as messages print it. */
export function brokenReferences(files: ContentFile[], folder: string): Problem[] {
  const problems: Problem[] = [];
  const known = new Set<string>();
  for (const file of files.filter((f) => f.collection === "municipalities")) {
    // A file with a syntax mistake still names a municipality; that mistake is reported on its own.
    const name = path.basename(file.path);
    const id = name.slice(0, -".json".length);
    if (SLUG.test(id)) known.add(id);
    else
      problems.push({
        file: file.shown,
        message:
          `името на файла „${name}“ става адрес на страница; ` +
          "използвайте само малки латински букви, цифри и тирета, напр. kostinbrod.json.",
      });
  }
  const list = known.size ? [...known].sort().join(", ") : "(няма нито една)";

  for (const file of files.filter((f) => f.collection !== "municipalities")) {
    const value = file.fields?.[FIELD];
    // A missing or non-text value is the schema's job to report.
    if (typeof value !== "string" || known.has(value)) continue;
    const line = fieldLine(file, FIELD);
    problems.push({
      file: file.shown,
      ...(line === undefined ? {} : { line: line + 1 }),
      message:
        `полето „${FIELD}“ е „${value}“, но такава община няма ` +
        `(няма файл ${folder}/${value}.json). Познати общини: ${list}.`,
    });
  }
  return problems;
}
