/**
 * Bulgarian messages that survive Astro's content validation. Astro passes its own
 * (English) error map to every parse, and only an error set on a schema itself outranks
 * it, so every type in the content schemas takes `bg` as its error parameter.
 */
import { z } from "astro/zod";

const locale = z.locales.bg().localeError;

export const MISSING = "Задължително поле – липсва";

export const bg = {
  error: (issue: Parameters<typeof locale>[0]) => {
    if (issue.input === undefined) return MISSING;
    if (issue.code === "unrecognized_keys") return `Непознато поле: ${issue.keys.join(", ")} (проверете изписването)`;
    return locale(issue);
  },
};

/** The same, with our own message for a wrong value. */
export const bgMessage = (message: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? MISSING : message),
});

/** An object that rejects unknown fields: a misspelled field must not vanish silently. */
export const strictObject = <Shape extends z.core.$ZodLooseShape>(shape: Shape) => z.strictObject(shape, bg);
