/** Random receipt tokens and content fingerprints. */
import type { Submission } from "../../src/shared/forms/schema";

const BASE64URL = /^[A-Za-z0-9_-]{22}$/;

/** 128 random bits, base64url: the receipt page's address. Unguessable, no personal data. */
export function newReceiptToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

export const isReceiptToken = (value: string) => BASE64URL.test(value);

/** SHA-256 of everything the resident sent: equal fingerprints mean the same submission. */
export async function fingerprint(s: Submission): Promise<string> {
  const canonical = JSON.stringify([
    s.municipality,
    s.kind,
    s.subject,
    s.message,
    s.name,
    s.email.toLowerCase(),
    s.phone,
    s.address,
    s.anonymous,
    s.health_risk,
    s.rating,
  ]);
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(canonical));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
