/**
 * The fast path of de-duplication: KV remembers for 10 minutes which receipt a post
 * got, so a double click, a refresh or a retry is answered without the registration
 * batch. KV only short-cuts what D1 confirms; the batch stays the authority when two
 * identical posts race past KV, and when KV is down.
 */
import { findByReceiptToken, type SubmissionRecord } from "../db/submissions";
import type { Bindings } from "../env";
import { logError } from "../log";

export interface RememberedResult {
  reference: string;
  deadline: string | null;
  receiptToken: string;
}

/** The same post sent again within this window is the same submission (D1 and KV alike). */
export const DEDUP_WINDOW_MS = 10 * 60 * 1000;
const TTL_SECONDS = DEDUP_WINDOW_MS / 1000;
const key = (dedupKey: string) => `submission:${dedupKey}`;

/**
 * The submission this post was already registered as, if KV remembers one and D1
 * still holds it. While D1 cannot be asked, KV's answer stands: it was written from
 * a committed registration minutes ago.
 */
export async function recall(env: Bindings, dedupKey: string): Promise<RememberedResult | null> {
  let remembered: RememberedResult | null;
  try {
    remembered = await env.DEDUP.get<RememberedResult>(key(dedupKey), "json");
  } catch (error) {
    logError("dedup.recall_failed", error);
    return null; // KV trouble only costs the fast path
  }
  if (!remembered) return null;
  try {
    return (await findByReceiptToken(env.DB, remembered.receiptToken)) ? remembered : null;
  } catch (error) {
    logError("dedup.confirm_failed", error);
    return remembered;
  }
}

export async function remember(kv: KVNamespace, dedupKey: string, s: SubmissionRecord): Promise<void> {
  const value: RememberedResult = { reference: s.reference, deadline: s.deadline, receiptToken: s.receiptToken };
  await kv.put(key(dedupKey), JSON.stringify(value), { expirationTtl: TTL_SECONDS });
}
