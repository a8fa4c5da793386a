/** Table `survey_responses`: satisfaction ratings, counted for the yearly report. */
import type { Rating } from "../../src/shared/forms/fields";
import { query } from "./batch";

export interface SurveyResponse {
  municipality: string;
  rating: Rating;
  comment: string;
}

/** Stores the answer unless the same key was stored since `since` (a repeat is counted once). */
export async function insertSurveyResponse(
  db: D1Database,
  r: SurveyResponse,
  at: { receivedAt: string; dedupKey: string; since: string },
): Promise<void> {
  await db
    .prepare(
      `INSERT INTO survey_responses (municipality, rating, comment, received_at, dedup_key)
       SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM survey_responses WHERE dedup_key = ? AND received_at > ?)`,
    )
    .bind(r.municipality, r.rating, r.comment, at.receivedAt, at.dedupKey, at.dedupKey, at.since)
    .run();
}

/** The answers received from `from` (inclusive) to `to` (exclusive), ISO instants, by rating: the report. */
export function ratingCounts(db: D1Database, municipality: string, from: string, to: string) {
  return query<{ rating: number; n: number }>(
    db
      .prepare(
        `SELECT rating, COUNT(*) AS n FROM survey_responses
         WHERE municipality = ? AND received_at >= ? AND received_at < ? GROUP BY 1`,
      )
      .bind(municipality, from, to),
  );
}
