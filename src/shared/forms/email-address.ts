/**
 * E-mail addresses as residents type them, including internationalised domains
 * (`.бг`, `пример.бг`). The domain is checked in its ASCII (punycode) form, where the
 * DNS limits apply: labels of at most 63 characters, 253 in all; the local part is at
 * most 64 characters (RFC 5321).
 */

const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

/** The domain in ASCII (IDNA, as browsers do it), or null when it is not a host name. */
function asciiDomain(domain: string): string | null {
  if (!domain || /[/?#:@\\\s%[\]]/.test(domain)) return null;
  try {
    return new URL(`http://${domain}/`).hostname;
  } catch {
    return null;
  }
}

export function isEmailAddress(value: string): boolean {
  const at = value.lastIndexOf("@");
  if (at < 1) return false;
  const local = value.slice(0, at);
  if (local.length > 64 || !LOCAL_PART.test(local)) return false;
  const domain = asciiDomain(value.slice(at + 1));
  if (!domain || domain.length > 253) return false;
  const labels = domain.split(".");
  if (labels.length < 2 || !labels.every((l) => l.length <= 63 && LABEL.test(l))) return false;
  return !/^\d+$/.test(labels.at(-1) ?? "");
}
