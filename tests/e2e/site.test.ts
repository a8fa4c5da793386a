import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, newPage } from "./support/browser";

const base = inject("baseUrl");
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("a resident finds the charter", () => {
  it("goes home → municipality → charter", async () => {
    const page = await newPage(browser);
    await page.goto(`${base}/`);
    await page.getByRole("link", { name: "Община Ковачевци", exact: true }).click();
    await expect.poll(() => page.url()).toBe(`${base}/kovachevtsi/`);
    await page.getByRole("link", { name: "Харта на клиента на Община Ковачевци" }).click();
    await expect.poll(() => page.url()).toBe(`${base}/kovachevtsi/harta/`);
    expect(await page.locator("h1").textContent()).toBe("Харта на клиента на Община Ковачевци");
    await page.context().close();
  });
});
