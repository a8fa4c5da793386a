/**
 * The municipalities as the content layer validated them (defaults applied), for the
 * Worker: adding a municipality is adding its content files, and both halves see the
 * same data. Not public: the Worker answers 404 to visitors under /harta-data/.
 */
import type { APIRoute } from "astro";
import { municipalities } from "../../lib/content";
import { type Municipality, staffListedTwice } from "../../shared/municipality";

export const GET: APIRoute = async () => {
  const all: Municipality[] = (await municipalities()).map((m) => ({ ...m.data, id: m.id }));
  // A staff address signs in to one municipality; listed in two, it would be ambiguous.
  const twice = staffListedTwice(all);
  if (twice.length) {
    throw new Error(
      `Адрес на служител е записан в „staff“ на повече от една община:\n${twice.map((t) => `- ${t.email}: content/municipalities/${t.ids.join(".json, content/municipalities/")}.json`).join("\n")}`,
    );
  }
  return new Response(JSON.stringify(all), { headers: { "Content-Type": "application/json" } });
};
