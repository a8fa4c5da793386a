/**
 * Tables `sign_in_links` and `sign_in_requests`: the one-time links e-mailed to staff
 * (only the token's hash is kept) and the requests for them, counted for the limits.
 * Times are epoch milliseconds.
 */
import { query } from "./batch";

export interface NewLink {
  tokenHash: string;
  email: string;
  now: number;
  expiresAt: number;
}

export function insertLink(db: D1Database, link: NewLink) {
  return query(
    db
      .prepare("INSERT INTO sign_in_links (token_hash, email, created_at, expires_at) VALUES (?, ?, ?, ?)")
      .bind(link.tokenHash, link.email, link.now, link.expiresAt),
  );
}

export interface LinkRow {
  token_hash: string;
  email: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

/** The link if it exists and is neither used nor expired; null otherwise. */
export function findUsableLink(db: D1Database, tokenHash: string, now: number): Promise<LinkRow | null> {
  return db
    .prepare("SELECT * FROM sign_in_links WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?")
    .bind(tokenHash, now)
    .first<LinkRow>();
}

/** Uses the link up; returns its row only for the one request that did (a second press gets none). */
export function useLink(db: D1Database, tokenHash: string, now: number) {
  return query<LinkRow>(
    db
      .prepare(
        "UPDATE sign_in_links SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ? RETURNING *",
      )
      .bind(now, tokenHash, now),
  );
}

export function recordRequest(db: D1Database, emailHash: string, clientHash: string, now: number) {
  return query(
    db
      .prepare("INSERT INTO sign_in_requests (email_hash, client_hash, requested_at) VALUES (?, ?, ?)")
      .bind(emailHash, clientHash, now),
  );
}

/** Requests since `since` for this address and from this client. */
export async function recentRequests(db: D1Database, emailHash: string, clientHash: string, since: number) {
  const row = await db
    .prepare(
      `SELECT
         (SELECT COUNT(*) FROM sign_in_requests WHERE email_hash = ? AND requested_at > ?) AS address,
         (SELECT COUNT(*) FROM sign_in_requests WHERE client_hash = ? AND requested_at > ?) AS client`,
    )
    .bind(emailHash, since, clientHash, since)
    .first<{ address: number; client: number }>();
  return row ?? { address: 0, client: 0 };
}

/** Drops requests and links older than `before` (the cron; nothing older is ever read). */
export function purgeSignIn(db: D1Database, before: number) {
  return [
    query(db.prepare("DELETE FROM sign_in_requests WHERE requested_at < ?").bind(before)),
    query(db.prepare("DELETE FROM sign_in_links WHERE expires_at < ?").bind(before)),
  ];
}
