/**
 * The five kinds of submission and what each form asks for. The list of kinds
 * itself is in ../submission-kinds.ts (routing and deadlines are per kind, too).
 */
import { SUBMISSION_KINDS, type SubmissionKind } from "../submission-kinds";

export { SUBMISSION_KINDS, type SubmissionKind };

/** Who the resident must say they are. */
export type IdentityRule =
  /** Name and an e-mail or postal address, unless anonymous *and* a threat to health and safety. */
  | "required-unless-anonymous-risk"
  /** Contact details are welcome but optional (praise). */
  | "optional"
  /** The form asks for no contact details (surveys). */
  | "none";

export type Presence = "required" | "optional" | "absent";

export interface KindSpec {
  /** The form's URL segment under the municipality, e.g. /kostinbrod/zhalba/. */
  slug: string;
  /** The word itself, capitalised: "Жалба". Used in e-mail subjects "[Жалба] вх. № …". */
  label: string;
  /** The page heading. */
  title: string;
  /** Lower-case noun with the article, as an object: "ще разгледа жалбата". */
  definite: string;
  /** The noun with the full article, opening a sentence: "Жалбата", "Сигналът"… */
  theSubject: string;
  /** "Вашата жалба", "Вашият сигнал"… */
  yours: string;
  /** The participle that agrees with the noun: "регистрирана", "регистриран"… */
  registered: string;
  /** Staff e-mails open with it: "Нова жалба", "Нов сигнал"… */
  fresh: string;
  identity: IdentityRule;
  subject: Presence;
  message: Presence;
  /** Surveys ask for a rating from 1 to 5. */
  rating: boolean;
}

export const KIND_SPECS: Record<SubmissionKind, KindSpec> = {
  complaint: {
    slug: "zhalba",
    label: "Жалба",
    title: "Подайте жалба",
    definite: "жалбата",
    theSubject: "Жалбата",
    yours: "Вашата жалба",
    registered: "регистрирана",
    fresh: "Нова жалба",
    identity: "required-unless-anonymous-risk",
    subject: "required",
    message: "required",
    rating: false,
  },
  signal: {
    slug: "signal",
    label: "Сигнал",
    title: "Подайте сигнал",
    definite: "сигнала",
    theSubject: "Сигналът",
    yours: "Вашият сигнал",
    registered: "регистриран",
    fresh: "Нов сигнал",
    identity: "required-unless-anonymous-risk",
    subject: "required",
    message: "required",
    rating: false,
  },
  proposal: {
    slug: "predlozhenie",
    label: "Предложение",
    title: "Направете предложение",
    definite: "предложението",
    theSubject: "Предложението",
    yours: "Вашето предложение",
    registered: "регистрирано",
    fresh: "Ново предложение",
    identity: "required-unless-anonymous-risk",
    subject: "required",
    message: "required",
    rating: false,
  },
  praise: {
    slug: "pohvala",
    label: "Похвала",
    title: "Изпратете похвала",
    definite: "похвалата",
    theSubject: "Похвалата",
    yours: "Вашата похвала",
    registered: "регистрирана",
    fresh: "Нова похвала",
    identity: "optional",
    subject: "optional",
    message: "required",
    rating: false,
  },
  survey: {
    slug: "anketa",
    label: "Анкета",
    title: "Оценете обслужването",
    definite: "оценката",
    theSubject: "Оценката",
    yours: "Вашата оценка",
    registered: "регистрирана",
    fresh: "Нова оценка на обслужването",
    identity: "none",
    subject: "absent",
    message: "optional",
    rating: true,
  },
};

export function isSubmissionKind(value: unknown): value is SubmissionKind {
  return typeof value === "string" && (SUBMISSION_KINDS as readonly string[]).includes(value);
}

/** The form page of one kind: `/kostinbrod/zhalba/`. */
export function formPath(municipalityId: string, kind: SubmissionKind): string {
  return `/${municipalityId}/${KIND_SPECS[kind].slug}/`;
}

/** The fields a kind's form shows; values for other fields are ignored. */
export function fieldsOf(kind: SubmissionKind): ReadonlySet<string> {
  const spec = KIND_SPECS[kind];
  const fields = ["municipality", "kind", "message"];
  if (spec.subject !== "absent") fields.push("subject");
  if (spec.rating) fields.push("rating");
  if (spec.identity !== "none") fields.push("name", "email", "phone", "address");
  if (spec.identity === "required-unless-anonymous-risk") fields.push("anonymous", "health_risk");
  return new Set(fields);
}
