/**
 * Staff sign-in by e-mailed one-time link, sessions, sign-out, and the rule that the
 * staff side is closed (303 / 401) to anyone without a valid session.
 */
import { describe, expect, it } from "vitest";
import { IDLE_MS, MAX_AGE_MS } from "../../functions/staff/auth/session";
import { SIGN_IN_TEXT } from "../../functions/staff/sign-in";
import { sha256Hex } from "../../functions/tokens";
import {
  api,
  browser,
  CLERK,
  capturingMailer,
  cookieOf,
  cookieParts,
  fileComplaint,
  linkIn,
  OTHER_CLERK,
  requestLink,
  signIn,
} from "./staff-support";
import { count, db, mainText } from "./support";

describe("asking for a sign-in link", () => {
  it("shows a form with one e-mail field", async () => {
    const response = await browser("/sluzhiteli/vhod/");
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page.match(/<input[^>]*>/g)?.filter((i) => !i.includes('type="search"'))).toHaveLength(1);
    expect(page).toContain('name="email"');
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("x-robots-tag")).toContain("noindex");
  });

  it("answers a listed and an unknown address with the same page; only the listed one gets a link", async () => {
    const { mailer, sent } = capturingMailer();
    const listed = await browser("/sluzhiteli/vhod/", { form: { email: CLERK }, env: { MAILER: mailer } });
    const unknown = await browser("/sluzhiteli/vhod/", {
      form: { email: "nobody@kostinbrod.example" },
      env: { MAILER: mailer },
    });
    expect(listed.status).toBe(200);
    expect(unknown.status).toBe(200);
    const a = mainText(await listed.text());
    const b = mainText(await unknown.text());
    expect(a).toBe(b);
    expect(a).toContain(SIGN_IN_TEXT.sent);
    expect(sent.map((m) => m.to)).toEqual([CLERK]);
    // The link is on its own line of the text part; only its hash is stored.
    const link = await linkIn(sent[0] as (typeof sent)[number]);
    expect(link).toMatch(/^\/sluzhiteli\/vhod\/[A-Za-z0-9_-]{43}\/$/);
    const token = link.split("/")[3] as string;
    expect(await count("SELECT 1 FROM sign_in_links WHERE token_hash = ?", token)).toBe(0);
    expect(await count("SELECT 1 FROM sign_in_links WHERE email = ?", CLERK)).toBeGreaterThan(0);
  });

  it("refuses what is not an e-mail address, in Bulgarian, with the value kept", async () => {
    const response = await browser("/sluzhiteli/vhod/", { form: { email: "delovoditel" } });
    expect(response.status).toBe(422);
    const page = await response.text();
    expect(page).toContain(SIGN_IN_TEXT.badEmail);
    expect(page).toContain('value="delovoditel"');
    expect(page).toMatch(/id="vhod-email-error"/); // beside the box, not only in the summary
    expect(page).toMatch(/id="vhod-email"[^>]*aria-invalid="true"/);
    expect(page).toMatch(/<title>Грешка:/);
  });

  it("sends at most 5 links an hour to one address, and the 6th request says so for any address", async () => {
    const email = "rakovoditel@kovachevtsi.example";
    const { mailer, sent } = capturingMailer();
    for (let i = 0; i < 5; i++) {
      expect((await browser("/sluzhiteli/vhod/", { form: { email }, env: { MAILER: mailer } })).status).toBe(200);
    }
    const sixth = await browser("/sluzhiteli/vhod/", { form: { email }, env: { MAILER: mailer } });
    expect(sixth.status).toBe(429);
    expect(sixth.headers.get("retry-after")).toBe("3600");
    const refused = await sixth.text();
    expect(refused).toContain(SIGN_IN_TEXT.tooMany);
    expect(refused).toContain("<title>Грешка: Вход за служители – Харта на клиента</title>");
    expect(mainText(refused)).toContain("Обратно към входа");
    expect(sent).toHaveLength(5);
    // The same limit for an address nobody has listed: the answer does not tell who is staff.
    for (let i = 0; i < 5; i++) await browser("/sluzhiteli/vhod/", { form: { email: "ghost@example.com" } });
    expect((await browser("/sluzhiteli/vhod/", { form: { email: "ghost@example.com" } })).status).toBe(429);
  });

  it("sends at most 5 links an hour to one client address, whatever addresses it tries", async () => {
    const ip = "203.0.113.77";
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await browser("/sluzhiteli/vhod/", {
        form: { email: `probe${i}@example.com` },
        headers: { "CF-Connecting-IP": ip },
      });
      statuses.push(r.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });
});

