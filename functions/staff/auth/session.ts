/**
 * Staff sessions: a random cookie (HttpOnly, SameSite=Strict, `__Host-` on HTTPS)
 * whose hash is a row in D1. A session ends on "Изход", after 8 hours without a
 * request, or 7 days after sign-in, whichever comes first.
 */
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { appendEntry } from "../../db/audit-log";
import { batch, type Query } from "../../db/batch";
import { deleteSession, findSession, insertSession, touchSession } from "../../db/staff-sessions";
import type { AppEnv } from "../../env";
import { newToken, sha256Hex } from "../../tokens";
import type { SignedIn } from "./directory";

export const IDLE_MS = 8 * 60 * 60 * 1000;
export const MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;
/** last_seen_at is written at most this often: an idle limit of hours needs no write per click. */
const TOUCH_EVERY_MS = 60 * 1000;

const COOKIE = "harta-sluzhitel";

/**
 * Where the cookie lives, the same when it is set and when it is cleared (or the browser keeps
 * it): `__Host-` and Secure need a secure origin; `npm start` serves plain http on localhost.
 */
function cookieScope(c: Context<AppEnv>) {
  const secure = new URL(c.req.url).protocol === "https:";
  return { prefix: secure ? ("host" as const) : undefined, path: "/", secure };
}

export const sessionCookie = (c: Context<AppEnv>): string | undefined => getCookie(c, COOKIE, cookieScope(c).prefix);

/** The signed-in address of the request's session, or null when it has none that is valid. */
export async function sessionEmail(c: Context<AppEnv>, now: number): Promise<{ email: string; hash: string } | null> {
  const token = sessionCookie(c);
  if (!token) return null;
  const hash = await sha256Hex(token);
  const row = await findSession(c.env.DB, hash);
  if (!row || row.expires_at <= now || row.last_seen_at <= now - IDLE_MS) return null;
  if (now - row.last_seen_at > TOUCH_EVERY_MS) await touchSession(c.env.DB, hash, now).statement.run();
  return { email: row.email, hash };
}

/**
 * Signs `me` in: a new session, ending the one the browser had (signing in again
 * rotates it), and the sign-in in the record, in one batch. Sets the cookie.
 */
export async function startSession(c: Context<AppEnv>, me: SignedIn, now: number, method: "link" | "access") {
  const token = newToken();
  const previous = sessionCookie(c);
  const end = previous ? [deleteSession(c.env.DB, await sha256Hex(previous))] : [];
  await batch(c.env.DB, {
    end,
    start: insertSession(c.env.DB, {
      tokenHash: await sha256Hex(token),
      email: me.email,
      now,
      expiresAt: now + MAX_AGE_MS,
    }),
    record: appendEntry(c.env.DB, {
      at: new Date(now).toISOString(),
      municipality: me.municipality.id,
      actor: me.email,
      action: "sign_in",
      detail: { method },
    }),
  });
  setCookie(c, COOKIE, token, { ...cookieScope(c), httpOnly: true, sameSite: "Strict", maxAge: MAX_AGE_MS / 1000 });
}

export async function endSession(c: Context<AppEnv>, alongside: Query<unknown>[]) {
  const token = sessionCookie(c);
  await batch(c.env.DB, { end: token ? [deleteSession(c.env.DB, await sha256Hex(token))] : [], alongside });
  deleteCookie(c, COOKIE, cookieScope(c));
}
