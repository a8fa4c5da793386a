/**
 * Helpers for the Worker tests: requests as a browser or a script would send them,
 * the Worker called with real bindings (or one replaced to inject a fault), and
 * the database read back.
 */
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { type Municipality, municipalities } from "../../functions/content/municipalities";
import type { OutboxRow } from "../../functions/db/outbox";
import type { SubmissionRow } from "../../functions/db/submissions";
import type { Bindings } from "../../functions/env";
import worker from "../../functions/index";
import { dedupKey, newReceiptToken } from "../../functions/submissions/identity";
import { register } from "../../functions/submissions/register";
import { type Submission, validateSubmission } from "../../src/shared/forms/schema";

export type { OutboxRow, SubmissionRow };

export const ORIGIN = "https://harta.test";

let ipCounter = 0;
/** A fresh client address per request, so the rate limit only trips where a test means it to. */
export function nextIp(): string {
  ipCounter++;
  return `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
}

export type Fields = Record<string, string>;

export function complaint(overrides: Fields = {}): Fields {
  return {
    municipality: "kostinbrod",
    kind: "complaint",
    subject: "Неприветливо обслужване на гишето",
    message: `На 20.11 служителят на гише 3 отказа да приеме заявлението ми. (${crypto.randomUUID()})`,
    name: "Мария Иванова",
    email: "maria@example.com",
    phone: "0888 123 456",
    address: "",
    ...overrides,
  };
}

interface SendOptions {
  /** Extra headers; `undefined` removes a default one. */
  headers?: Record<string, string | undefined>;
  /** Replace bindings, e.g. a failing DB or mailer. */
  env?: Partial<Bindings>;
  ip?: string;
}

/** Calls the Worker directly and waits for its background work (e-mail, KV). */
export async function call(request: Request, options: SendOptions = {}): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await worker.fetch(request, { ...(env as unknown as Bindings), ...options.env }, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

function headersOf(defaults: Record<string, string>, extra: Record<string, string | undefined> = {}): Headers {
  const headers = new Headers(defaults);
  for (const [name, value] of Object.entries(extra)) {
    if (value === undefined) headers.delete(name);
    else headers.set(name, value);
  }
  return headers;
}

/** A browser without JavaScript posting the form. */
export function postForm(fields: Fields | string, options: SendOptions = {}): Promise<Response> {
  const body = typeof fields === "string" ? fields : new URLSearchParams(fields).toString();
  return call(
    new Request(`${ORIGIN}/api/submissions`, {
      method: "POST",
      redirect: "manual",
      headers: headersOf(
        {
          "Content-Type": "application/x-www-form-urlencoded",
          Origin: ORIGIN,
          "Sec-Fetch-Site": "same-origin",
          "CF-Connecting-IP": options.ip ?? nextIp(),
        },
        options.headers,
      ),
      body,
    }),
    options,
  );
}

/** The page's script (or any client) posting JSON. */
export function postJson(body: unknown, options: SendOptions = {}): Promise<Response> {
  return call(
    new Request(`${ORIGIN}/api/submissions`, {
      method: "POST",
      headers: headersOf(
        {
          "Content-Type": "application/json",
          Accept: "application/json",
          Origin: ORIGIN,
          "CF-Connecting-IP": options.ip ?? nextIp(),
        },
        options.headers,
      ),
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
    options,
  );
}

/**
 * 09:00 in Sofia on Friday 27 November 2026, on the hour: every cron task runs then (the morning
 * digest only from 08:00 Sofia time on a working day, the hourly clean-up on the hour), and, being
 * in the past, no test that fires the cron "from now" can have claimed that day's digest.
 */
export const PAST_WORKING_MORNING = "2026-11-27T07:00:00Z";

export const db = () => (env as unknown as Bindings).DB;

/** A municipality as the Worker loads it from the built site. */
export async function municipality(id: string): Promise<Municipality> {
  const m = (await municipalities((env as unknown as Bindings).ASSETS)).byId(id);
  if (!m) throw new Error(`no municipality ${id} in dist/`);
  return m;
}

/** The fields as the form schema accepts them (every municipality known); throws on an error. */
export function validSubmission(fields: Fields): Submission {
  const result = validateSubmission(fields, { isKnownMunicipality: () => true });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

/** Registers the fields as the route would at `now`, without the first send that follows. */
export async function registerAt(fields: Fields, now: Date, m?: Municipality) {
  const submission = validSubmission(fields);
  const receiptToken = newReceiptToken();
  return register(db(), {
    submission,
    municipality: m ?? (await municipality("kostinbrod")),
    receiptToken,
    dedupKey: await dedupKey(submission, "", receiptToken),
    now,
  });
}

export async function submissionByReference(
  reference: string,
  municipality = "kostinbrod",
): Promise<SubmissionRow | null> {
  return db()
    .prepare("SELECT * FROM submissions WHERE municipality = ? AND reference = ?")
    .bind(municipality, reference)
    .first<SubmissionRow>();
}

export async function submissionsWithMessage(message: string): Promise<SubmissionRow[]> {
  return (await db().prepare("SELECT * FROM submissions WHERE message = ?").bind(message).all<SubmissionRow>()).results;
}

export async function outboxOf(submissionId: number): Promise<OutboxRow[]> {
  return (
    await db()
      .prepare("SELECT * FROM email_outbox WHERE submission_id = ? ORDER BY id")
      .bind(submissionId)
      .all<OutboxRow>()
  ).results;
}

export async function count(sql: string, ...params: unknown[]): Promise<number> {
  const row = await db()
    .prepare(`SELECT COUNT(*) AS n FROM (${sql})`)
    .bind(...params)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

/** A send_email binding that records what it was asked to send, and can be told to fail. */
export function recordingMailer(fail: () => boolean = () => false) {
  const sent: { from: string; to: string }[] = [];
  const mailer = {
    async send(message: { from: string; to: string }) {
      if (fail()) throw new Error("send_email: upstream unavailable");
      sent.push({ from: message.from, to: message.to });
      return { messageId: `<${crypto.randomUUID()}@harta.test>` };
    },
  };
  return { mailer: mailer as unknown as SendEmail, sent };
}

/**
 * The built assets, with the answer at one path replaced: a fault (the shell page gone),
 * or the real answer changed (a test municipality added). `real` fetches the real answer.
 */
export function assetsWith(
  pathname: string,
  answer: (real: () => Promise<Response>) => Response | Promise<Response>,
): Fetcher {
  const assets = (env as unknown as Bindings).ASSETS;
  return {
    async fetch(input: RequestInfo | URL, init?: RequestInit) {
      const request = new Request(input, init);
      if (new URL(request.url).pathname !== pathname) return assets.fetch(request);
      return answer(() => assets.fetch(request));
    },
  } as unknown as Fetcher;
}

/** A D1 database whose every query fails, as when D1 is unavailable. */
export function failingDatabase(): D1Database {
  const fail = () => {
    throw new Error("D1_ERROR: Network connection lost.");
  };
  const statement = { bind: () => statement, run: fail, all: fail, first: fail, raw: fail };
  return {
    prepare: () => statement,
    batch: async () => fail(),
    exec: async () => fail(),
  } as unknown as D1Database;
}

/** Text with markup in it, marked with where it was typed: a missing escape shows up as a live tag. */
export const markup = (where: string) => `<b onclick="x('${where}')">${where}</b> & <img src=x>`;

/** The same text as HTML must carry it, so that a reader sees exactly what was typed. */
export const escapedMarkup = (where: string) =>
  `&lt;b onclick=&quot;x(&#39;${where}&#39;)&quot;&gt;${where}&lt;/b&gt; &amp; &lt;img src=x&gt;`;

/** A tag of `markup` that reached HTML as a tag. */
export const LIVE_MARKUP = /<(b|img)\b/i;

/** A page's <title>: what a tab shows and a screen reader announces first. */
export const titleIn = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1];

/** A page's <main> as HTML, without the shell's script (a build artefact with a hashed name). */
export const mainHtml = (html: string) =>
  html
    .slice(html.indexOf("<main"), html.indexOf("</main>") + "</main>".length)
    .replace(/<script type="module" src="\/_astro\/[^"]+"><\/script>/g, "");

/** The text inside <main>, tags removed: what a reader sees. */
export function mainText(html: string): string {
  const main = html.slice(html.indexOf("<main"), html.indexOf("</main>"));
  return main
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}
