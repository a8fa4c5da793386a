/** The words of the EU model accessibility statement for the values of its content fields. */
import type { COMPLIANCE_STATUSES, INACCESSIBLE_REASONS } from "./content-schemas";

/** The statement's sentence on the compliance status, up to the standard's name. */
export const STATUS_TEXT: Record<(typeof COMPLIANCE_STATUSES)[number], string> = {
  full: "Сайтът е в пълно съответствие със стандарта",
  partial: "Сайтът е в частично съответствие със стандарта",
  none: "Сайтът не е в съответствие със стандарта",
};

/** The headings under which the model statement groups inaccessible content. */
export const REASON_HEADING: Record<(typeof INACCESSIBLE_REASONS)[number], string> = {
  "non-compliance": "Несъответствие с изискванията",
  "disproportionate-burden": "Непропорционална тежест",
  "out-of-scope": "Съдържание извън обхвата на изискванията",
};

export const METHOD_TEXT = {
  "self-assessment": "Самооценка на общината",
  "third-party": "Оценка от независима трета страна",
} as const;

/** A statement not reviewed for more than a year is out of date (ЗЕУ, чл. 58в, ал. 4). */
export const REVIEW_EVERY_DAYS = 365;
