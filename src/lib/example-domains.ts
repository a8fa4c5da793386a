/**
 * Names that are never anyone's public site or mailbox: the top-level domains and
 * domains reserved for examples and tests (RFC 2606, RFC 6761) and this machine. Shipped
 * content and configuration use them where a municipality's real addresses go; the
 * content check and `npm run deploy` recognise them by these names, not by guessing.
 */
const RESERVED_TLDS = ["example", "test", "invalid", "localhost"];
const RESERVED_DOMAINS = ["example.com", "example.net", "example.org"];

/** Whether a host name is reserved for examples, tests or this machine (or is a loopback address). */
export function isExampleHost(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, "");
  const tld = name.slice(name.lastIndexOf(".") + 1);
  return (
    RESERVED_TLDS.includes(tld) ||
    RESERVED_DOMAINS.some((domain) => name === domain || name.endsWith(`.${domain}`)) ||
    /^127\.\d+\.\d+\.\d+$/.test(name) ||
    name === "[::1]" ||
    name === "0.0.0.0"
  );
}

/** Whether an e-mail address is on such a domain, where no mail is ever delivered. */
export const isExampleAddress = (email: string): boolean =>
  email.includes("@") && isExampleHost(email.slice(email.lastIndexOf("@") + 1));
