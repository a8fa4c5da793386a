/**
 * The fields of charters and services, with their rules. src/content.config.ts gives them
 * to Astro; the content check (src/integrations/content-check.ts) reads their names before
 * Astro runs, which it cannot do through the content config (that needs `astro:content`).
 * So `municipality` is a parameter: Astro's reference() there, any text schema here.
 */
import { z } from "astro/zod";
import { SUBMISSION_KINDS } from "../shared/municipality.ts";
import { bg, strictObject } from "../shared/zod-bg.ts";

/** A calendar date written in frontmatter as YYYY-MM-DD (YAML turns it into a Date). */
const isoDate = z.preprocess(
  (value) => (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(value) : value),
  z.date({
    error: "Датата трябва да е във формат ГГГГ-ММ-ДД, напр. 2015-01-29",
  }),
);

export const charterSchema = <Municipality extends z.ZodType>(municipality: Municipality) =>
  strictObject({
    /** The municipality whose charter this is (the file name in content/municipalities, without .json). */
    municipality,
    /** Title as the document states it. */
    title: z.string(bg).min(5),
    /** Who approved the charter, e.g. "Кмет на Община Костинброд". */
    approvedBy: z.string(bg).min(3),
    /** The date of approval, YYYY-MM-DD. */
    approvedOn: isoDate,
    /** Quality certificates the document lists (standard and certificate number). */
    certificates: z
      .array(
        strictObject({
          /** The standard, e.g. "ISO 9001:2008". */
          standard: z.string(bg),
          /** The certificate's number, when stated. */
          number: z.string(bg).optional(),
        }),
      )
      .default([]),
    /** A one-sentence summary for search results and link previews. */
    description: z.string(bg).min(10),
    /** What the charter speaks of, in residents' words, for the A–Z index (its headings are not topics). */
    topics: z.array(z.string(bg).min(2), bg).default([]),
    /** An editor's note shown after the text (e.g. that the available text is incomplete). */
    editorialNote: z.string(bg).optional(),
  });

export const serviceSchema = <Municipality extends z.ZodType>(municipality: Municipality) =>
  strictObject({
    /** The municipality that provides the service. */
    municipality,
    /** Unique number in the national register of administrative services (ИИСДА), when it has one. */
    iisdaNumber: z.number(bg).int().positive().optional(),
    /** Name of the service, as a resident would look for it. */
    title: z.string(bg).min(5),
    /** What the service is, in one or two sentences. */
    description: z.string(bg).min(10),
    /** Words residents use for this service, for the A–Z index and search. */
    topics: z.array(z.string(bg).min(2), bg).default([]),
    /** Who may apply. */
    whoMayApply: z.string(bg).optional(),
    /** Laws and documents the service rests on. */
    legalBasis: z.array(z.string(bg), bg).default([]),
    /** Documents to bring or attach. */
    documents: z.array(z.string(bg), bg).optional(),
    /** How to apply: in person, by post, e-mail, online… */
    channels: z.array(z.string(bg), bg).optional(),
    /** How long the administration takes, with the source of that deadline. */
    deadline: strictObject({
      /** The deadline in words, e.g. "14 дни от получаване на заявлението". */
      text: z.string(bg),
      /** Legal source of the deadline, e.g. "ЗДОИ, чл. 28, ал. 1". */
      source: z.string(bg),
    }).optional(),
    /** The fee, in words; omitted when not stated by a source. */
    fee: z.string(bg).optional(),
    /** What the resident receives at the end. */
    result: z.string(bg).optional(),
    /** How long the result is valid. */
    validity: z.string(bg).optional(),
    /** How and where the result can be appealed. */
    appeal: z.string(bg).optional(),
    /** The submission form this service leads to, if any. */
    form: z.enum(SUBMISSION_KINDS, bg).optional(),
  });

/** A word or phrase as residents type it: lower case, words one space apart, no punctuation. */
const searchPhrase = z
  .string(bg)
  .regex(
    /^[а-яѝa-z0-9]+( [а-яѝa-z0-9]+)*$/,
    "Пишете с малки букви, думите с по един интервал и без препинателни знаци, напр. „работно време“",
  );

/** content/search/synonyms.json: the words search treats as one, and the questions it understands. */
export const synonymsSchema = strictObject({
  /**
   * Groups of words and phrases that mean the same to a resident, e.g.
   * ["жалба", "оплакване", "оплача"]. When a search finds nothing for the words as typed,
   * it tries the other members of their group. A word belongs to one group only.
   */
  synonyms: z.array(z.array(searchPhrase, bg).min(2, "Една група има поне две думи или израза"), bg),
  /**
   * How questions are asked and what they ask for, e.g. { "ask": "в колко часа",
   * "means": "работно време" }: the words of `ask` in a query are searched as `means`.
   * Without `means` (e.g. "искам да"), `ask` is only a way of asking: its words are not
   * searched, and the words after it are what the resident wants to do.
   */
  questions: z.array(strictObject({ ask: searchPhrase, means: searchPhrase.optional() }), bg),
});
