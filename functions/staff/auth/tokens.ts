/** Secrets handed to a browser (sign-in links, session cookies) and the hashes kept of them. */

/** 32 random bytes, URL-safe base64: unguessable, and fit for a path segment or a cookie. */
export function newToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

export const isToken = (value: string): boolean => /^[A-Za-z0-9_-]{43}$/.test(value);

/** SHA-256, hex: what D1 keeps instead of the token, so a copy of the database signs nobody in. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
