/** The hidden honeypot field (src/shared/partials/honeypot.ts) filled in: the post came from a bot. */
import { HONEYPOT_FIELD } from "../../src/shared/forms/fields";
import type { RawInput } from "../../src/shared/forms/schema";

export function isBot(input: RawInput): boolean {
  const v = input[HONEYPOT_FIELD];
  return v !== undefined && v !== null && v !== "" && v !== false;
}
