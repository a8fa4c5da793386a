/** Table `page_feedback`: "Полезна ли беше тази страница?" answers. */
import type { PageFeedback } from "../../src/shared/forms/feedback";

export async function insertPageFeedback(db: D1Database, f: PageFeedback, receivedAt: string): Promise<void> {
  await db
    .prepare("INSERT INTO page_feedback (page, useful, comment, received_at) VALUES (?, ?, ?, ?)")
    .bind(f.page, f.useful ? 1 : 0, f.comment, receivedAt)
    .run();
}
