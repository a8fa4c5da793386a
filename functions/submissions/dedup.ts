/**
 * The fast path of de-duplication: KV remembers for 10 minutes which reference a
 * submission's content got, so a double click, a refresh or a retry gets the same
 * answer without touching D1. (The registration batch is the authority when two
 * identical posts race past KV.)
 */
export interface RememberedResult {
  reference: string;
  deadline: string | null;
  receiptToken: string;
}

const TTL_SECONDS = 10 * 60;
const key = (fingerprint: string) => `submission:${fingerprint}`;

export async function recall(kv: KVNamespace, fingerprint: string): Promise<RememberedResult | null> {
  try {
    return await kv.get<RememberedResult>(key(fingerprint), "json");
  } catch {
    return null; // KV trouble only costs the fast path; D1 still de-duplicates
  }
}

export async function remember(kv: KVNamespace, fingerprint: string, result: RememberedResult): Promise<void> {
  await kv.put(key(fingerprint), JSON.stringify(result), { expirationTtl: TTL_SECONDS });
}
