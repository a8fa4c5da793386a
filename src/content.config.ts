/**
 * The content model. Every file under content/ is validated here at build time;
 * an invalid file stops the build with a message that names the file and the field
 * (in Bulgarian, through Zod's "bg" locale).
 */
import { defineCollection, reference } from "astro:content";
import { glob } from "astro/loaders";
import { z } from "astro/zod";
import { municipalitySchema } from "./shared/municipality";

z.config(z.locales.bg());

/** Tests point this at a fixture copy of content/ to check what invalid files do. */
const root = process.env.HARTA_CONTENT_DIR ?? "./content";

/** A calendar date written in frontmatter as YYYY-MM-DD (YAML turns it into a Date). */
const isoDate = z.preprocess(
  (value) => (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(value) : value),
  z.date({
    error: "Датата трябва да е във формат ГГГГ-ММ-ДД, напр. 2015-01-29",
  }),
);

const municipalities = defineCollection({
  loader: glob({ pattern: "*.json", base: `${root}/municipalities` }),
  schema: municipalitySchema,
});

const charters = defineCollection({
  loader: glob({ pattern: "*.mdx", base: `${root}/charters` }),
  schema: z.object({
    /** The municipality whose charter this is (the file name in content/municipalities, without .json). */
    municipality: reference("municipalities"),
    /** Title as the document states it. */
    title: z.string().min(5),
    /** Who approved the charter, e.g. "Кмет на Община Костинброд". */
    approvedBy: z.string().min(3),
    /** The date of approval, YYYY-MM-DD. */
    approvedOn: isoDate,
    /** Quality certificates the document lists (standard and certificate number). */
    certificates: z
      .array(
        z.object({
          /** The standard, e.g. "ISO 9001:2008". */
          standard: z.string(),
          /** The certificate's number, when stated. */
          number: z.string().optional(),
        }),
      )
      .default([]),
    /** A one-sentence summary for search results and link previews. */
    description: z.string().min(10),
    /** An editor's note shown after the text (e.g. that the available text is incomplete). */
    editorialNote: z.string().optional(),
  }),
});

const services = defineCollection({
  loader: glob({ pattern: "**/*.mdx", base: `${root}/services` }),
  schema: z.object({
    /** The municipality that provides the service. */
    municipality: reference("municipalities"),
    /** Unique number in the national register of administrative services (ИИСДА), when it has one. */
    iisdaNumber: z.number().int().positive().optional(),
    /** Name of the service, as a resident would look for it. */
    title: z.string().min(5),
    /** What the service is, in one or two sentences. */
    description: z.string().min(10),
    /** Words residents use for this service, for the A–Z index and search. */
    topics: z.array(z.string().min(2)).default([]),
    /** Who may apply. */
    whoMayApply: z.string().optional(),
    /** Laws and documents the service rests on. */
    legalBasis: z.array(z.string()).default([]),
    /** Documents to bring or attach. */
    documents: z.array(z.string()).optional(),
    /** How to apply: in person, by post, e-mail, online… */
    channels: z.array(z.string()).optional(),
    /** How long the administration takes, with the source of that deadline. */
    deadline: z
      .object({
        /** The deadline in words, e.g. "14 дни от получаване на заявлението". */
        text: z.string(),
        /** Legal source of the deadline, e.g. "ЗДОИ, чл. 28, ал. 1". */
        source: z.string(),
      })
      .optional(),
    /** The fee, in words; omitted when not stated by a source. */
    fee: z.string().optional(),
    /** What the resident receives at the end. */
    result: z.string().optional(),
    /** How long the result is valid. */
    validity: z.string().optional(),
    /** How and where the result can be appealed. */
    appeal: z.string().optional(),
    /** The submission form this service leads to, if any. */
    form: z.enum(["complaint", "signal", "proposal", "praise", "survey"]).optional(),
  }),
});

export const collections = { municipalities, charters, services };
