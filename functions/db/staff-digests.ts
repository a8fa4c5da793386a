/**
 * Table `staff_digests`: which staff got the morning digest of which day. A row is
 * claimed before the e-mail is sent, so overlapping cron runs never send it twice,
 * and released when sending fails, so the next run tries again.
 */
import { query } from "./batch";

export type DigestOutcome = "sent" | "nothing";

/** The recipients already done (or being done) for the day. */
export async function doneFor(db: D1Database, municipality: string, day: string): Promise<Set<string>> {
  const { results } = await db
    .prepare("SELECT recipient FROM staff_digests WHERE municipality = ? AND day = ?")
    .bind(municipality, day)
    .all<{ recipient: string }>();
  return new Set(results.map((r) => r.recipient));
}

/** Claims the day's digest for one recipient; returns a row only to the run that claimed it. */
export function claim(
  db: D1Database,
  c: { municipality: string; day: string; recipient: string; outcome: DigestOutcome; at: string },
) {
  return query<{ recipient: string }>(
    db
      .prepare(
        `INSERT INTO staff_digests (municipality, day, recipient, outcome, at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT DO NOTHING RETURNING recipient`,
      )
      .bind(c.municipality, c.day, c.recipient, c.outcome, c.at),
  );
}

export function release(db: D1Database, municipality: string, day: string, recipient: string) {
  return query(
    db
      .prepare("DELETE FROM staff_digests WHERE municipality = ? AND day = ? AND recipient = ?")
      .bind(municipality, day, recipient),
  );
}
