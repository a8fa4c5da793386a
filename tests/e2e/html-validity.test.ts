/**
 * Valid HTML, by the W3C Nu HTML Checker: every page of the built site, and every kind
 * of page the Worker renders — receipt, refused form, the 4xx pages (the 503 form needs a
 * failing D1, which only the workerd tests can give), the feedback
 * thank-you page, the public report (and its 404), and the staff pages (sign-in, the link,
 * registry, a submission, a refused action, the record, the report) — fetched from the e2e
 * server as a browser gets them.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { sentEmails, waitForEmail } from "./support/mail";
import { checkHtml } from "./support/vnu";

const base = inject("baseUrl");
const out = mkdtempSync(path.join(tmpdir(), "harta-vnu-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

let ip = 0;
/** A same-origin browser request without JavaScript. */
async function request(
  pathname: string,
  init: { form?: Record<string, string>; body?: string; type?: string; cookie?: string; ip?: string } = {},
) {
  ip++;
  const headers: Record<string, string> = {
    Origin: base,
    "Sec-Fetch-Site": "same-origin",
    Accept: "text/html",
    "CF-Connecting-IP": init.ip ?? `10.93.${ip >> 8}.${ip & 255}`,
  };
  if (init.cookie) headers.Cookie = init.cookie;
  const body = init.form ? new URLSearchParams(init.form).toString() : init.body;
  if (body !== undefined) headers["Content-Type"] = init.type ?? "application/x-www-form-urlencoded";
  return fetch(`${base}${pathname}`, {
    method: body === undefined ? "GET" : "POST",
    headers,
    body,
    redirect: "manual",
  });
}

const pages: { name: string; status: number }[] = [];
async function keep(name: string, response: Response | Promise<Response>, status: number) {
  const r = await response;
  expect(r.status, name).toBe(status);
  expect(r.headers.get("content-type"), name).toContain("text/html");
  mkdirSync(path.join(out, "worker"), { recursive: true });
  writeFileSync(path.join(out, "worker", `${name}.html`), await r.text());
  pages.push({ name, status });
}

const complaint = (extra: Record<string, string> = {}) => ({
  municipality: "kostinbrod",
  kind: "complaint",
  subject: "Проверка на HTML",
  message: `Текст за проверката на HTML. ${crypto.randomUUID()}`,
  name: "Мария Иванова",
  email: "maria.vnu@example.com",
  phone: "",
  address: "",
  ...extra,
});

describe("the Nu HTML Checker", () => {
  it("finds no error in any page of the built site or the Worker", async () => {
    // The resident's pages the Worker renders.
    const filed = await request("/api/submissions", { form: complaint() });
    expect(filed.status).toBe(303);
    const receipt = new URL(filed.headers.get("location") ?? "", base).pathname;
    await keep("receipt", request(receipt), 200);
    await keep("refused-form", request("/api/submissions", { form: complaint({ subject: "", name: "" }) }), 422);
    await keep("receipt-not-found", request("/potvarzhdenie/AAAAAAAAAAAAAAAAAAAAAA/"), 404);
    await keep("bad-encoding", request("/api/submissions", { body: "subject=%FF" }), 400);
    await keep("too-large", request("/api/submissions", { body: `message=${"а".repeat(70_000)}` }), 413);
    await keep("wrong-type", request("/api/submissions", { body: "x", type: "text/plain" }), 415);
    await keep(
      "feedback-thanks",
      request("/api/feedback", { form: { page: "/kostinbrod/", useful: "yes", comment: "" } }).then((r) =>
        request(new URL(r.headers.get("location") ?? "/", base).pathname),
      ),
      200,
    );
    await keep("survey-thanks", request("/obratna-vrazka/anketa/kostinbrod/"), 200);
    // The public report: the year so far, a past year, a year there is no report for.
    const thisYear = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Sofia", year: "numeric" }).format(new Date());
    await keep("report", request(`/kostinbrod/otchet/${thisYear}/`), 200);
    await keep("report-past-year", request("/kovachevtsi/otchet/2025/"), 200);
    await keep("report-not-found", request("/kostinbrod/otchet/1999/"), 404);
    // Ten accepted posts a minute from one address; the eleventh is refused.
    for (let i = 0; i < 10; i++) await request("/api/submissions", { form: complaint(), ip: "10.94.0.1" });
    await keep("too-many", request("/api/submissions", { form: complaint(), ip: "10.94.0.1" }), 429);

    // The staff side: sign in through the link in the e-mail, then every kind of page.
    const before = new Set(sentEmails().map((m) => m.file));
    await keep("staff-sign-in", request("/sluzhiteli/vhod/"), 200);
    await keep("staff-sign-in-error", request("/sluzhiteli/vhod/", { form: { email: "не-е-адрес" } }), 422);
    await keep(
      "staff-link-sent",
      request("/sluzhiteli/vhod/", { form: { email: "rakovoditel@kostinbrod.example" } }),
      200,
    );
    const mail = await waitForEmail(
      (m) => !before.has(m.file) && (m.headers.to ?? "").includes("rakovoditel@kostinbrod.example"),
    );
    const link = new URL(mail.text.split(/\r?\n/).find((l) => l.includes("/sluzhiteli/vhod/")) ?? "", base).pathname;
    await keep("staff-link", request(link), 200);
    const signedIn = await request(link, { form: {} });
    expect(signedIn.status).toBe(303);
    const cookie = (signedIn.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    await keep("staff-link-used", request(link), 410);
    await keep("staff-registry", request("/sluzhiteli/", { cookie }), 200);
    await keep("staff-registry-bad-filter", request("/sluzhiteli/?year=20", { cookie }), 400);
    const registry = await (
      await request(`/sluzhiteli/?q=${encodeURIComponent("Проверка на HTML")}`, { cookie })
    ).text();
    const id = /href="\/sluzhiteli\/(\d+)\/"/.exec(registry)?.[1];
    expect(id).toBeDefined();
    await keep("staff-submission", request(`/sluzhiteli/${id}/`, { cookie }), 200);
    await keep(
      "staff-refused-action",
      request(`/sluzhiteli/${id}/extend/`, { form: { deadline: "2020-01-01", reason: "" }, cookie }),
      422,
    );
    await keep("staff-not-found", request("/sluzhiteli/999999999/", { cookie }), 404);
    await keep("staff-record", request("/sluzhiteli/zapis/", { cookie }), 200);
    await keep("staff-report", request("/sluzhiteli/otchet/", { cookie }), 200);
    await keep("staff-report-bad-year", request("/sluzhiteli/otchet/?year=20", { cookie }), 400);

    const dist = path.resolve("dist");
    const built = readdirSync(dist, { recursive: true, encoding: "utf8" }).filter(
      (f) => f.endsWith(".html") && !f.startsWith("harta-data"),
    );
    expect(built.length).toBeGreaterThan(20);
    for (const file of built) {
      mkdirSync(path.dirname(path.join(out, "site", file)), { recursive: true });
      copyFileSync(path.join(dist, file), path.join(out, "site", file));
    }

    const errors = checkHtml(out);
    expect(errors.map((e) => `${e.file}:${e.line ?? "?"}: ${e.message}`)).toEqual([]);
  });
});
