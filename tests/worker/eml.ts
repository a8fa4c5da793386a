/**
 * Reads an e-mail the way a mail program does: postal-mime (the parser made for
 * Workers, and the one miniflare itself uses) decodes headers, encoded words and
 * parts; the raw text is kept beside it for what a parser hides (line lengths,
 * the encoding each part was sent in).
 */
import PostalMime, { type Address, type Email } from "postal-mime";

export interface MailPart {
  /** "text/plain", "text/html" */
  type: string;
  /** Lower case: charset names are case-insensitive (RFC 2046). */
  charset: string | undefined;
  /** Content-Transfer-Encoding, lower case. */
  encoding: string | undefined;
}

export interface ParsedMail {
  email: Email;
  /** The header block as sent, one entry per physical line (folded lines apart). */
  headerLines: string[];
  /** A header's value as sent, unfolded but not decoded. */
  rawHeader(name: string): string | undefined;
  /** The leaf parts, in order. */
  parts: MailPart[];
  /** The plain-text part, line ends as a reader's program shows them ("\n"). */
  text: string;
  /** The HTML part as sent (markup and entities). */
  html: string;
  /** What a person reads in the HTML part: tags gone, entities decoded, white space collapsed. */
  htmlText: string;
}

export async function parseEml(raw: string): Promise<ParsedMail> {
  const email = await PostalMime.parse(raw);
  const headerBlock = raw.slice(0, raw.indexOf("\r\n\r\n"));
  const headerLines = headerBlock.split("\r\n");
  const unfolded = headerBlock.replace(/\r\n[ \t]+/g, " ").split("\r\n");
  const rawHeader = (name: string) =>
    unfolded
      .find((h) => h.toLowerCase().startsWith(`${name.toLowerCase()}:`))
      ?.slice(name.length + 1)
      .trim();
  const boundary = /boundary="?([^";\s]+)"?/i.exec(rawHeader("Content-Type") ?? "")?.[1];
  const chunks = boundary ? raw.split(`\r\n--${boundary}`).slice(1, -1) : [];
  const parts = chunks.map((chunk) => {
    const head = chunk.slice(0, chunk.indexOf("\r\n\r\n"));
    const value = (name: string) => new RegExp(`^${name}:\\s*([^\\r\\n]+)`, "im").exec(head)?.[1]?.trim();
    const type = value("Content-Type") ?? "";
    return {
      type: type.split(";")[0]?.trim().toLowerCase() ?? "",
      charset: /charset="?([^";\s]+)/i.exec(type)?.[1]?.toLowerCase(),
      encoding: value("Content-Transfer-Encoding")?.toLowerCase(),
    };
  });
  const html = email.html ?? "";
  return {
    email,
    headerLines,
    rawHeader,
    parts,
    text: (email.text ?? "").replace(/\r\n/g, "\n"),
    html,
    htmlText: readable(html),
  };
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", nbsp: " " };

/** Text content of HTML as a reader sees it. */
export function readable(html: string): string {
  return html
    .replace(/<(br|\/p|\/li|\/tr|\/th|\/td|\/h\d)\b[^>]*>/gi, " ")
    .replace(/<[^>]*>/g, "")
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_m, name: string) => ENTITIES[name] ?? "")
    .replace(/\s+/g, " ")
    .trim();
}

/** "Name <address>" of a parsed mailbox, for short assertions. */
export function mailbox(address: Address | undefined): string {
  if (!address) return "";
  if (address.group) return address.group.map((a) => mailbox(a)).join(", ");
  return address.name ? `${address.name} <${address.address}>` : `<${address.address}>`;
}
