/**
 * The five kinds of submission and everything that differs between them: the words
 * that name them, what each form asks for, and how each is handled once sent. Code
 * asks the spec ("does this kind get an incoming number?"), never `kind === "praise"`.
 * Zod-free, so the Worker and the form script import it without the content model.
 */
import { ERRORS, HINTS, LABELS } from "./forms/messages.ts";

/** In the order of the forms. */
export const SUBMISSION_KINDS = ["complaint", "signal", "proposal", "praise", "survey"] as const;
export type SubmissionKind = (typeof SUBMISSION_KINDS)[number];

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
  /** The form's first sentence: when to use this kind. */
  intro: string;
  identity: IdentityRule;
  subject: Presence;
  /** The subject field's label, when the form shows one. */
  subjectLabel: string;
  message: Presence;
  messageLabel: string;
  messageHint: string;
  /** What the summary says when a required message is missing. */
  messageMissing: string;
  /** Surveys ask for a rating from 1 to 5. */
  rating: boolean;
  /**
   * Correspondence gets an incoming number, a deadline where the municipality sets one,
   * e-mails to staff and an acknowledgement. Feedback (surveys) is only counted for the
   * yearly report: no number, no e-mail, a thank-you instead of a receipt.
   */
  correspondence: boolean;
  /** The municipality answers it in writing (within the deadline its content sets). */
  expectsAnswer: boolean;
  /** For kinds that expect no answer: what the municipality does with it, after its name. */
  thanks?: string;
}

const STRICT_IDENTITY = {
  identity: "required-unless-anonymous-risk",
  subject: "required",
  subjectLabel: LABELS.subject,
  message: "required",
  messageLabel: LABELS.message,
  messageHint: HINTS.message,
  messageMissing: ERRORS.messageRequired,
  rating: false,
  correspondence: true,
  expectsAnswer: true,
} as const;

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
    intro:
      "Жалба подавате, когато сте недоволни от обслужването или от действие на служител на общинската администрация.",
    ...STRICT_IDENTITY,
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
    intro:
      "Сигнал е съобщение за злоупотреба с власт и корупция, лошо управление на общинско имущество или за други незаконосъобразни или нецелесъобразни действия или бездействия на служители (АПК, чл. 107).",
    ...STRICT_IDENTITY,
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
    intro: "Предложение правите, за да подобрите организацията и работата на администрацията (АПК, чл. 107).",
    ...STRICT_IDENTITY,
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
    intro: "Похвала за служител или за обслужването. Можете да я изпратите и без да посочвате името си.",
    identity: "optional",
    subject: "optional",
    subjectLabel: LABELS.subjectPraise,
    message: "required",
    messageLabel: LABELS.messagePraise,
    messageHint: HINTS.message,
    messageMissing: ERRORS.messagePraiseRequired,
    rating: false,
    correspondence: true,
    expectsAnswer: false,
    thanks: "отчита похвалите в годишния доклад за удовлетвореността на клиентите. Похвалите не изискват отговор.",
  },
  survey: {
    slug: "anketa",
    label: "Анкета",
    title: "Оценете обслужването",
    definite: "оценката",
    theSubject: "Оценката",
    yours: "Вашата оценка",
    registered: "записана",
    fresh: "Нова оценка на обслужването",
    intro: "Оценете обслужването от 1 до 5. Анкетата е анонимна: не питаме за име и данни за връзка.",
    identity: "none",
    subject: "absent",
    subjectLabel: LABELS.subject,
    message: "optional",
    messageLabel: LABELS.messageSurvey,
    messageHint: HINTS.messageSurvey,
    messageMissing: ERRORS.messageRequired,
    rating: true,
    correspondence: false,
    expectsAnswer: false,
    thanks: "отчита оценките в годишния доклад за удовлетвореността на клиентите.",
  },
};

export function isSubmissionKind(value: unknown): value is SubmissionKind {
  return typeof value === "string" && (SUBMISSION_KINDS as readonly string[]).includes(value);
}

/** The form page of one kind: `/kostinbrod/zhalba/`. */
export function formPath(municipalityId: string, kind: SubmissionKind): string {
  return `/${municipalityId}/${KIND_SPECS[kind].slug}/`;
}
