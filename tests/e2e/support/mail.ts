/**
 * The e-mails the e2e server sent: wrangler writes each one the `send_email` binding
 * sends as an `.eml` file under `inject("emailDir")` (one subfolder per session).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { inject } from "vitest";

export interface SentEmail {
  file: string;
  /** Header names in lower case; values unfolded, still MIME-encoded where they were. */
  headers: Record<string, string>;
  /** The decoded text/plain part. */
  text: string;
}

function emlFiles(dir: string): string[] {
  let entries: import("node:fs").Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return []; // nothing sent yet
  }
  return entries.flatMap((e) =>
    e.isDirectory() ? emlFiles(path.join(dir, e.name)) : e.name.endsWith(".eml") ? [path.join(dir, e.name)] : [],
  );
}

function parseHeaders(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of block.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

function decode(body: string, encoding = ""): string {
  if (/base64/i.test(encoding)) return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (/quoted-printable/i.test(encoding)) {
    const bytes = body
      .replace(/=\r?\n/g, "")
      .replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
    return Buffer.from(bytes, "latin1").toString("utf8");
  }
  return body;
}

/** The first text/plain part of a message (multipart or not), decoded. */
function textPart(raw: string): string {
  const split = raw.search(/\r?\n\r?\n/);
  const headers = parseHeaders(raw.slice(0, split));
  const body = raw.slice(split).replace(/^\r?\n\r?\n/, "");
  const type = headers["content-type"] ?? "text/plain";
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (!boundary) return /^text\/plain/i.test(type) ? decode(body, headers["content-transfer-encoding"]) : "";
  for (const part of body.split(`--${boundary}`).slice(1)) {
    if (part.startsWith("--")) break;
    const text = textPart(part.replace(/^\r?\n/, ""));
    if (text) return text;
  }
  return "";
}

export function sentEmails(dir = inject("emailDir")): SentEmail[] {
  return emlFiles(dir).map((file) => {
    const raw = readFileSync(file, "utf8");
    return { file, headers: parseHeaders(raw.slice(0, raw.search(/\r?\n\r?\n/))), text: textPart(raw) };
  });
}

/**
 * Waits for an e-mail the test caused, e.g. `waitForEmail((m) => m.headers.to.includes(address))`.
 * The Worker sends it after answering (in `waitUntil`) and wrangler writes the file after
 * that, so it appears a little later: this looks every 100 ms until it is there, failing
 * only after `timeout`.
 */
export async function waitForEmail(
  matches: (mail: SentEmail) => boolean,
  { timeout = 30_000, what = "the expected e-mail" } = {},
): Promise<SentEmail> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const found = sentEmails().find(matches);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no ${what} under ${inject("emailDir")} within ${timeout} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The e-mail addressed to `address`, once it has been written. */
export const emailTo = (address: string) =>
  waitForEmail((m) => (m.headers.to ?? "").includes(address), { what: `e-mail to ${address}` });
