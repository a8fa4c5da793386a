/** Random receipt tokens, and the key that tells a repeated post from a new submission. */
import { CONTACT_FIELDS, FIELD_NAMES, FORM_LOAD_FIELD } from "../../src/shared/forms/fields";
import type { RawInput, Submission } from "../../src/shared/forms/schema";
import { randomToken, sha256Hex } from "../tokens";

const BASE64URL = /^[A-Za-z0-9_-]{22}$/;
const FORM_LOAD = /^[A-Za-z0-9_-]{16,64}$/;

/** 128 random bits, base64url: the receipt page's address. Unguessable, no personal data. */
export const newReceiptToken = (): string => randomToken(16);

export const isReceiptToken = (value: string) => BASE64URL.test(value);

/** The loaded form's id (see FORM_LOAD_FIELD), or "" when absent or malformed. */
export function formLoadOf(input: RawInput): string {
  const v = input[FORM_LOAD_FIELD];
  return typeof v === "string" && FORM_LOAD.test(v) ? v : "";
}

/**
 * SHA-256 of everything that makes a post this resident's: every field, the loaded
 * form's id, and — when neither a form id nor any contact detail says who sent it —
 * the post's own token. So a double click or a retry of the same form, or the same
 * named resident sending the same text again, is one submission; two people who each
 * rate "5" without a comment, or send the same anonymous signal, are two.
 */
export async function dedupKey(s: Submission, formLoad: string, ownToken: string): Promise<string> {
  const known = formLoad !== "" || CONTACT_FIELDS.some((f) => s[f] !== "");
  const fields = FIELD_NAMES.map((f) => (f === "email" ? s.email.toLowerCase() : s[f]));
  const canonical = JSON.stringify([...fields, formLoad, known ? "" : ownToken]);
  return sha256Hex(canonical);
}
