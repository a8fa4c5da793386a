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

/** How far a site complies with the standard, as the EU model statement names it. */
export const COMPLIANCE_STATUSES = ["full", "partial", "none"] as const;
/** Why content is not accessible, as the EU model statement groups it. */
export const INACCESSIBLE_REASONS = ["non-compliance", "disproportionate-burden", "out-of-scope"] as const;

/**
 * A municipality's accessibility statement (ЗЕУ, чл. 58в; the model of Implementing
 * Decision (EU) 2018/1523), one file per municipality in content/accessibility/. What the
 * page says around these facts (the commitment, how to report a barrier) is the page's.
 */
export const accessibilitySchema = <Municipality extends z.ZodType>(municipality: Municipality) =>
  strictObject({
    /** The municipality whose statement this is. */
    municipality,
    /** The standard the site is measured against, e.g. "EN 301 549 V3.2.1 (2021-03)". */
    standard: z.string(bg).min(5),
    /** `full`, `partial` or `none`: how far the site meets the standard. */
    status: z.enum(COMPLIANCE_STATUSES, bg),
    /** What is known not to be accessible; empty only when the status is `full`. */
    knownProblems: z
      .array(
        strictObject({
          /** What does not work, in words a resident recognises. */
          problem: z.string(bg).min(10),
          /** `non-compliance`, `disproportionate-burden` or `out-of-scope`. */
          reason: z.enum(INACCESSIBLE_REASONS, bg),
          /** Why, and what is being done about it. */
          explanation: z.string(bg).min(10),
          /** What a resident can do instead, if anything. */
          alternative: z.string(bg).optional(),
        }),
        bg,
      )
      .default([]),
    /** When the statement was first prepared, YYYY-MM-DD. */
    preparedOn: isoDate,
    /** When it was last reviewed, YYYY-MM-DD; the law asks for a review at least once a year. */
    reviewedOn: isoDate,
    /** `self-assessment` or `third-party`: who assessed the site. */
    method: z.enum(["self-assessment", "third-party"], bg),
    /** How the assessment was done (tools, pages, manual checks), in one or two sentences. */
    methodDetails: z.string(bg).min(10),
    /** The body residents turn to when the municipality's answer does not satisfy them. */
    enforcement: strictObject({
      /** Its name, as the ministry publishes it. */
      name: z.string(bg).min(5),
      /** Its postal address. */
      address: z.string(bg).min(5),
      /** Its website. */
      website: z.url(bg).optional(),
      /** Its e-mail address for such complaints, when it publishes one. */
      email: z.email(bg).optional(),
    }),
  })
    .refine((s) => (s.status === "full") === (s.knownProblems.length === 0), {
      path: ["knownProblems"],
      message:
        "при „status“: „full“ списъкът „knownProblems“ е празен; при „partial“ и „none“ в него е всичко, което не е достъпно",
    })
    .refine((s) => s.reviewedOn >= s.preparedOn, {
      path: ["reviewedOn"],
      message: "„reviewedOn“ (последен преглед) не може да е преди „preparedOn“ (изготвяне)",
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
