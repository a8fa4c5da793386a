/**
 * The municipality data model: contacts, working hours, the incoming-number index,
 * answer deadlines and staff routing. The Astro content layer validates
 * content/municipalities/*.json with it at build time and publishes the result for the
 * Worker (src/pages/harta-data/municipalities.json.ts); the Worker uses only the type.
 */
import { z } from "astro/zod";
import { SUBMISSION_KINDS } from "./kinds.ts";
import { bg, bgMessage, strictObject } from "./zod-bg.ts";

export { SUBMISSION_KINDS, type SubmissionKind } from "./kinds.ts";

export const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const clock = z.string(bg).regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Часът трябва да е във формат ЧЧ:ММ, напр. 08:30");

const period = strictObject({
  /** Start of the period, "ЧЧ:ММ". */
  from: clock,
  /** End of the period, "ЧЧ:ММ". */
  to: clock,
});

const openingDay = strictObject({
  /** When the administration opens, "ЧЧ:ММ". */
  open: clock,
  /** When the administration closes, "ЧЧ:ММ". */
  close: clock,
  /** Breaks during the day (e.g. lunch), when clients are not served. */
  breaks: z.array(period, bg).default([]),
});

const deadline = strictObject({
  /** How long the administration has to answer. */
  amount: z.number(bg).int().positive(),
  /** The unit of `amount`: calendar days or months. */
  unit: z.enum(["days", "months"], bg),
  /** The legal source of the deadline, shown to residents, e.g. "АПК, чл. 118". */
  source: z.string(bg).min(3),
});

const email = z.email(bgMessage("Невалиден адрес на електронна поща"));

export const STAFF_ROLES = ["clerk", "manager"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

const staffMember = strictObject({
  /** The address the sign-in link goes to; it signs in to this municipality only. */
  email,
  /** As the registry shows it, e.g. "Мария Петрова, деловодител". */
  name: z.string(bg).min(3),
  /** `clerk` works submissions; `manager` also sees the whole record and exports. */
  role: z.enum(STAFF_ROLES, bg),
});

/**
 * The fields that may still hold example values in shipped content: the ones only the
 * municipality can give (its file index, who receives and answers, how long data is kept).
 */
export const PLACEHOLDER_FIELDS = ["registryIndex", "recipients", "staff", "personalDataRetention"] as const;
export type PlaceholderField = (typeof PLACEHOLDER_FIELDS)[number];

const retention = strictObject({
  /** Months after a submission is closed until its personal data is blanked. */
  months: z.number(bg).int().min(1).max(240),
  /** Where the period comes from, shown in the privacy notice, e.g. the file nomenclature. */
  basis: z.string(bg).min(3),
});

export const municipalitySchema = strictObject({
  /** Official name, e.g. "Община Костинброд". */
  name: z.string(bg).min(3),
  /** The name in the locative-free short form used in sentences, e.g. "Костинброд". */
  shortName: z.string(bg).min(2),
  /** Province (област), e.g. "Софийска област". */
  province: z.string(bg).min(3),
  /** Postal address of the administration, one line as it is written on letters. */
  address: z.string(bg).min(5),
  /** Public telephone numbers; empty when the charter gives none. */
  phones: z.array(z.string(bg).regex(/^[0-9 +()-]{6,}$/, "Невалиден телефонен номер"), bg).default([]),
  /** Fax number, when the municipality publishes one. */
  fax: z.string(bg).optional(),
  /** Public e-mail address, when the municipality publishes one. */
  email: email.optional(),
  /** Official website. */
  website: z.url(bgMessage("Невалиден адрес на уебсайт")),
  /** Opening hours per weekday; a missing day is a closed day. Omit entirely when unknown. */
  workingHours: z.partialRecord(z.enum(WEEKDAYS, bg), openingDay, bg).optional(),
  /** Where the working hours come from (e.g. the charter), shown beside them. */
  workingHoursSource: z.string(bg).optional(),
  /**
   * Index from the municipality's file nomenclature, the first part of an incoming
   * number `INDEX-SEQ/DD.MM.YYYY`, e.g. "94-00".
   */
  registryIndex: z
    .string()
    .regex(/^[0-9А-Яа-яA-Za-z]+(-[0-9А-Яа-яA-Za-z]+)*$/, "Индексът е от цифри/букви и тирета, напр. 94-00"),
  /** Answer deadlines per kind of submission; kinds without one (praise, surveys) get no deadline. */
  deadlines: z.partialRecord(z.enum(SUBMISSION_KINDS, bg), deadline, bg),
  /** Staff e-mail recipients per kind of submission: every kind must be routed to someone. */
  recipients: z.record(z.enum(SUBMISSION_KINDS, bg), z.array(email, bg).min(1), bg),
  /** Who signs in to the registry (/sluzhiteli/). An address may be listed once, in one municipality. */
  staff: z
    .array(staffMember, bg)
    .default([])
    .refine((list) => new Set(list.map((s) => s.email.toLowerCase())).size === list.length, {
      message: "Един и същ адрес е записан два пъти в „staff“",
    }),
  /** How long personal data is kept once a submission is closed; the privacy notice states it. */
  personalDataRetention: retention,
  /**
   * Fields whose values are still examples, not the municipality's own: the site builds and
   * runs with them locally, `npm run deploy` refuses to publish them. An address on an example
   * domain (`.example`) in `recipients` or `staff` must be marked here. Remove a field's name
   * once its real value is in.
   */
  placeholders: z.array(z.enum(PLACEHOLDER_FIELDS, bg), bg).default([]),
});

type MunicipalityData = z.infer<typeof municipalitySchema>;
export type AnswerDeadline = z.infer<typeof deadline>;
export type StaffMember = z.infer<typeof staffMember>;

/** A municipality as both halves see it: validated, with the schema's defaults, and its id (the file name). */
export type Municipality = MunicipalityData & { id: string };
