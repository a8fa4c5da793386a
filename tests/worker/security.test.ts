/** Abuse and safety: cross-site posts, rate limit, honeypot, Turnstile, headers, and logs without personal data. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { contentSecurityPolicy } from "../../functions/http/security";
import { verifyTurnstile } from "../../functions/turnstile";
import { dottedDate, sofiaDate } from "../../src/shared/dates";
import {
  call,
  complaint,
  count,
  failingDatabase,
  mainText,
  municipality,
  ORIGIN,
  postForm,
  postJson,
  recordingMailer,
  submissionsWithMessage,
} from "./support";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("cross-site posts are refused (403)", () => {
  const cases: [string, Record<string, string | undefined>][] = [
    ["another site's Origin", { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" }],
    ["another site's Origin, no Sec-Fetch-Site", { Origin: "https://evil.example", "Sec-Fetch-Site": undefined }],
    ["a sibling subdomain", { Origin: "https://other.harta.test", "Sec-Fetch-Site": "same-site" }],
    ["an opaque origin", { Origin: "null", "Sec-Fetch-Site": "cross-site" }],
    ["Sec-Fetch-Site alone", { Origin: undefined, "Sec-Fetch-Site": "cross-site" }],
  ];
  it.each(cases)("%s, as a form and as JSON", async (_name, headers) => {
    const fields = complaint();
    const form = await postForm(fields, { headers });
    expect(form.status).toBe(403);
    const page = await form.text();
    expect(mainText(page)).toContain("Формулярът е изпратен от друг сайт");
    // A page that is only the problem has it as its one heading.
    expect(page.match(/<h1\b[^>]*>[^<]*<\/h1>/g)).toEqual([
      '<h1 class="error-summary-title" id="error-summary-title">Съобщението не е изпратено</h1>',
    ]);
    // The page leads back: breadcrumbs to the list of municipalities, then where the resident is.
    expect(page).toContain(
      '<ol><li><a href="/">Общини</a></li><li><span aria-current="page">Съобщението не е изпратено</span></li></ol>',
    );
    const json = await postJson(fields, { headers });
    expect(json.status).toBe(403);
    expect(await json.json()).toEqual({
      error: "Формулярът е изпратен от друг сайт. Изпратете го от страницата на общината на този сайт.",
    });
    expect(await submissionsWithMessage(fields.message ?? "")).toHaveLength(0);
  });

  it("allows the site's own origin, configured extra origins, and clients that are not browsers", async () => {
    expect((await postJson(complaint())).status).toBe(201);
    const extra = await postJson(complaint(), {
      headers: { Origin: "https://www.kbrod.net" },
      env: { ALLOWED_ORIGINS: "https://www.kbrod.net, https://kovachevtsi.example" },
    });
    expect(extra.status).toBe(201);
    const curl = await call(
      new Request(`${ORIGIN}/api/submissions`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "CF-Connecting-IP": "10.77.0.1" },
        body: JSON.stringify(complaint()),
      }),
    );
    expect(curl.status).toBe(201);
    // Sec-Fetch-Site "none": the person started the request (a bookmark, the address bar), no page did.
    const typed = await postJson(complaint(), { headers: { Origin: undefined, "Sec-Fetch-Site": "none" } });
    expect(typed.status).toBe(201);
    // The browser says the post is the site's own, and an extension stripped Origin.
    const stripped = await postForm(complaint(), { headers: { Origin: undefined, "Sec-Fetch-Site": "same-origin" } });
    expect(stripped.status).toBe(303);
    // Origins as an editor copies them from the address bar: a trailing slash, spaces around the commas.
    const copied = await postJson(complaint(), {
      headers: { Origin: "https://www.kbrod.net" },
      env: { ALLOWED_ORIGINS: "https://kovachevtsi.example/ ,  https://www.kbrod.net/ " },
    });
    expect(copied.status).toBe(201);
  });

  it("refuses no reading: a link from another site to a page or to the API opens it, GET and HEAD alike", async () => {
    for (const method of ["GET", "HEAD"]) {
      for (const path of ["/api/health", "/sluzhiteli/", "/sluzhiteli/vhod/"]) {
        const request = (site: string) =>
          call(
            new Request(`${ORIGIN}${path}`, {
              method,
              redirect: "manual",
              headers: { "Sec-Fetch-Site": site, "CF-Connecting-IP": "10.78.0.1" },
            }),
          );
        const own = await request("same-origin");
        const linked = await request("cross-site");
        expect(own.status, `${method} ${path}`).toBeLessThan(400);
        expect(linked.status, `${method} ${path}`).toBe(own.status);
      }
    }
  });
});

describe("rate limit per client address", () => {
  it("the 11th post within a minute gets 429 with Retry-After, a bot's as well; another address is unaffected", async () => {
    // The local limiter counts per calendar minute: start early in one, so all 11 posts fall in it.
    const second = new Date().getSeconds();
    if (second > 40) await new Promise((r) => setTimeout(r, (61 - second) * 1000));
    const ip = "10.200.0.1";
    const bot = () => ({ ...complaint(), website: "http://spam.example" });
    const statuses: number[] = [];
    // A bot's posts use up the same budget: a flood through the honeypot is still a flood.
    for (let i = 0; i < 10; i++) statuses.push((await postJson(i % 2 ? bot() : complaint(), { ip })).status);
    expect(statuses).toEqual(Array(10).fill(201));
    const limited = await postJson(complaint(), { ip });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("60");
    expect(await limited.json()).toEqual({
      error: "Изпратихте твърде много съобщения за кратко време. Изчакайте минута и опитайте отново.",
    });
    expect((await postJson(bot(), { ip })).status).toBe(429);
    // A browser sees its form again with the text kept.
    const typed = complaint();
    const page = await postForm(typed, { ip });
    expect(page.status).toBe(429);
    const html = await page.text();
    expect(html).toContain(`>${typed.message}</textarea>`);
    expect(mainText(html)).toContain("Изчакайте минута");
    expect((await postJson(complaint(), { ip: "10.200.0.2" })).status).toBe(201);
  }, 40_000);
});

describe("the honeypot", () => {
  it("a bot that fills it sees success, and nothing is stored or sent", async () => {
    const mail = recordingMailer();
    const before = await count("SELECT 1 FROM submissions");
    const outbox = await count("SELECT 1 FROM email_outbox");
    const form = await postForm({ ...complaint(), website: "http://spam.example" }, { env: { MAILER: mail.mailer } });
    expect(form.status).toBe(303);
    expect(form.headers.get("location")).toMatch(/^\/potvarzhdenie\/[A-Za-z0-9_-]{22}\/$/);
    const json = await postJson({ ...complaint(), website: "x" }, { env: { MAILER: mail.mailer } });
    expect(json.status).toBe(201);
    expect(Object.keys((await json.json()) as object).sort()).toEqual(["deadline", "receiptUrl", "reference"]);
    expect(await count("SELECT 1 FROM submissions")).toBe(before);
    expect(await count("SELECT 1 FROM email_outbox")).toBe(outbox);
    expect(mail.sent).toEqual([]);
  });

  it("its decoy looks like the municipality's own: the registry index and today's date, or the survey's thanks", async () => {
    const today = dottedDate(sofiaDate(new Date()));
    for (const id of ["kostinbrod", "kovachevtsi"]) {
      const { registryIndex } = await municipality(id);
      const json = await postJson({ ...complaint({ municipality: id }), website: "x" });
      const body = (await json.json()) as { reference: string; receiptUrl: string };
      expect(body.reference).toBe(`${registryIndex}-0/${today}`);
      expect(body.receiptUrl).toMatch(/^\/potvarzhdenie\/[A-Za-z0-9_-]{22}\/$/);
      const survey = await postJson({ municipality: id, kind: "survey", rating: "4", message: "", website: "x" });
      expect(await survey.json()).toEqual({
        reference: null,
        deadline: null,
        receiptUrl: `/obratna-vrazka/anketa/${id}/`,
      });
    }
  });

  it("a bot that sends a kind of form there is none of still sees the usual success", async () => {
    for (const kind of ["zhalba", undefined]) {
      const response = await postJson({ ...complaint(), kind, website: "x" });
      expect(response.status, String(kind)).toBe(201);
      expect(((await response.json()) as { receiptUrl: string }).receiptUrl).toMatch(/^\/potvarzhdenie\//);
    }
  });

  it("an empty honeypot is a resident, however a script writes it", async () => {
    for (const website of ["", false, null]) {
      const fields = complaint();
      expect((await postJson({ ...fields, website })).status).toBe(201);
      expect(await submissionsWithMessage(fields.message ?? ""), String(website)).toHaveLength(1);
    }
    const fields = complaint();
    const form = await postForm(`${new URLSearchParams(fields)}&website`);
    expect(form.status).toBe(303);
    expect(await submissionsWithMessage(fields.message ?? "")).toHaveLength(1);
  });
});

describe("Turnstile, when a secret is configured", () => {
  const turnstile = { TURNSTILE_SECRET: "test-secret", TURNSTILE_SITE_KEY: "test-site-key" };

  it("verifies the token server-side with the client address; a failure shows the form again (422)", async () => {
    const siteverify = vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
      expect(String(input)).toBe("https://challenges.cloudflare.com/turnstile/v0/siteverify");
      const body = new URLSearchParams(String(init?.body));
      expect(body.get("secret")).toBe("test-secret");
      expect(body.get("remoteip")).toBe("10.201.0.1");
      return Response.json({ success: body.get("response") === "good-token" });
    });
    const refused = await postJson(
      { ...complaint(), "cf-turnstile-response": "bad-token" },
      { env: turnstile, ip: "10.201.0.1" },
    );
    expect(refused.status).toBe(422);
    expect(await refused.json()).toEqual({
      errors: { "cf-turnstile-response": "Потвърдете, че не сте робот, и изпратете отново" },
    });
    const missing = await postForm(complaint(), { env: turnstile, ip: "10.201.0.1" });
    expect(missing.status).toBe(422);
    const html = await missing.text();
    expect(mainText(html)).toContain("Потвърдете, че не сте робот, и изпратете отново");
    expect(html).toContain('class="cf-turnstile" data-sitekey="test-site-key"');
    expect(missing.headers.get("content-security-policy")).toContain(
      "script-src 'self' https://challenges.cloudflare.com",
    );
    const passed = await postJson(
      { ...complaint(), "cf-turnstile-response": "good-token" },
      { env: turnstile, ip: "10.201.0.1" },
    );
    expect(passed.status).toBe(201);
    expect(siteverify).toHaveBeenCalledTimes(2); // the missing token never left the Worker
  });

  it("asks Cloudflare only about a token worth asking about, by POST, with the address only when known", async () => {
    const asked: { method: string | undefined; body: URLSearchParams }[] = [];
    vi.spyOn(globalThis, "fetch").mockImplementation(async (_input, init) => {
      asked.push({ method: init?.method, body: new URLSearchParams(String(init?.body)) });
      return Response.json({ success: true });
    });
    // Without JavaScript the widget leaves its field empty; a token is at most 2048 characters.
    for (const token of ["", "т".repeat(2049)]) {
      const refused = await postForm({ ...complaint(), "cf-turnstile-response": token }, { env: turnstile });
      expect(refused.status, `${token.length} characters`).toBe(422);
    }
    expect(asked).toHaveLength(0);
    const longest = await postJson({ ...complaint(), "cf-turnstile-response": "т".repeat(2048) }, { env: turnstile });
    expect(longest.status).toBe(201);
    expect(asked).toHaveLength(1);
    expect(asked[0]?.method).toBe("POST");
    expect(asked[0]?.body.get("response")).toHaveLength(2048);
    expect(await verifyTurnstile("test-secret", "t", null)).toBe(true);
    expect(asked[1]?.body.has("remoteip")).toBe(false);
  });

  it("fails closed when Turnstile cannot be reached", async () => {
    vi.spyOn(globalThis, "fetch").mockRejectedValue(new TypeError("network down"));
    const response = await postJson({ ...complaint(), "cf-turnstile-response": "t" }, { env: turnstile });
    expect(response.status).toBe(422);
    vi.spyOn(globalThis, "fetch").mockResolvedValue(Response.json({ success: true }, { status: 500 }));
    const troubled = await postJson({ ...complaint(), "cf-turnstile-response": "t" }, { env: turnstile });
    expect(troubled.status).toBe(422);
  });

  it("is off without a secret: no call is made", async () => {
    const spy = vi.spyOn(globalThis, "fetch");
    expect((await postJson(complaint())).status).toBe(201);
    expect(spy).not.toHaveBeenCalled();
  });
});

describe("security headers on the Worker's answers", () => {
  it("a strict CSP and the usual hardening on pages and JSON alike", async () => {
    const page = await postForm(complaint({ subject: "" }));
    const json = await postJson(complaint({ subject: "" }));
    for (const response of [page, json]) {
      const h = response.headers;
      expect(h.get("content-security-policy")).toBe(contentSecurityPolicy(false));
      expect(h.get("x-content-type-options")).toBe("nosniff");
      expect(h.get("x-frame-options")).toBe("DENY");
      expect(h.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      expect(h.get("cache-control")).toBe("no-store");
      expect(h.get("strict-transport-security")).toBe("max-age=31536000");
      expect(h.get("cross-origin-opener-policy")).toBe("same-origin");
      expect(h.get("permissions-policy")).toBe("camera=(), microphone=(), geolocation=(), payment=(), usb=()");
    }
    const csp = contentSecurityPolicy(false);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).not.toContain("unsafe-eval");
  });

  it("the CSP names every kind of resource: only the site's own, and Turnstile's frame and script when it is on", () => {
    const directives = (csp: string) => Object.fromEntries(csp.split("; ").map((d) => [d.split(" ")[0], d]));
    const own = {
      "default-src": "default-src 'none'",
      "script-src": "script-src 'self'",
      "style-src": "style-src 'self'",
      "img-src": "img-src 'self'",
      "connect-src": "connect-src 'self'",
      "frame-src": "frame-src 'none'",
      "form-action": "form-action 'self'",
      "base-uri": "base-uri 'none'",
      "frame-ancestors": "frame-ancestors 'none'",
    };
    expect(directives(contentSecurityPolicy(false))).toEqual(own);
    expect(directives(contentSecurityPolicy(true))).toEqual({
      ...own,
      "script-src": "script-src 'self' https://challenges.cloudflare.com",
      "frame-src": "frame-src https://challenges.cloudflare.com",
    });
  });

  it("the pages the Worker renders have no inline scripts or styles, so the CSP allows everything they use", async () => {
    const html = await (await postForm(complaint({ subject: "" }))).text();
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(html).not.toMatch(/<style/);
    expect(html).not.toMatch(/\sstyle="/);
    expect(html).not.toMatch(/\son[a-z]+="/);
  });
});

describe("logs carry no personal data", () => {
  it("storage and e-mail failures are logged with ids only", async () => {
    const lines: string[] = [];
    const capture = (...args: unknown[]) => {
      lines.push(args.map(String).join(" "));
    };
    vi.spyOn(console, "error").mockImplementation(capture);
    vi.spyOn(console, "log").mockImplementation(capture);
    vi.spyOn(console, "warn").mockImplementation(capture);
    const fields = complaint({ name: "Лично Име", email: "lichno@example.com", phone: "0899 000 111" });
    await postJson(fields, { env: { DB: failingDatabase() } });
    const failing = recordingMailer(() => true);
    const failingWithAddress = {
      send: async () => {
        throw new Error("email to lichno@example.com not allowed");
      },
    } as unknown as SendEmail;
    await postJson(complaint({ email: "lichno@example.com" }), { env: { MAILER: failing.mailer } });
    await postJson(complaint({ email: "lichno@example.com" }), { env: { MAILER: failingWithAddress } });
    expect(lines.length).toBeGreaterThan(0);
    const all = lines.join("\n");
    for (const personal of ["Лично Име", "lichno@example.com", "0899 000 111", fields.message, fields.subject]) {
      expect(all).not.toContain(personal);
    }
    // The failure itself is still told, with the address blanked out, and kept short.
    expect(all).toContain('"error":"Error: email to [адрес] not allowed"');
    expect(all).toContain('"error":"Error: D1_ERROR: Network connection lost."');
    lines.length = 0;
    const long = { send: async () => Promise.reject(new Error("y".repeat(1_000))) } as unknown as SendEmail;
    await postJson(complaint(), { env: { MAILER: long } });
    const logged = lines.map((l) => JSON.parse(l) as { event: string; error?: string });
    const errors = logged.filter((l) => l.event === "email.failed").map((l) => l.error);
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) expect(error).toBe(`Error: ${"y".repeat(293)}`);
  });
});
