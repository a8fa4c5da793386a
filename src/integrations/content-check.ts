/**
 * Checks every content file before Astro reads it and fails the build with one list of
 * the editors' mistakes, each in Bulgarian with the file, the line and what to write
 * instead (docs/redaktori.md explains them all). It runs in `astro:config:done`, which
 * comes before the content sync of `astro build`, `astro sync`, `astro check` and
 * `astro dev` alike, so the mistakes it knows never reach Astro's own, English reports.
 * What it does not know (a missing field, a wrong date) is left to the schemas.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import { z } from "astro/zod";
import { calendarSchema } from "../lib/calendar-schema.ts";
import { CONTENT_ROOT } from "../lib/content-root.ts";
import { accessibilitySchema, charterSchema, serviceSchema, synonymsSchema } from "../lib/content-schemas.ts";
import { municipalitySchema } from "../shared/municipality.ts";
import { missingStatements, staleStatements } from "./accessibility-statements.ts";
import { boldOnlyParagraphs } from "./bold-headings.ts";
import { misnamedCalendars } from "./calendar-files.ts";
import { type Collection, type Problem, readContent } from "./content-files.ts";
import { brokenReferences } from "./content-references.ts";
import { unmarkedExampleAddresses } from "./example-addresses.ts";
import { bareBraces } from "./mdx-text.ts";
import { placeholders } from "./placeholders.ts";
import { staffListedTwice } from "./staff-addresses.ts";
import { repeatedSynonyms } from "./synonyms.ts";
import { type KnownFields, unknownFields } from "./unknown-fields.ts";

/** The top-level fields of each collection, from the schemas Astro validates with. */
const SHAPES: Record<Collection, { label: string; shape: Record<string, z.ZodType> }> = {
  municipalities: { label: "община", shape: municipalitySchema.shape },
  charters: { label: "харта", shape: charterSchema(z.string()).shape },
  services: { label: "услуга", shape: serviceSchema(z.string()).shape },
  calendar: { label: "календар", shape: calendarSchema.shape },
  accessibility: { label: "декларация за достъпност", shape: accessibilitySchema(z.string()).shape },
  search: { label: "синоними", shape: synonymsSchema.shape },
};

const KNOWN = Object.fromEntries(
  Object.entries(SHAPES).map(([collection, { label, shape }]) => [collection, { label, names: Object.keys(shape) }]),
) as Record<Collection, KnownFields>;

const isOptional = (collection: Collection, field: string) =>
  SHAPES[collection].shape[field]?.safeParse(undefined).success ?? true;

/**
 * The content under `contentDir`, read once: every mistake the check knows (`errors`, in file
 * and line order, which stop the build) and what editors should see to but does not stop it
 * (`warnings`: statements due for review).
 */
export function reviewContent(
  contentDir: string,
  show: (file: string) => string,
  today = new Date(),
): { errors: Problem[]; warnings: Problem[] } {
  const { files, problems } = readContent(contentDir, show);
  const errors = [
    ...problems,
    ...brokenReferences(files, show(path.join(contentDir, "municipalities"))),
    ...unknownFields(files, KNOWN),
    ...placeholders(files, isOptional),
    ...bareBraces(files),
    ...boldOnlyParagraphs(files),
    ...staffListedTwice(files),
    ...misnamedCalendars(files),
    ...unmarkedExampleAddresses(files),
    ...missingStatements(files, show(path.join(contentDir, "accessibility"))),
    ...repeatedSynonyms(files),
  ].sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
  return { errors, warnings: staleStatements(files, today) };
}

export const checkContent = (contentDir: string, show: (file: string) => string): Problem[] =>
  reviewContent(contentDir, show).errors;

export const contentWarnings = (contentDir: string, show: (file: string) => string, today = new Date()): Problem[] =>
  reviewContent(contentDir, show, today).warnings;

const where = (p: Problem) =>
  [p.file, p.line && `ред ${p.line}`, p.column && `знак ${p.column}`].filter(Boolean).join(", ");

/**
 * The error that stops the build. It has no stack, which would point editors at this
 * file, and its toString() leaves the list out: Astro's CLI adds a hint about
 * `client:only` to any error whose text says "document", as the field `documents` does.
 */
class ContentError extends Error {
  constructor(problems: Problem[]) {
    super(
      `Грешки в съдържанието (${problems.length}) – сайтът не е построен:\n` +
        problems.map((p) => `- ${where(p)}: ${p.message}`).join("\n") +
        "\nКакво значи всяка грешка и как се поправя: docs/redaktori.md, „Как да разчетете съобщение за грешка“.",
    );
    this.name = "ContentError";
    this.stack = "";
  }
  override toString() {
    return this.name;
  }
}

export default function contentCheck(): AstroIntegration {
  return {
    name: "harta:content-check",
    hooks: {
      "astro:config:done": ({ config, logger }) => {
        const root = fileURLToPath(config.root);
        const show = (file: string) => {
          const relative = path.relative(root, file);
          return relative.startsWith("..") || path.isAbsolute(relative) ? file : relative.split(path.sep).join("/");
        };
        const dir = path.resolve(root, CONTENT_ROOT);
        const { errors, warnings } = reviewContent(dir, show);
        if (errors.length) throw new ContentError(errors);
        for (const warning of warnings) logger.warn(`${where(warning)}: ${warning.message}`);
      },
    },
  };
}
