/** Escaping for the HTML the site, the Worker's pages and the e-mails are rendered into. */

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes text for element content and for quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** ` name="value"` pairs; `false`/`undefined` omit the attribute, `true` writes it bare. */
export function attrs(map: Record<string, string | number | boolean | undefined>): string {
  let out = "";
  for (const [name, value] of Object.entries(map)) {
    if (value === undefined || value === false) continue;
    out += value === true ? ` ${name}` : ` ${name}="${escapeHtml(String(value))}"`;
  }
  return out;
}

/** Multi-line text as paragraphs-with-breaks, escaped. */
export function textToHtml(value: string): string {
  return escapeHtml(value).replace(/\n/g, "<br>");
}

/** Plain-text paragraphs as escaped `<p>` elements. */
export function paragraphs(texts: readonly string[]): string {
  return texts.map((t) => `<p>${escapeHtml(t)}</p>`).join("");
}
