/** Table `survey_responses`: satisfaction ratings, counted for the yearly report. */
import type { Rating } from "../../src/shared/forms/fields";

export interface SurveyResponse {
  municipality: string;
  rating: Rating;
  comment: string;
}

/** Stores the answer unless the same key was stored since `since`; true when a row was added. */
export async function insertSurveyResponse(
  db: D1Database,
  r: SurveyResponse,
  at: { receivedAt: string; dedupKey: string; since: string },
): Promise<boolean> {
  const result = await db
    .prepare(
      `INSERT INTO survey_responses (municipality, rating, comment, received_at, dedup_key)
       SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM survey_responses WHERE dedup_key = ? AND received_at > ?)`,
    )
    .bind(r.municipality, r.rating, r.comment, at.receivedAt, at.dedupKey, at.dedupKey, at.since)
    .run();
  return result.meta.changes > 0;
}
