/** Checks each field with its own schema, so that every mistake is reported at once. */

import type * as z from "zod/mini";
import { ERRORS } from "./messages";
import type { RawInput } from "./schema";

export function parseFields<S extends Record<string, z.ZodMiniType>>(
  schemas: S,
  input: RawInput,
): { values: Partial<{ [K in keyof S]: z.output<S[K]> }>; errors: Partial<Record<keyof S, string>> } {
  const values: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const field of Object.keys(schemas)) {
    const result = (schemas[field] as z.ZodMiniType).safeParse(input[field]);
    if (result.success) values[field] = result.data;
    else errors[field] = result.error.issues[0]?.message ?? ERRORS.notText;
  }
  return { values, errors } as never;
}
