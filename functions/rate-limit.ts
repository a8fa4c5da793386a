/** At most a few posts a minute per client address (the Workers Rate Limiting binding). */
import type { Bindings } from "./env";
import { logError } from "./log";

/** The binding's period (wrangler.toml `simple.period`). */
export const RETRY_AFTER_SECONDS = 60;

export function clientAddress(request: Request): string | null {
  return request.headers.get("cf-connecting-ip");
}

/** `scope` gives page feedback its own budget, so it never eats into a resident's submissions. */
export async function isRateLimited(env: Bindings, request: Request, scope = "submit"): Promise<boolean> {
  try {
    const { success } = await env.SUBMIT_LIMITER.limit({ key: `${scope}:${clientAddress(request) ?? "unknown"}` });
    return !success;
  } catch (error) {
    // A broken limiter must not stop residents from reaching the municipality.
    logError("ratelimit.unavailable", error);
    return false;
  }
}
