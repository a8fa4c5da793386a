/** The receipt page: in the site's look, reachable only through an unguessable token, with no personal data. */
import { describe, expect, it } from "vitest";
import { isReceiptToken, newReceiptToken } from "../../functions/submissions/identity";
import { call, complaint, failingDatabase, mainText, ORIGIN, postForm, postJson } from "./support";

const get = (path: string) => call(new Request(`${ORIGIN}${path}`));

describe("the receipt page", () => {
  it("shows the reference, the deadline and what happens next — and nothing the resident typed", async () => {
    const fields = complaint({ subject: "Тема-маркер-7781", address: "ул. Маркер 5" });
    const posted = await postForm(fields);
    const response = await get(posted.headers.get("location") ?? "");
    expect(response.status).toBe(200);
    const html = await response.text();
    const text = mainText(html);
    expect(text).toMatch(/Жалбата е регистрирана Входящ номер 94-00-\d+\/\d{2}\.\d{2}\.\d{4}/);
    expect(text).toMatch(/Срок за отговор до \d{2}\.\d{2}\.\d{4} г\. – 2 месеца по АПК, глава осма/);
    expect(text).toContain("Какво следва");
    expect(text).toContain("ще Ви отговори писмено до");
    for (const personal of [fields.name, fields.email, fields.phone, fields.subject, fields.message, fields.address]) {
      expect(html).not.toContain(personal);
    }
  });

  it("is a page of the site: its header, stylesheet and footer, no script needed", async () => {
    const posted = await postForm(complaint());
    const html = await (await get(posted.headers.get("location") ?? "")).text();
    expect(html).toMatch(/<title>Потвърждение 94-00-\d+\/[\d.]+ – Харта на клиента<\/title>/);
    expect(html).toMatch(/<link rel="stylesheet" href="\/_astro\/[^"]+\.css">/);
    expect(html).toContain('<header class="site-header">');
    expect(html).toContain('<footer class="site-footer">');
    expect(html).toContain('<meta name="robots" content="noindex">');
    expect(html).not.toContain('rel="canonical"');
    expect(html).not.toContain("@@TITLE@@");
    expect(html).not.toContain("harta:content");
  });

  it("an anonymous submission is told that no answer can come", async () => {
    const posted = await postForm(
      complaint({ kind: "signal", name: "", email: "", anonymous: "on", health_risk: "on" }),
    );
    const text = mainText(await (await get(posted.headers.get("location") ?? "")).text());
    expect(text).toContain("Сигналът е регистриран");
    expect(text).toContain("Подадохте анонимно");
    expect(text).not.toContain("изпратихме Ви потвърждение");
  });

  it("praise says it needs no answer", async () => {
    const posted = await postForm({
      municipality: "kovachevtsi",
      kind: "praise",
      message: `Благодаря! ${crypto.randomUUID()}`,
    });
    const text = mainText(await (await get(posted.headers.get("location") ?? "")).text());
    expect(text).toContain("Похвалата е регистрирана");
    expect(text).toContain("Похвалите не изискват отговор");
    expect(text).not.toContain("Срок за отговор");
  });

  it("while D1 cannot be read, it says so in Bulgarian (503) and to try again", async () => {
    const posted = await postForm(complaint());
    const response = await call(new Request(`${ORIGIN}${posted.headers.get("location")}`), {
      env: { DB: failingDatabase() },
    });
    expect(response.status).toBe(503);
    expect(mainText(await response.text())).toContain("Потвърждението не може да бъде показано в момента");
  });

  it("does not leak its address: no-referrer, no caching, not indexed", async () => {
    const posted = await postForm(complaint());
    const response = await get(posted.headers.get("location") ?? "");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("x-robots-tag")).toBe("noindex");
  });
});

describe("receipt tokens", () => {
  it("are 128 random bits in base64url, different every time", () => {
    const tokens = Array.from({ length: 2000 }, newReceiptToken);
    expect(new Set(tokens).size).toBe(tokens.length);
    expect(tokens.every(isReceiptToken)).toBe(true);
    // Every position varies: nothing sequential or time-based.
    for (let i = 0; i < 22; i++) expect(new Set(tokens.map((t) => t[i])).size).toBeGreaterThan(1);
  });

  it("an unknown or malformed token is a 404, and a reference number opens nothing", async () => {
    const { reference } = (await (await postJson(complaint())).json()) as { reference: string };
    const paths = [
      `/potvarzhdenie/${newReceiptToken()}/`,
      "/potvarzhdenie/short/",
      `/potvarzhdenie/${encodeURIComponent(reference)}/`,
      `/potvarzhdenie/${reference}/`,
      `/potvarzhdenie/?reference=${encodeURIComponent(reference)}`,
      `/api/submissions/${encodeURIComponent(reference)}`,
    ];
    for (const path of paths) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(await response.text()).not.toContain(reference);
    }
  });

  it("the address without the final slash redirects to it", async () => {
    const token = newReceiptToken();
    const response = await get(`/potvarzhdenie/${token}`);
    expect(response.status).toBe(301);
    expect(response.headers.get("location")).toBe(`/potvarzhdenie/${token}/`);
  });
});
