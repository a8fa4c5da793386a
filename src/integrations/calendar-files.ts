/**
 * A calendar file is named by its year (content/calendar/2027.json holds "year": 2027),
 * so an editor finds a year where they expect it. Checked before Astro runs, with the
 * line of "year", instead of failing later while pages are generated.
 */
import path from "node:path";
import { type ContentFile, fieldLine, type Problem } from "./content-files.ts";

export function misnamedCalendars(files: ContentFile[]): Problem[] {
  return files
    .filter((f) => f.collection === "calendar" && typeof f.fields?.year === "number")
    .filter((f) => path.basename(f.path, ".json") !== String(f.fields?.year))
    .map((f) => {
      const line = fieldLine(f, "year");
      return {
        file: f.shown,
        ...(line === undefined ? {} : { line: line + 1 }),
        message: `файлът е за ${f.fields?.year} г. („year“), а се казва ${path.basename(f.path)}; преименувайте го на ${f.fields?.year}.json или поправете годината.`,
      };
    });
}
