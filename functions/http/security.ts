/**
 * Headers on every response the Worker makes, and the cross-site post guard.
 * The Worker's pages load only the site's own stylesheet and scripts.
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env";

const TURNSTILE_ORIGIN = "https://challenges.cloudflare.com";

export function contentSecurityPolicy(turnstile: boolean): string {
  const extra = turnstile ? ` ${TURNSTILE_ORIGIN}` : "";
  return [
    "default-src 'none'",
    `script-src 'self'${extra}`,
    "style-src 'self'",
    "img-src 'self'",
    "connect-src 'self'",
    `frame-src${turnstile ? extra : " 'none'"}`,
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export const securityHeaders = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  await next();
  const h = c.res.headers;
  h.set("Content-Security-Policy", contentSecurityPolicy(Boolean(c.env.TURNSTILE_SITE_KEY)));
  h.set("X-Content-Type-Options", "nosniff");
  h.set("X-Frame-Options", "DENY");
  h.set("Cross-Origin-Opener-Policy", "same-origin");
  h.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()");
  h.set("Strict-Transport-Security", "max-age=31536000");
  if (!h.has("Referrer-Policy")) h.set("Referrer-Policy", "strict-origin-when-cross-origin");
  // Answers carry residents' text or receipts: never cache them anywhere.
  if (!h.has("Cache-Control")) h.set("Cache-Control", "no-store");
};

/**
 * A browser tells where a post comes from (Sec-Fetch-Site, Origin). Posts from
 * another site are refused whatever their content type; clients that send
 * neither header are not browsers and cannot be used for cross-site forgery.
 * (hono/csrf checks the same two headers but only for form-like content types;
 * we refuse cross-site JSON as well, so the API's answer does not depend on the
 * browser enforcing CORS preflight.)
 */
export function isCrossSite(request: Request, allowedOrigins: readonly string[]): boolean {
  const site = request.headers.get("sec-fetch-site");
  const origin = request.headers.get("origin");
  if (site === "same-origin") return false;
  if (origin !== null) return !(origin === new URL(request.url).origin || allowedOrigins.includes(origin));
  return site !== null && site !== "none";
}

export function allowedOrigins(list: string | undefined): string[] {
  return (list ?? "")
    .split(",")
    .map((s) => s.trim().replace(/\/$/, ""))
    .filter(Boolean);
}
