/**
 * The Worker's pages wear the site's layout, read once from the built shell page. When
 * the shell cannot be read, a plain page still carries the whole answer, and the next
 * page tries the shell again. Its own file: the first page of this isolate meets it, and
 * the first test leaves no shell read.
 */
import { describe, expect, it, vi } from "vitest";
import { SHELL_PATH, SHELL_SLOTS } from "../../src/shared/worker-data";
import { assetsWith, call, complaint, mainText, ORIGIN, postForm } from "./support";

/** The built assets, except that the shell page answers 404. */
const noShell = assetsWith(SHELL_PATH, () => new Response("", { status: 404 }));

describe("the shell page cannot be read", () => {
  it("a shell with a slot missing or repeated is not cut: the plain page with all it says, each time", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const receipt = (await postForm(complaint())).headers.get("location") ?? "";
    const spoilt: [string, (shell: string) => string][] = [
      ["no title slot", (h) => h.replace(SHELL_SLOTS.title, "")],
      ["a second title slot after main", (h) => h.replace(SHELL_SLOTS.main, `${SHELL_SLOTS.main}${SHELL_SLOTS.title}`)],
      ["no main slot", (h) => h.replace(SHELL_SLOTS.main, "")],
      ["two main slots", (h) => h.replace(SHELL_SLOTS.main, `${SHELL_SLOTS.main}${SHELL_SLOTS.main}`)],
    ];
    for (const [name, spoil] of spoilt) {
      const assets = assetsWith(SHELL_PATH, async (real) => new Response(spoil(await (await real()).text())));
      const page = await call(new Request(`${ORIGIN}${receipt}`), { env: { ASSETS: assets } });
      expect(page.status, name).toBe(200);
      const html = await page.text();
      expect(html, name).toMatch(/^<!doctype html><html lang="bg">[\s\S]*<\/main><\/body><\/html>$/);
      expect(html, name).not.toContain('<header class="site-header">');
      expect(mainText(html), name).toContain("Жалбата е регистрирана");
    }
    // Refused for what it is, not for a TypeError further on: operators read why in the log.
    const refusals = logged.mock.calls
      .map((c) => String(c[0]))
      .filter((l) => l.includes('"event":"shell.unavailable"'));
    expect(refusals).toHaveLength(4);
    for (const line of refusals) expect(JSON.parse(line).error).toBe("Error: shell page missing or without its slots");
    logged.mockRestore();
  });

  it("the receipt is a plain page with all it says, logged; the next page has the site's layout again", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const receipt = (await postForm(complaint())).headers.get("location") ?? "";
    const plain = await call(new Request(`${ORIGIN}${receipt}`), { env: { ASSETS: noShell } });
    expect(plain.status).toBe(200);
    const html = await plain.text();
    expect(html).toMatch(/^<!doctype html><html lang="bg">/);
    expect(html).toMatch(/<title>Потвърждение 94-00-\d+\/[\d.]+ – Харта на клиента<\/title>/);
    expect(mainText(html)).toContain("Жалбата е регистрирана");
    expect(html).not.toContain('<header class="site-header">');
    expect(logged.mock.calls.map((c) => String(c[0])).join("\n")).toContain('"event":"shell.unavailable"');
    logged.mockRestore();
    const again = await (await call(new Request(`${ORIGIN}${receipt}`))).text();
    expect(again).toContain('<header class="site-header">');
  });
});
