/** Off-screen and out of the tab order: people never see it, naive bots fill it. */
import { HONEYPOT_FIELD } from "../forms/fields";
import { LABELS } from "../forms/messages";

/** `idPrefix` keeps ids unique when two forms share a page ("f", "pf"). */
export function renderHoneypot(idPrefix: string): string {
  const id = `${idPrefix}-${HONEYPOT_FIELD}`;
  return `<div class="hp" aria-hidden="true"><label for="${id}">${LABELS.honeypot}</label><input id="${id}" name="${HONEYPOT_FIELD}" type="text" tabindex="-1" autocomplete="off" value=""></div>`;
}
