/** Cloudflare Turnstile, verified server-side; only when the deployment sets TURNSTILE_SECRET. */
const SITEVERIFY = "https://challenges.cloudflare.com/turnstile/v0/siteverify";

export async function verifyTurnstile(secret: string, token: unknown, remoteIp: string | null): Promise<boolean> {
  if (typeof token !== "string" || token === "" || token.length > 2048) return false;
  const body = new URLSearchParams({ secret, response: token });
  if (remoteIp) body.set("remoteip", remoteIp);
  try {
    const response = await fetch(SITEVERIFY, { method: "POST", body });
    if (!response.ok) return false;
    const outcome = (await response.json()) as { success?: unknown };
    return outcome.success === true;
  } catch {
    // Fail closed: the resident sees the form again with their text and can retry.
    return false;
  }
}
