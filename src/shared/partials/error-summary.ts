/**
 * GOV.UK's error summary: at the top of the page, takes focus (autofocus without
 * JavaScript), names the problem and links each message to its field.
 */

import { SUMMARY_TITLE } from "../forms/messages";
import { attrs, escapeHtml } from "../html";

export interface SummaryItem {
  /** The id of the field the message is about, without "#". */
  target: string;
  message: string;
}

export interface ErrorSummary {
  items?: readonly SummaryItem[];
  /** A problem not tied to a field, shown above the list. */
  problem?: string;
  title?: string;
  /** A page that is only the problem has it as its heading. */
  heading?: "h1" | "h2";
  /** Extra attributes, e.g. the hooks the form script uses. */
  hooks?: Record<string, string | boolean>;
}

export function renderErrorSummary(s: ErrorSummary): string {
  const heading = s.heading ?? "h2";
  const items = s.items ?? [];
  const problem = s.problem ? `<p>${escapeHtml(s.problem)}</p>` : "";
  const list = items.length
    ? `<ul class="error-summary-list">${items.map((i) => `<li><a href="#${escapeHtml(i.target)}">${escapeHtml(i.message)}</a></li>`).join("")}</ul>`
    : "";
  return `<div class="error-summary"${attrs(s.hooks ?? {})} role="group" tabindex="-1" autofocus aria-labelledby="error-summary-title"><div role="alert"><${heading} class="error-summary-title" id="error-summary-title">${escapeHtml(s.title ?? SUMMARY_TITLE)}</${heading}>${problem}${list}</div></div>`;
}
