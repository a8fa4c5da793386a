/**
 * The staff side as a script sees it, and the requests a page never sends: JSON
 * sign-in, unreadable bodies, a mailer that fails, a refusal shown on the page, a
 * clerk asking for managers' things, addresses without their final slash.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { UNAUTHENTICATED } from "../../functions/staff/guard";
import { SIGN_IN_TEXT } from "../../functions/staff/sign-in";
import { api, browser, CLERK, capturingMailer, fileComplaint, hourLater, signIn } from "./staff-support";
import { call, count, mainText, nextIp, ORIGIN } from "./support";

afterEach(() => vi.restoreAllMocks());

/** A script asking for a sign-in link. */
function askForLink(body: unknown, ip = nextIp(), contentType = "application/json") {
  return call(
    new Request(`${ORIGIN}/sluzhiteli/vhod/`, {
      method: "POST",
      headers: { "Content-Type": contentType, Accept: "application/json", Origin: ORIGIN, "CF-Connecting-IP": ip },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );
}

describe("signing in from a script", () => {
  it("answers JSON: the same message for anyone, the field's error, and the hourly limit with Retry-After", async () => {
    await hourLater(CLERK);
    const sent = await askForLink({ email: CLERK });
    expect(sent.status).toBe(200);
    expect(await sent.json()).toEqual({ message: SIGN_IN_TEXT.sent });
    const bad = await askForLink({ email: "не е адрес" });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toEqual({ errors: { email: SIGN_IN_TEXT.badEmail } });
    const ip = nextIp();
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 6; i++) {
      last = await askForLink({ email: `nikoy${i}@example.com` }, ip);
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect(await last?.json()).toEqual({ error: SIGN_IN_TEXT.tooMany });
    expect(last?.headers.get("retry-after")).toBe("3600");
  });

  it("a body it cannot read is refused with the reason (415)", async () => {
    const response = await askForLink("email=x", nextIp(), "text/plain");
    expect(response.status).toBe(415);
  });

  it("a link that cannot be mailed is logged without the address, and the page says the same as ever", async () => {
    await hourLater(CLERK);
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const { mailer } = capturingMailer(() => true);
    const response = await browser("/sluzhiteli/vhod/", { form: { email: CLERK }, env: { MAILER: mailer } });
    expect(response.status).toBe(200);
    expect(mainText(await response.text())).toContain(SIGN_IN_TEXT.sent);
    const lines = logged.mock.calls.map((c) => String(c[0])).join("\n");
    expect(lines).toContain('"event":"sign_in.mail_failed"');
    expect(lines).not.toContain(CLERK);
  });
});

describe("signing out without a session", () => {
  it("leads to the sign-in page and records nothing", async () => {
    const before = await count("SELECT 1 FROM audit_log WHERE action = 'sign_out'");
    const out = await browser("/sluzhiteli/izhod/", { method: "POST", form: {} });
    expect(out.status).toBe(303);
    expect(out.headers.get("location")).toBe("/sluzhiteli/vhod/?izhod");
    expect(await count("SELECT 1 FROM audit_log WHERE action = 'sign_out'")).toBe(before);
  });
});

describe("a clerk's requests", () => {
  let clerk: string;

  beforeAll(async () => {
    clerk = await signIn(CLERK);
  });

  it("an action whose body cannot be read is refused with the reason (415), nothing changed", async () => {
    const { id } = await fileComplaint();
    const response = await api(`/api/staff/submissions/${id}/note`, {
      cookie: clerk,
      headers: { "Content-Type": "text/plain" },
      body: "note",
    });
    expect(response.status).toBe(415);
    expect(((await response.json()) as { error: string }).error).toMatch(/^Неподдържан формат/);
  });

  it("a step refused on the page says why (409)", async () => {
    const { id } = await fileComplaint({ kind: "praise", subject: "", message: `Браво! ${crypto.randomUUID()}` });
    const response = await browser(`/sluzhiteli/${id}/status/`, {
      form: { status: "in_progress" },
      cookie: clerk,
    });
    expect(response.status).toBe(409);
    const text = mainText(await response.text());
    expect(text).toContain("не може да се премине към „В процес на разглеждане“");
  });

  it("the whole record and the export are for managers: 403 for a clerk, as JSON too", async () => {
    const record = await api("/sluzhiteli/zapis/", { cookie: clerk });
    expect(record.status).toBe(403);
    expect(((await record.json()) as { error: string }).error).toMatch(/ръководител/);
  });

  it("a submission's address without the final slash leads to it", async () => {
    const { id } = await fileComplaint();
    const response = await browser(`/sluzhiteli/${id}`, { cookie: clerk });
    expect(response.status).toBe(301);
    expect(response.headers.get("location")).toBe(`/sluzhiteli/${id}/`);
  });
});

describe("the staff API without a session", () => {
  it("answers 401 in JSON even to a script that does not ask for JSON; a staff page sends the browser to sign in", async () => {
    for (const accept of ["*/*", "text/html"]) {
      const response = await call(new Request(`${ORIGIN}/api/staff/submissions`, { headers: { Accept: accept } }));
      expect(response.status, accept).toBe(401);
      expect(await response.json()).toEqual({ error: UNAUTHENTICATED });
    }
    const page = await browser("/sluzhiteli/api/", { headers: { Accept: "text/html" } });
    expect(page.status).toBe(303);
    expect(page.headers.get("location")).toBe("/sluzhiteli/vhod/");
  });
});
