/**
 * Bar charts as SVG, drawn on the server: the page needs no script and prints as it is.
 * Each chart is an image with a title and a description that say every number in words
 * (its text alternative), every bar carries its number as text beside it, and the page
 * puts a table with the same numbers right under it: the colour is never what carries
 * the meaning. A hidden count is drawn as no bar, with its mark ("< 3", "скрито") written where it would be.
 */
import { type Html, html, raw } from "../staff/pages/html";
import { type Hidden, SUPPRESSED } from "./suppress";

export interface Bar {
  label: string;
  /** A count, or the mark of a hidden one. */
  value: number | Hidden;
}

const WIDTH = 480;
const formatNumber = new Intl.NumberFormat("bg-BG");
export const shownValue = (v: Bar["value"]) => (typeof v === "number" ? formatNumber.format(v) : v);
const spoken = (v: Bar["value"]) =>
  typeof v === "number" ? formatNumber.format(v) : v === SUPPRESSED ? "по-малко от 3" : "скрито";

/** The chart's text alternative: "Жалби: 12; Сигнали: по-малко от 3; …". */
export const describeBars = (bars: readonly Bar[]) =>
  `${bars.map((b) => `${b.label}: ${spoken(b.value)}`).join("; ")}.`;

const largest = (bars: readonly Bar[]) => Math.max(1, ...bars.map((b) => (typeof b.value === "number" ? b.value : 0)));

function frame(id: string, title: string, bars: readonly Bar[], height: number, inner: Html): Html {
  return html`<svg class="chart" role="img" aria-labelledby="${id}-title ${id}-desc" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" xmlns="http://www.w3.org/2000/svg"><title id="${id}-title">${title}</title><desc id="${id}-desc">${describeBars(bars)}</desc>${inner}</svg>`;
}

/** Labels too long for the chart end in "…" (the table has them in full). */
const clip = (label: string, max: number) => (label.length > max ? `${label.slice(0, max - 1)}…` : label);

/** Horizontal bars, one under the other: the label above its bar, the number after it. */
export function barChart(id: string, title: string, bars: readonly Bar[]): Html {
  const row = 44;
  const room = WIDTH - 64;
  const max = largest(bars);
  const inner = bars.map((b, i) => {
    const y = i * row;
    const w = typeof b.value === "number" ? Math.max(b.value > 0 ? 2 : 0, Math.round((b.value / max) * room)) : 0;
    return html`<text class="chart-label" x="0" y="${y + 15}">${clip(b.label, 60)}</text><rect class="chart-bar" x="0" y="${y + 21}" width="${w}" height="16"></rect><text class="chart-value" x="${w + 6}" y="${y + 34}">${shownValue(b.value)}</text>`;
  });
  return frame(id, title, bars, bars.length * row + 4, raw(inner.join("")));
}

/** Upright columns side by side (the months): the number above each column, the label under it. */
export function columnChart(id: string, title: string, bars: readonly (Bar & { short: string })[]): Html {
  const top = 24;
  const room = 150;
  const slot = WIDTH / Math.max(bars.length, 1);
  const width = Math.min(32, slot - 8);
  const max = largest(bars);
  const inner = bars.map((b, i) => {
    const h = typeof b.value === "number" ? Math.max(b.value > 0 ? 2 : 0, Math.round((b.value / max) * room)) : 0;
    const x = i * slot + (slot - width) / 2;
    const middle = i * slot + slot / 2;
    return html`<rect class="chart-bar" x="${x}" y="${top + room - h}" width="${width}" height="${h}"></rect><text class="chart-value" x="${middle}" y="${top + room - h - 6}" text-anchor="middle">${shownValue(b.value)}</text><text class="chart-label" x="${middle}" y="${top + room + 18}" text-anchor="middle">${b.short}</text>`;
  });
  return frame(
    id,
    title,
    bars,
    top + room + 26,
    raw(`<line class="chart-axis" x1="0" y1="${top + room}" x2="${WIDTH}" y2="${top + room}"></line>${inner.join("")}`),
  );
}