describe("the link", () => {
  it("opening it shows a button and signs nobody in (mail scanners open links)", async () => {
    const link = await requestLink(CLERK);
    const opened = await browser(link);
    expect(opened.status).toBe(200);
    expect(opened.headers.get("set-cookie")).toBeNull();
    const page = await opened.text();
    expect(page).toContain(`action="${link}"`);
    expect(page).toContain(">Влезте<");
    // Still usable after being opened twice.
    await browser(link);
    const pressed = await browser(link, { method: "POST", form: {} });
    expect(pressed.status).toBe(303);
    expect(pressed.headers.get("location")).toBe("/sluzhiteli/");
  });

  it("sets an HttpOnly, SameSite=Strict __Host- cookie on HTTPS, stored as a hash", async () => {
    const link = await requestLink(CLERK);
    const response = await browser(link, { method: "POST", form: {} });
    const header = response.headers.get("set-cookie") ?? "";
    expect(header).toMatch(/^__Host-harta-sluzhitel=[A-Za-z0-9_-]{43};/);
    expect(header).toMatch(/HttpOnly/);
    expect(header).toMatch(/SameSite=Strict/);
    expect(header).toMatch(/Secure/);
    expect(header).toMatch(/Path=\//);
    expect(header).not.toMatch(/Domain=/);
    const value = cookieOf(response).split("=")[1] as string;
    expect(await count("SELECT 1 FROM staff_sessions WHERE token_hash = ?", value)).toBe(0);
    const home = await browser("/sluzhiteli/", { cookie: cookieOf(response) });
    expect(home.status).toBe(200);
    expect(await home.text()).toContain("Регистър на Община Костинброд");
  });

  it("works once", async () => {
    const link = await requestLink(CLERK);
    expect((await browser(link, { method: "POST", form: {} })).status).toBe(303);
    const again = await browser(link, { method: "POST", form: {} });
    expect(again.status).toBe(410);
    expect(again.headers.get("set-cookie")).toBeNull();
    expect(await again.text()).toContain(SIGN_IN_TEXT.linkGone);
    expect((await browser(link)).status).toBe(410);
  });

  it("works for 15 minutes", async () => {
    const link = await requestLink(CLERK);
    // The link was made 16 minutes ago.
    await db()
      .prepare(
        "UPDATE sign_in_links SET created_at = created_at - ?, expires_at = expires_at - ? WHERE used_at IS NULL",
      )
      .bind(16 * 60_000, 16 * 60_000)
      .run();
    const pressed = await browser(link, { method: "POST", form: {} });
    expect(pressed.status).toBe(410);
    expect(pressed.headers.get("set-cookie")).toBeNull();
  });

  it("a made-up token signs nobody in", async () => {
    const response = await browser(`/sluzhiteli/vhod/${"A".repeat(43)}/`, { method: "POST", form: {} });
    expect(response.status).toBe(410);
  });

  it("is recorded as a sign-in", async () => {
    await signIn(OTHER_CLERK);
    expect(
      await count(
        "SELECT 1 FROM audit_log WHERE actor = ? AND action = 'sign_in' AND municipality = 'kovachevtsi'",
        OTHER_CLERK,
      ),
    ).toBeGreaterThan(0);
  });
});

describe("the session", () => {
  it("ends after 8 hours idle", async () => {
    const cookie = await signIn(CLERK);
    const hash = await sha256Hex(cookie.split("=")[1] as string);
    await db()
      .prepare("UPDATE staff_sessions SET last_seen_at = last_seen_at - ? WHERE token_hash = ?")
      .bind(IDLE_MS + 1000, hash)
      .run();
    const response = await browser("/sluzhiteli/", { cookie });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/sluzhiteli/vhod/");
  });

  it("a request within the 8 hours starts them again", async () => {
    const cookie = await signIn(CLERK);
    const hash = await sha256Hex(cookie.split("=")[1] as string);
    const idle = (ms: number) =>
      db()
        .prepare("UPDATE staff_sessions SET last_seen_at = last_seen_at - ? WHERE token_hash = ?")
        .bind(ms, hash)
        .run();
    await idle(IDLE_MS - 60_000);
    expect((await browser("/sluzhiteli/", { cookie })).status).toBe(200);
    await idle(IDLE_MS - 60_000);
    expect((await browser("/sluzhiteli/", { cookie })).status).toBe(200);
  });

  it("ends 7 days after sign-in, however busy", async () => {
    const cookie = await signIn(CLERK);
    const hash = await sha256Hex(cookie.split("=")[1] as string);
    await db()
      .prepare("UPDATE staff_sessions SET created_at = created_at - ?, expires_at = ? WHERE token_hash = ?")
      .bind(MAX_AGE_MS, Date.now() - 1, hash)
      .run();
    expect((await browser("/sluzhiteli/", { cookie })).status).toBe(303);
  });

  it("signing in again rotates it: the old cookie stops working", async () => {
    const first = await signIn(CLERK);
    const link = await requestLink(CLERK);
    const second = cookieOf(await browser(link, { method: "POST", form: {}, cookie: first }));
    expect(second).not.toBe(first);
    expect((await browser("/sluzhiteli/", { cookie: first })).status).toBe(303);
    expect((await browser("/sluzhiteli/", { cookie: second })).status).toBe(200);
  });

  it("„Изход“ ends it on the server, not only in the browser", async () => {
    const cookie = await signIn(CLERK);
    const out = await browser("/sluzhiteli/izhod/", { method: "POST", form: {}, cookie });
    expect(out.status).toBe(303);
    expect(out.headers.get("location")).toBe("/sluzhiteli/vhod/?izhod");
    expect(out.headers.get("set-cookie")).toMatch(/Max-Age=0/);
    // The same name, path and Secure as the cookie set at sign-in, or the browser keeps it.
    expect(out.headers.get("set-cookie")).toMatch(/^__Host-[^=]+=; Max-Age=0; Path=\/; Secure/);
    // The old cookie, replayed, opens nothing.
    expect((await browser("/sluzhiteli/", { cookie })).status).toBe(303);
    expect(await count("SELECT 1 FROM audit_log WHERE actor = ? AND action = 'sign_out'", CLERK)).toBeGreaterThan(0);
    expect(mainText(await (await browser("/sluzhiteli/vhod/?izhod")).text())).toContain(SIGN_IN_TEXT.signedOut);
  });

  it("ends when content no longer lists the address", async () => {
    const cookie = await signIn(CLERK);
    const hash = await sha256Hex(cookie.split("=")[1] as string);
    await db()
      .prepare("UPDATE staff_sessions SET email = 'left@kostinbrod.example' WHERE token_hash = ?")
      .bind(hash)
      .run();
    expect((await browser("/sluzhiteli/", { cookie })).status).toBe(303);
  });
});

describe("closed without a session", () => {
  it("every staff page answers 303 to the sign-in page and shows no data", async () => {
    const { id } = await fileComplaint();
    const pages = [
      "/sluzhiteli/",
      `/sluzhiteli/${id}/`,
      "/sluzhiteli/zapis/",
      "/sluzhiteli/export.csv?year=2026",
      "/sluzhiteli/nyama/",
      "/sluzhiteli/?deadline=overdue",
    ];
    for (const path of pages) {
      const response = await browser(path, { cookie: "__Host-harta-sluzhitel=forged" });
      expect(response.status, path).toBe(303);
      expect(response.headers.get("location"), path).toBe("/sluzhiteli/vhod/");
      expect(await response.text(), path).not.toContain("Неприветливо");
    }
    for (const action of ["status", "answer", "extend", "assign", "note"]) {
      const response = await browser(`/sluzhiteli/${id}/${action}/`, { form: { status: "in_progress", text: "x" } });
      expect(response.status, action).toBe(303);
      expect(response.headers.get("location")).toBe("/sluzhiteli/vhod/");
    }
    const row = await db().prepare("SELECT status, version FROM submissions WHERE id = ?").bind(id).first();
    expect(row).toEqual({ status: "registered", version: 0 });
  });

  it("every staff API answers 401 with a Bulgarian message", async () => {
    const { id } = await fileComplaint();
    for (const [path, body] of [
      ["/api/staff/submissions", undefined],
      [`/api/staff/submissions/${id}`, undefined],
      [`/api/staff/submissions/${id}/status`, { status: "in_progress" }],
      [`/api/staff/submissions/${id}/answer`, { text: "Отговор" }],
      [`/api/staff/submissions/${id}/extend`, { deadline: "2099-01-01", reason: "x" }],
      [`/api/staff/submissions/${id}/assign`, { email: CLERK }],
    ] as const) {
      const response = await api(path, { body });
      expect(response.status, path).toBe(401);
      expect(await response.json()).toEqual({ error: "Влезте в системата, за да продължите." });
    }
  });

  it("a cross-site post is refused with 403, session or not", async () => {
    const cookie = await signIn(CLERK);
    const { id } = await fileComplaint();
    for (const headers of [
      { "Sec-Fetch-Site": "cross-site", Origin: "https://evil.example" },
      { "Sec-Fetch-Site": undefined, Origin: "https://evil.example" },
      { "Sec-Fetch-Site": "same-site", Origin: undefined },
    ]) {
      const response = await browser(`/sluzhiteli/${id}/status/`, { form: { status: "in_progress" }, cookie, headers });
      expect(response.status).toBe(403);
      const json = await api(`/api/staff/submissions/${id}/status`, {
        body: { status: "in_progress" },
        cookie,
        headers,
      });
      expect(json.status).toBe(403);
    }
    const signInPost = await browser("/sluzhiteli/vhod/", {
      form: { email: CLERK },
      headers: { "Sec-Fetch-Site": "cross-site", Origin: "https://evil.example" },
    });
    expect(signInPost.status).toBe(403);
    expect((await db().prepare("SELECT status FROM submissions WHERE id = ?").bind(id).first())?.status).toBe(
      "registered",
    );
  });
});

describe("„Изход“, as the browser reads it", () => {
  it("on plain http (npm start on localhost) sets and clears one cookie without __Host- and Secure, which http cannot keep", async () => {
    const origin = "http://localhost:8787";
    const link = await requestLink(CLERK);
    const signedIn = await browser(link, { method: "POST", form: {}, origin });
    expect(signedIn.status).toBe(303);
    const set = cookieParts(signedIn);
    expect(set[0]).toMatch(/^harta-sluzhitel=[^;]+$/);
    expect(set).toEqual(expect.arrayContaining(["Path=/", "HttpOnly", "SameSite=Strict"]));
    expect(set).not.toContain("Secure");
    const cookie = set[0] ?? "";
    expect((await browser("/sluzhiteli/", { cookie, origin })).status).toBe(200);
    const out = await browser("/sluzhiteli/izhod/", { method: "POST", form: {}, cookie, origin });
    const cleared = cookieParts(out);
    expect(cleared[0]).toBe("harta-sluzhitel=");
    expect(cleared).toEqual(expect.arrayContaining(["Max-Age=0", "Path=/"]));
    expect(cleared).not.toContain("Secure");
    expect((await browser("/sluzhiteli/", { cookie, origin })).status).toBe(303);
  });

  it("clears the very cookie it set: the same name, path and Secure, so the browser drops it", async () => {
    const cookie = await signIn(CLERK);
    const out = await browser("/sluzhiteli/izhod/", { method: "POST", form: {}, cookie });
    const cleared = cookieParts(out);
    expect(cleared[0]).toBe("__Host-harta-sluzhitel=");
    expect(cleared).toEqual(expect.arrayContaining(["Max-Age=0", "Path=/", "Secure"]));
  });
});
