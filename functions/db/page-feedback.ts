/** Table `page_feedback`: "Полезна ли беше тази страница?" answers. */
import type { PageFeedback } from "../../src/shared/forms/feedback";
import { query } from "./batch";

export async function insertPageFeedback(db: D1Database, f: PageFeedback, receivedAt: string): Promise<void> {
  await db
    .prepare("INSERT INTO page_feedback (page, useful, comment, received_at) VALUES (?, ?, ?, ?)")
    .bind(f.page, f.useful ? 1 : 0, f.comment, receivedAt)
    .run();
}

/**
 * The pages of one municipality are the paths under "/<id>/": those from "/<id>/" up to,
 * not including, "/<id>0" ("0" follows "/" in byte order), a range the page index serves.
 */
const under = (municipality: string) => [`/${municipality}/`, `/${municipality}0`] as const;

/** Answers about the municipality's pages from `from` (inclusive) to `to` (exclusive), ISO instants, per page. */
export function usefulnessByPage(db: D1Database, municipality: string, from: string, to: string) {
  return query<{ page: string; yes: number; no: number }>(
    db
      .prepare(
        `SELECT page, SUM(useful = 1) AS yes, SUM(useful = 0) AS no FROM page_feedback
         WHERE page >= ? AND page < ? AND received_at >= ? AND received_at < ? GROUP BY page`,
      )
      .bind(...under(municipality), from, to),
  );
}

export interface PageComment {
  id: number;
  page: string;
  useful: boolean;
  comment: string;
  receivedAt: string;
}

/** Comments on the municipality's pages in that span, newest first, `limit` at a time (ids below `before`). */
export async function commentsOf(
  db: D1Database,
  municipality: string,
  span: { from: string; to: string },
  page: { before: number | null; limit: number },
): Promise<PageComment[]> {
  const { results } = await db
    .prepare(
      `SELECT id, page, useful, comment, received_at FROM page_feedback
       WHERE page >= ? AND page < ? AND received_at >= ? AND received_at < ? AND comment <> '' AND id < ?
       ORDER BY id DESC LIMIT ?`,
    )
    .bind(...under(municipality), span.from, span.to, page.before ?? Number.MAX_SAFE_INTEGER, page.limit)
    .all<{ id: number; page: string; useful: number; comment: string; received_at: string }>();
  return results.map((r) => ({
    id: r.id,
    page: r.page,
    useful: r.useful === 1,
    comment: r.comment,
    receivedAt: r.received_at,
  }));
}
