/**
 * Normalises what residents type before it is validated, stored or mailed.
 * Single-line values lose every line break and control character, so nothing a
 * resident types can ever start a new e-mail header line.
 */

// C0/C1 controls and Unicode line/paragraph separators; bidi overrides that could disguise text.
const CONTROLS_ALL = /[\p{Cc}\u2028\u2029]/gu;
const CONTROLS_EXCEPT_NEWLINE_TAB = /(?![\n\t])\p{Cc}/gu;
const BIDI_OVERRIDES = /[\u202a-\u202e\u2066-\u2069]/g;
/** Characters that show nothing: zero-width spaces and joiners, word joiner, BOM, direction marks. */
const INVISIBLE_OR_SPACE = /^[\s\u200b-\u200f\u2060-\u2064\ufeff\u061c\u180e]*$/u;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Lone surrogates (from broken clients) become U+FFFD, so the text is valid UTF-8 when stored. */
function wellFormed(value: string): string {
  const native = (value as { toWellFormed?: () => string }).toWellFormed;
  return native ? native.call(value) : value.replace(LONE_SURROGATE, "\ufffd");
}

/** Text that shows nothing to a reader counts as not filled in. */
function visibleOrEmpty(value: string): string {
  return INVISIBLE_OR_SPACE.test(value) ? "" : value;
}

/** One line: controls become spaces, runs of spaces collapse, ends are trimmed. */
export function cleanLine(value: string): string {
  return visibleOrEmpty(
    wellFormed(value)
      .normalize("NFC")
      .replace(BIDI_OVERRIDES, "")
      .replace(CONTROLS_ALL, " ")
      .replace(/\s+/g, " ")
      .trim(),
  );
}

/** Free text: line breaks become "\n", other controls disappear, ends are trimmed. */
export function cleanText(value: string): string {
  return visibleOrEmpty(
    wellFormed(value)
      .normalize("NFC")
      .replace(BIDI_OVERRIDES, "")
      .replace(/\r\n?|[\u2028\u2029]/g, "\n")
      .replace(CONTROLS_EXCEPT_NEWLINE_TAB, "")
      .replace(/[ \t]+$/gm, "")
      .trim(),
  );
}
