/**
 * Normalises what residents type before it is validated, stored or mailed.
 * Single-line values lose every line break and control character, so nothing a
 * resident types can ever start a new e-mail header line.
 */

// C0/C1 controls and Unicode line/paragraph separators; bidi overrides that could disguise text.
const CONTROLS_ALL = /[\p{Cc}\u2028\u2029]/gu;
const CONTROLS_EXCEPT_NEWLINE_TAB = /(?![\n\t])\p{Cc}/gu;
const BIDI_OVERRIDES = /[\u202a-\u202e\u2066-\u2069]/g;

/** One line: controls become spaces, runs of spaces collapse, ends are trimmed. */
export function cleanLine(value: string): string {
  return value.normalize("NFC").replace(BIDI_OVERRIDES, "").replace(CONTROLS_ALL, " ").replace(/\s+/g, " ").trim();
}

/** Free text: line breaks become "\n", other controls disappear, ends are trimmed. */
export function cleanText(value: string): string {
  return value
    .normalize("NFC")
    .replace(BIDI_OVERRIDES, "")
    .replace(/\r\n?|[\u2028\u2029]/g, "\n")
    .replace(CONTROLS_EXCEPT_NEWLINE_TAB, "")
    .replace(/[ \t]+$/gm, "")
    .trim();
}
