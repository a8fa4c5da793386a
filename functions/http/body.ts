/**
 * Reads a posted form or JSON object strictly: only UTF-8, only the two content
 * types the site uses, and a clear Bulgarian reason when anything is wrong.
 */

import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { RawInput } from "../../src/shared/forms/schema";
import type { AppEnv } from "../env";
import { REQUEST_ERRORS } from "./messages";
import { problem } from "./respond";

/** Largest request body the Worker reads (the longest message, percent-encoded, fits easily). */
export const BODY_LIMIT_BYTES = 64 * 1024;

/** Refuses a body over the limit with 413 and a Bulgarian message, before it is read. */
export const limitedBody = () =>
  bodyLimit({
    maxSize: BODY_LIMIT_BYTES,
    onError: (c) => problem(c as Context<AppEnv>, { status: 413, message: REQUEST_ERRORS.tooLarge }),
  });

export type BodyFormat = "form" | "json";

export type BodyResult =
  | { ok: true; format: BodyFormat; input: RawInput }
  | { ok: false; status: 400 | 415; message: string };

/** "application/x-www-form-urlencoded; charset=UTF-8" → format, or null when unsupported. */
export function bodyFormat(contentType: string | null): BodyFormat | null {
  if (!contentType) return null;
  const [type = "", ...params] = contentType.split(";").map((s) => s.trim().toLowerCase());
  const charset = params
    .find((p) => p.startsWith("charset="))
    ?.slice(8)
    .replace(/"/g, "");
  if (charset && charset !== "utf-8" && charset !== "utf8") return null;
  if (type === "application/x-www-form-urlencoded") return "form";
  if (type === "application/json") return "json";
  return null;
}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

export async function readBody(request: Request): Promise<BodyResult> {
  const format = bodyFormat(request.headers.get("content-type"));
  if (!format) return { ok: false, status: 415, message: REQUEST_ERRORS.unsupportedType };
  let text: string;
  try {
    text = utf8.decode(await request.arrayBuffer());
  } catch {
    return { ok: false, status: 400, message: REQUEST_ERRORS.badEncoding };
  }
  if (format === "json") {
    try {
      const value: unknown = JSON.parse(text);
      if (value === null || typeof value !== "object" || Array.isArray(value)) {
        return { ok: false, status: 400, message: REQUEST_ERRORS.badJson };
      }
      return { ok: true, format, input: value as RawInput };
    } catch {
      return { ok: false, status: 400, message: REQUEST_ERRORS.badJson };
    }
  }
  const input = parseUrlEncoded(text);
  return input ? { ok: true, format, input } : { ok: false, status: 400, message: REQUEST_ERRORS.badEncoding };
}

/**
 * Like URLSearchParams, but refuses percent-escapes that are not UTF-8 instead of
 * silently turning them into "�". The first value of a repeated name wins.
 */
export function parseUrlEncoded(body: string): Record<string, string> | null {
  const out: Record<string, string> = Object.create(null);
  if (body === "") return out;
  for (const pair of body.split("&")) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    const rawName = eq < 0 ? pair : pair.slice(0, eq);
    const rawValue = eq < 0 ? "" : pair.slice(eq + 1);
    try {
      const name = decodeURIComponent(rawName.replace(/\+/g, " "));
      if (!(name in out)) out[name] = decodeURIComponent(rawValue.replace(/\+/g, " "));
    } catch {
      return null;
    }
  }
  return out;
}
