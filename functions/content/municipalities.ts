/**
 * The municipalities the Worker serves: the data the site's build validated
 * (src/pages/harta-data/municipalities.json.ts), read once from the static assets.
 * Adding a municipality is adding its content files; no code names them.
 */
import type { Municipality } from "../../src/shared/municipality";
import { MUNICIPALITIES_DATA_PATH } from "../../src/shared/worker-data";

export type { Municipality };

export interface Municipalities {
  byId(id: unknown): Municipality | undefined;
  isKnown(id: string): boolean;
  all(): readonly Municipality[];
}

let loading: Promise<Municipalities> | undefined;

async function load(assets: Fetcher): Promise<Municipalities> {
  const response = await assets.fetch(new Request(`https://assets.invalid${MUNICIPALITIES_DATA_PATH}`));
  if (!response.ok) throw new Error(`${MUNICIPALITIES_DATA_PATH}: ${response.status}`);
  // Validated by the content layer at build time; the build fails before an invalid file gets here.
  const list = (await response.json()) as Municipality[];
  const map = new Map(list.map((m) => [m.id, m]));
  return {
    byId: (id) => (typeof id === "string" ? map.get(id) : undefined),
    isKnown: (id) => map.has(id),
    all: () => list,
  };
}

/** Cached for the isolate's life; a failed read is retried on the next request. */
export function municipalities(assets: Fetcher): Promise<Municipalities> {
  loading ??= load(assets).catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}
