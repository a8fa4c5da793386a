/**
 * An address on an example domain (`…@kostinbrod.example`) never receives mail. Shipped
 * content uses such addresses where the municipality's real staff go, and each field that
 * holds one must be listed in `placeholders`: then `npm run deploy` knows, without
 * guessing, that the field is still to be filled in, and refuses to publish it.
 */
import { isExampleAddress } from "../lib/example-domains.ts";
import type { ContentFile, Problem } from "./content-files.ts";

/** The addresses a field lists: `recipients` per kind, `staff` by their `email`. */
const ADDRESSES: Record<"recipients" | "staff", (value: unknown) => unknown[]> = {
  recipients: (value) => (value && typeof value === "object" ? Object.values(value).flat() : []),
  staff: (value) =>
    Array.isArray(value)
      ? value.map((s) => (s && typeof s === "object" ? (s as { email?: unknown }).email : undefined))
      : [],
};

export function unmarkedExampleAddresses(files: ContentFile[]): Problem[] {
  return files
    .filter((file) => file.collection === "municipalities" && file.fields)
    .flatMap((file) => {
      const fields = file.fields ?? {};
      const marked = Array.isArray(fields.placeholders) ? fields.placeholders : [];
      return Object.entries(ADDRESSES).flatMap(([field, addresses]) => {
        if (marked.includes(field)) return [];
        const examples = [
          ...new Set(addresses(fields[field]).filter((a): a is string => typeof a === "string" && isExampleAddress(a))),
        ];
        return examples.map((address): Problem => {
          const index = file.lines.findIndex((l) => l.toLowerCase().includes(address.toLowerCase()));
          return {
            file: file.shown,
            ...(index < 0 ? {} : { line: index + 1 }),
            message:
              `адресът ${address} в „${field}“ е примерен: на него поща не пристига. Запишете истинския адрес, ` +
              `даден от общината, или, докато го нямате, добавете "${field}" в „placeholders“: тогава сайтът ` +
              "се построява, но npm run deploy отказва да го публикува.",
          };
        });
      });
    });
}
