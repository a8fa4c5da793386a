/**
 * The working-days calendar is read once from the built site and kept; a read that failed
 * (the assets briefly unavailable) is tried again on the next request instead of breaking
 * every count of working days until the Worker restarts. Its own file: the calendar is kept
 * per isolate, and each test file gets a fresh one.
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { calendar } from "../../functions/content/calendar";
import type { Bindings } from "../../functions/env";
import { CALENDAR_DATA_PATH } from "../../src/shared/worker-data";
import { assetsWith } from "./support";

const real = () => (env as unknown as Bindings).ASSETS;
const unavailable = () => assetsWith(CALENDAR_DATA_PATH, () => new Response("", { status: 503 }));

describe("the working-days calendar", () => {
  it("after a failed read, reads again; once read, keeps it", async () => {
    await expect(calendar(unavailable())).rejects.toThrow(`${CALENDAR_DATA_PATH}: 503`);
    const read = await calendar(real());
    expect(read.covers(2026)).toBe(true);
    expect(read.holiday("2026-12-24")).toBe("Бъдни вечер");
    expect(await calendar(unavailable())).toBe(read);
  });
});
