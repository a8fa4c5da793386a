/**
 * Random tokens handed to browsers (receipt pages, sign-in links, session cookies) and
 * the SHA-256 hashes kept of what must not be stored in clear.
 */

/** `bytes` random bytes, URL-safe base64: unguessable, and fit for a path segment or a cookie. */
export function randomToken(bytes: number): string {
  const random = crypto.getRandomValues(new Uint8Array(bytes));
  return btoa(String.fromCharCode(...random))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

/** A staff secret (sign-in link, session): 256 bits. */
export const newToken = (): string => randomToken(32);

export const isToken = (value: string): boolean => /^[A-Za-z0-9_-]{43}$/.test(value);

/** SHA-256, hex: what D1 keeps instead of a staff token, so a copy of the database signs nobody in. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
