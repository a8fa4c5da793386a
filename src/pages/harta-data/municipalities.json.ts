/**
 * The municipalities as the content layer validated them (defaults applied), for the
 * Worker: adding a municipality is adding its content files, and both halves see the
 * same data. Not public: the Worker answers 404 to visitors under /harta-data/.
 */
import type { APIRoute } from "astro";
import { municipalities } from "../../lib/content";
import type { Municipality } from "../../shared/municipality";

export const GET: APIRoute = async () => {
  const all: Municipality[] = (await municipalities()).map((m) => ({ ...m.data, id: m.id }));
  return new Response(JSON.stringify(all), { headers: { "Content-Type": "application/json" } });
};
