/**
 * The submission form's fields: the one list that the schema, the renderer, the
 * database table module and the fingerprint all derive from. Adding a field starts here.
 */

/** Each field named exactly as the API accepts it, with how it is stored in D1. */
export const FIELD_TYPES = {
  municipality: "text",
  kind: "text",
  subject: "text",
  message: "text",
  name: "text",
  email: "text",
  phone: "text",
  address: "text",
  /** Yes/no fields are stored as 0/1. */
  anonymous: "flag",
  health_risk: "flag",
  /** 1–5, or NULL. */
  rating: "number",
} as const;

export type FieldName = keyof typeof FIELD_TYPES;
export const FIELD_NAMES = Object.keys(FIELD_TYPES) as FieldName[];

/** The fields that identify the resident: the ones blanked when personal data expires. */
export const CONTACT_FIELDS = ["name", "email", "phone", "address"] as const satisfies readonly FieldName[];

/** Hidden from people, tempting to bots: a filled value means the post is not from a resident. */
export const HONEYPOT_FIELD = "website";

/** Optional Cloudflare Turnstile token, when the deployment turns Turnstile on. */
export const TURNSTILE_FIELD = "cf-turnstile-response";

/**
 * A random id the form script gives each loaded form. Two posts from the same loaded
 * form are one submission (a double click, a retry); without it, only the same
 * resident's identity can make a repeat.
 */
export const FORM_LOAD_FIELD = "form_load";

/** Maximum lengths in characters (after trimming). */
export const LIMITS = {
  subject: 150,
  message: 5000,
  name: 120,
  email: 254,
  phone: 30,
  address: 300,
  /** The page-feedback comment. */
  comment: 1000,
  /** The page-feedback page path. */
  page: 300,
} as const;

export const RATINGS = [1, 2, 3, 4, 5] as const;
export type Rating = (typeof RATINGS)[number];

export const SUBMISSIONS_ENDPOINT = "/api/submissions";
export const FEEDBACK_ENDPOINT = "/api/feedback";
export const PRIVACY_PATH = "/lichni-danni/";

/** The page-feedback form's fields. */
export const FEEDBACK_FIELDS = ["page", "useful", "comment"] as const;
export type FeedbackField = (typeof FEEDBACK_FIELDS)[number];
