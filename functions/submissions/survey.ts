/** A satisfaction survey is counted, not registered: one row, no number, no e-mail. */
import type { Submission } from "../../src/shared/forms/schema";
import { insertSurveyResponse } from "../db/survey-responses";
import { DEDUP_WINDOW_MS } from "./dedup";

export async function recordSurvey(db: D1Database, s: Submission, dedupKey: string, now: Date): Promise<void> {
  if (s.rating === null) throw new Error("a survey without a rating passed validation");
  await insertSurveyResponse(
    db,
    { municipality: s.municipality, rating: s.rating, comment: s.message },
    { receivedAt: now.toISOString(), dedupKey, since: new Date(now.getTime() - DEDUP_WINDOW_MS).toISOString() },
  );
}
