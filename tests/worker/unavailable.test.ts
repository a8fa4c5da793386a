/**
 * When what the Worker reads cannot be read: the municipalities' data in the static
 * assets (its own file, so that the first request of this isolate meets the failure:
 * the data is then cached for the isolate's life), or D1 where nothing catches it.
 */
import { describe, expect, it, vi } from "vitest";
import { MUNICIPALITIES_DATA_PATH } from "../../src/shared/worker-data";
import { browser, CLERK, signIn } from "./staff-support";
import { assetsWith, complaint, failingDatabase, mainText, postForm, postJson } from "./support";

/** The built assets, except that the municipalities' data answers 500. */
const broken = assetsWith(MUNICIPALITIES_DATA_PATH, () => new Response("", { status: 500 }));

describe("the municipalities' data cannot be read", () => {
  it("a resident is told to try again in a minute (503), and the next request reads it again", async () => {
    const json = await postJson(complaint(), { env: { ASSETS: broken } });
    expect(json.status).toBe(503);
    expect(json.headers.get("retry-after")).toBe("60");
    expect(((await json.json()) as { error: string }).error).toMatch(/\S/);
    const page = await postForm(complaint(), { env: { ASSETS: broken } });
    expect(page.status).toBe(503);
    const html = await page.text();
    expect(html).toContain("<title>Грешка: Временен проблем – Харта на клиента</title>");
    expect(mainText(html)).toMatch(/опитайте отново/i);
    expect((await postJson(complaint())).status).toBe(201);
  });
});

describe("an error nothing else handles", () => {
  it("is a 500 page in Bulgarian, logged with the path only", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const cookie = await signIn(CLERK);
    const response = await browser("/sluzhiteli/?q=maria%40example.com", { cookie, env: { DB: failingDatabase() } });
    expect(response.status).toBe(500);
    expect(mainText(await response.text())).toContain("Възникна неочаквана грешка. Опитайте отново след малко.");
    const lines = logged.mock.calls.map((c) => String(c[0])).join("\n");
    expect(lines).toContain('"event":"worker.unhandled","path":"/sluzhiteli/"');
    expect(lines).not.toContain("maria");
    logged.mockRestore();
  });
});
