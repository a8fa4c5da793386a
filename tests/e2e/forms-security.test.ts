/**
 * The site's security headers (public/_headers) and the Worker's, as a browser
 * sees them: every page carries a strict Content-Security-Policy, and nothing the
 * site does — search with WebAssembly, the form script, the Worker's pages — is
 * blocked by it.
 */
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { useBrowser } from "./support/browser";

const base = inject("baseUrl");
const browser = useBrowser();

/** Opens a page, records every CSP violation it reports, runs `act`, returns the violations. */
async function violations(path: string, act: (page: Page) => Promise<void> = async () => {}) {
  const page = await browser.newPage({
    extraHTTPHeaders: { "CF-Connecting-IP": `10.91.0.${Math.floor(Math.random() * 250)}` },
  });
  try {
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __csp: string[] }).__csp = seen;
      document.addEventListener("securitypolicyviolation", (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const response = await page.goto(`${base}${path}`);
    const csp = response?.headers()["content-security-policy"] ?? "";
    await act(page);
    const seen = await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
    return { csp, seen, page };
  } finally {
    await page.context().close();
  }
}

describe("Content-Security-Policy", () => {
  it.each(["/", "/kostinbrod/harta/", "/kovachevtsi/uslugi/", "/a-z/", "/lichni-danni/"])(
    "%s: strict policy, nothing blocked",
    async (path) => {
      const { csp, seen } = await violations(path);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self';");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain("unsafe-inline");
      expect(seen).toEqual([]);
    },
  );

  it("search runs Pagefind (WebAssembly) under its own policy", async () => {
    const { csp, seen } = await violations("/search/?q=жалба&m=kostinbrod", async (page) => {
      await page.locator("#search-results a.result-link").first().waitFor();
    });
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).toContain("worker-src 'self' blob:");
    expect(seen).toEqual([]);
  });

  it("the form's script validates and posts without breaking the policy", async () => {
    const { seen } = await violations("/kostinbrod/anketa/", async (page) => {
      await page.getByRole("button", { name: "Изпратете" }).click();
      await page.locator(".error-summary").waitFor();
      await page.getByLabel("5 – много доволен").check();
      await page.getByRole("button", { name: "Изпратете" }).click();
      await page.waitForURL(/\/obratna-vrazka\/anketa\//);
    });
    expect(seen).toEqual([]);
  });

  it("the Worker's pages carry their own policy", async () => {
    const { csp, seen } = await violations("/obratna-vrazka/blagodarim/?stranitsa=%2F");
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("style-src 'self'");
    expect(seen).toEqual([]);
  });
});

describe("other security headers: static pages and the Worker's alike", () => {
  // public/_headers sets them for the static site, functions/http/security.ts for the Worker.
  const HARDENING = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "strict-origin-when-cross-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "cross-origin-opener-policy": "same-origin",
    "strict-transport-security": "max-age=31536000",
  };
  const hardening = (response: Response) =>
    Object.fromEntries(Object.keys(HARDENING).map((name) => [name, response.headers.get(name)]));

  it("nosniff, no framing, a referrer policy, no camera or microphone, HSTS, COOP", async () => {
    const page = await fetch(`${base}/kostinbrod/zhalba/`);
    const worker = await fetch(`${base}/obratna-vrazka/blagodarim/?stranitsa=%2F`);
    expect(page.status).toBe(200);
    expect(worker.status).toBe(200);
    expect(hardening(page)).toEqual(HARDENING);
    expect(hardening(worker)).toEqual(HARDENING);
  });
});
