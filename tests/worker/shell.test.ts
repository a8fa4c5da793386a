/**
 * The Worker's pages wear the site's layout, read once from the built shell page. When
 * the shell cannot be read, a plain page still carries the whole answer, and the next
 * page tries the shell again. Its own file: the first page of this isolate meets it.
 */
import { describe, expect, it, vi } from "vitest";
import { SHELL_PATH } from "../../src/shared/worker-data";
import { assetsWith, call, complaint, mainText, ORIGIN, postForm } from "./support";

/** The built assets, except that the shell page answers 404. */
const noShell = assetsWith(SHELL_PATH, () => new Response("", { status: 404 }));

describe("the shell page cannot be read", () => {
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
