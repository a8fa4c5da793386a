/**
 * Table `staff_sessions`: signed-in staff, by the hash of the cookie's value.
 * Times are epoch milliseconds.
 */
import { query } from "./batch";

export interface SessionRow {
  token_hash: string;
  email: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
}

export function insertSession(db: D1Database, s: { tokenHash: string; email: string; now: number; expiresAt: number }) {
  return query(
    db
      .prepare(
        "INSERT INTO staff_sessions (token_hash, email, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)",
      )
      .bind(s.tokenHash, s.email, s.now, s.now, s.expiresAt),
  );
}

export function findSession(db: D1Database, tokenHash: string): Promise<SessionRow | null> {
  return db.prepare("SELECT * FROM staff_sessions WHERE token_hash = ?").bind(tokenHash).first<SessionRow>();
}

export function touchSession(db: D1Database, tokenHash: string, now: number) {
  return query(db.prepare("UPDATE staff_sessions SET last_seen_at = ? WHERE token_hash = ?").bind(now, tokenHash));
}

export function deleteSession(db: D1Database, tokenHash: string) {
  return query(db.prepare("DELETE FROM staff_sessions WHERE token_hash = ?").bind(tokenHash));
}

/** Sessions past their end or idle since `idleBefore` (the cron). */
export function purgeSessions(db: D1Database, now: number, idleBefore: number) {
  return query(
    db.prepare("DELETE FROM staff_sessions WHERE expires_at <= ? OR last_seen_at < ?").bind(now, idleBefore),
  );
}
