/** Field names, limits and the endpoints the forms post to. */

/** The submission form's fields, named exactly as the API accepts them. */
export const FIELD_NAMES = [
  "municipality",
  "kind",
  "subject",
  "message",
  "name",
  "email",
  "phone",
  "address",
  "anonymous",
  "health_risk",
  "rating",
] as const;
export type FieldName = (typeof FIELD_NAMES)[number];

/** Hidden from people, tempting to bots: a filled value means the post is not from a resident. */
export const HONEYPOT_FIELD = "website";

/** Optional Cloudflare Turnstile token, when the deployment turns Turnstile on. */
export const TURNSTILE_FIELD = "cf-turnstile-response";

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

/** Largest request body the Worker reads (the longest message, percent-encoded, fits easily). */
export const BODY_LIMIT_BYTES = 64 * 1024;

export const SUBMISSIONS_ENDPOINT = "/api/submissions";
export const FEEDBACK_ENDPOINT = "/api/feedback";
export const PRIVACY_PATH = "/lichni-danni/";

/** Where a resident reads their receipt; the token is random and the page shows no personal data. */
export const receiptPath = (token: string) => `/potvarzhdenie/${token}/`;
/** Where a resident lands after page feedback sent without JavaScript. */
export const FEEDBACK_THANKS_PATH = "/obratna-vrazka/blagodarim/";

/** The page-feedback form's fields. */
export const FEEDBACK_FIELDS = ["page", "useful", "comment"] as const;
export type FeedbackField = (typeof FEEDBACK_FIELDS)[number];
