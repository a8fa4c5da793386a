/**
 * The report's charts as a reader sees them: a small count beside a large one is still a
 * visible bar, a hidden one is no bar with its mark written where the number would be, a
 * label just short enough is whole, and columns never run into each other.
 */
import { describe, expect, it } from "vitest";
import { type Bar, barChart, columnChart } from "../../functions/report/charts";
import { SUPPRESSED } from "../../functions/report/suppress";

/** Each rect's width and height, in order. */
const rects = (svg: string) =>
  [...svg.matchAll(/<rect class="chart-bar" x="([\d.]+)" y="[\d.]+" width="([\d.]+)" height="([\d.]+)"/g)].map((m) => ({
    x: Number(m[1]),
    width: Number(m[2]),
    height: Number(m[3]),
  }));
const values = (svg: string) => [...svg.matchAll(/<text class="chart-value"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

describe("bars", () => {
  it("a count of 1 beside 1,000 is still a visible bar; none is drawn for 0 or a hidden count", () => {
    const svg = String(
      barChart("c", "Получени", [
        { label: "Жалби", value: 1000 },
        { label: "Сигнали", value: 1 },
        { label: "Похвали", value: 0 },
        { label: "Предложения", value: SUPPRESSED },
      ]),
    );
    expect(rects(svg).map((r) => r.width)).toEqual([416, 2, 0, 0]);
    expect(values(svg)).toEqual(["1000", "1", "0", "&lt; 3"]);
    expect(svg).toContain('<desc id="c-desc">Жалби: 1000; Сигнали: 1; Похвали: 0; Предложения: по-малко от 3.</desc>');
  });

  it("writes a count of ten thousand or more with its thousands apart, as Bulgarian does", () => {
    const svg = String(barChart("c", "Получени", [{ label: "Жалби", value: 12_345 }]));
    expect(values(svg)).toEqual(["12\u00a0345"]);
    expect(svg).toContain("Жалби: 12\u00a0345.");
  });

  it("a label of 60 characters is whole; one of 61 ends in „…“", () => {
    const sixty = "а".repeat(60);
    const svg = String(
      barChart("c", "Страници", [
        { label: sixty, value: 3 },
        { label: `${sixty}б`, value: 3 },
      ]),
    );
    const labels = [...svg.matchAll(/<text class="chart-label"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(labels).toEqual([sixty, `${"а".repeat(59)}…`]);
  });
});

describe("columns", () => {
  it("a count of 1 beside 1,000 is still a visible column; none for 0 or a hidden count", () => {
    const months = ([1000, 1, 0, SUPPRESSED] as Bar["value"][]).map((value, i) => ({
      label: `м${i}`,
      short: `м${i}`,
      value,
    }));
    expect(rects(String(columnChart("m", "По месеци", months))).map((r) => r.height)).toEqual([150, 2, 0, 0]);
  });

  it("twelve months are 32 wide; more columns narrow so that they never touch", () => {
    const bars = (n: number) => Array.from({ length: n }, (_, i) => ({ label: `${i}`, short: `${i}`, value: 5 }));
    const twelve = rects(String(columnChart("m", "По месеци", bars(12))));
    expect(twelve.every((r) => r.width === 32)).toBe(true);
    const many = rects(String(columnChart("m", "По дни", bars(30))));
    expect(many.every((r) => r.width === 8)).toBe(true);
    for (let i = 1; i < many.length; i++) {
      const [before, after] = [many[i - 1], many[i]];
      expect((after?.x ?? 0) - ((before?.x ?? 0) + (before?.width ?? 0))).toBeGreaterThan(0);
    }
  });
});
