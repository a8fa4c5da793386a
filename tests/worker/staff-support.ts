/**
 * Helpers for the staff-side tests: a mailer that keeps the raw messages (the
 * sign-in link is read out of the e-mail, as a clerk would click it), signing in
 * through the real link flow, and staff requests as a same-origin browser or a
 * script sends them.
 */
import { env } from "cloudflare:test";
import type { Bindings } from "../../functions/env";
import { addressKey } from "../../functions/staff/sign-in";
import { parseEml } from "./eml";
import { call, nextIp, ORIGIN, postForm } from "./support";

export const CLERK = "delovoditel@kostinbrod.example";
export const MANAGER = "rakovoditel@kostinbrod.example";
export const OTHER_CLERK = "delovoditel@kovachevtsi.example";

export interface SentMail {
  from: string;
  to: string;
  raw: string;
}

/** A send_email binding that keeps every message it was asked to send. */
export function capturingMailer(fail: () => boolean = () => false) {
  const sent: SentMail[] = [];
  const mailer = {
    async send(message: { from: string; to: string }) {
      if (fail()) throw new Error("send_email: upstream unavailable");
      // The local EmailMessage keeps the raw text under this key (there is no public getter).
      const body = (message as unknown as Record<string, unknown>)["EmailMessage::raw"];
      const raw = typeof body === "string" ? body : await new Response(body as BodyInit).text();
      sent.push({ from: message.from, to: message.to, raw });
      return { messageId: `<${crypto.randomUUID()}@harta.test>` };
    },
  };
  return { mailer: mailer as unknown as SendEmail, sent };
}

/** Header values; `undefined` removes a default one. */
type Headers = Record<string, string | undefined>;

/** A same-origin browser request (a staff page's own form or link). */
export function browser(
  path: string,
  init: {
    method?: string;
    form?: Record<string, string>;
    cookie?: string;
    headers?: Headers;
    env?: Partial<Bindings>;
    /** Where the page is served from: https by default, as deployed. */
    origin?: string;
  } = {},
) {
  const origin = init.origin ?? ORIGIN;
  const headers: Headers = {
    "Sec-Fetch-Site": "same-origin",
    Origin: origin,
    "CF-Connecting-IP": nextIp(),
    ...(init.cookie ? { Cookie: init.cookie } : {}),
    ...(init.form ? { "Content-Type": "application/x-www-form-urlencoded" } : {}),
    ...init.headers,
  };
  if (!init.form && (init.method ?? "GET") === "GET") delete headers.Origin;
  const sent = Object.fromEntries(Object.entries(headers).filter((e): e is [string, string] => e[1] !== undefined));
  return call(
    new Request(`${origin}${path}`, {
      method: init.method ?? (init.form ? "POST" : "GET"),
      redirect: "manual",
      headers: sent,
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
    }),
    { env: init.env },
  );
}

/** A script with the session cookie: JSON in, JSON out. */
export function api(
  path: string,
  init: { method?: string; body?: unknown; cookie?: string; headers?: Headers; env?: Partial<Bindings> } = {},
) {
  return call(
    new Request(`${ORIGIN}${path}`, {
      method: init.method ?? (init.body === undefined ? "GET" : "POST"),
      headers: {
        Accept: "application/json",
        ...(init.body === undefined ? {} : { "Content-Type": "application/json" }),
        ...(init.cookie ? { Cookie: init.cookie } : {}),
        ...Object.fromEntries(
          Object.entries(init.headers ?? {}).filter((e): e is [string, string] => e[1] !== undefined),
        ),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    }),
    { env: init.env },
  );
}

/** The sign-in link in an e-mail's text part, on its own line. */
export async function linkIn(mail: SentMail): Promise<string> {
  const text = (await parseEml(mail.raw)).text;
  const origin = (env as unknown as Bindings).PUBLIC_ORIGIN;
  const line = text.split("\n").find((l) => l.startsWith(`${origin}/sluzhiteli/vhod/`));
  if (!line) throw new Error(`no sign-in link in:\n${text}`);
  return new URL(line.trim()).pathname;
}

/** As if an hour had passed since this address last asked for links (the limit is 5 an hour). */
export async function hourLater(email: string): Promise<void> {
  const hash = await addressKey(email);
  await (env as unknown as Bindings).DB.prepare(
    "UPDATE sign_in_requests SET requested_at = requested_at - 3600000 WHERE email_hash = ?",
  )
    .bind(hash)
    .run();
}

/** Asks for a link and returns its path (as the e-mail carries it). */
export async function requestLink(email: string): Promise<string> {
  await hourLater(email);
  const { mailer, sent } = capturingMailer();
  const response = await browser("/sluzhiteli/vhod/", { form: { email }, env: { MAILER: mailer } });
  if (response.status !== 200) throw new Error(`sign-in request answered ${response.status}`);
  const mail = sent.find((m) => m.to === email);
  if (!mail) throw new Error(`no link was sent to ${email}`);
  return linkIn(mail);
}

/** The parts of the cookie a response sets: "name=value" first, then its attributes. */
export const cookieParts = (response: Response): string[] =>
  (response.headers.get("set-cookie") ?? "").split(";").map((p) => p.trim());

/** The cookie pair ("name=value") a response sets. */
export function cookieOf(response: Response): string {
  const header = response.headers.get("set-cookie") ?? "";
  const pair = header.split(";")[0] ?? "";
  if (!pair.includes("=") || pair.endsWith("=")) throw new Error(`no session cookie in ${JSON.stringify(header)}`);
  return pair;
}

/** Signs in through the e-mailed link and the button; returns the session cookie. */
export async function signIn(email: string): Promise<string> {
  const link = await requestLink(email);
  const response = await browser(link, { method: "POST", form: {} });
  if (response.status !== 303) throw new Error(`pressing the sign-in button answered ${response.status}`);
  return cookieOf(response);
}

/** Files a complaint as a resident and returns its id and reference. */
export async function fileComplaint(fields: Record<string, string> = {}, municipality = "kostinbrod") {
  const response = await postForm({
    municipality,
    kind: "complaint",
    subject: "Неприветливо обслужване на гишето",
    message: `Служителят отказа да приеме заявлението ми. (${crypto.randomUUID()})`,
    name: "Мария Иванова",
    email: "maria@example.com",
    phone: "",
    address: "",
    ...fields,
  });
  const location = response.headers.get("location") ?? "";
  const token = location.split("/")[2] ?? "";
  const row = await (env as unknown as Bindings).DB.prepare(
    "SELECT id, reference, receipt_token FROM submissions WHERE receipt_token = ?",
  )
    .bind(token)
    .first<{ id: number; reference: string; receipt_token: string }>();
  if (!row) throw new Error(`complaint not registered (${response.status})`);
  return { id: row.id, reference: row.reference, receiptPath: location };
}
