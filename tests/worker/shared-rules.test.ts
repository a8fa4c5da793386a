/**
 * The shared code on its own: rules, cleaning, dates and the renderer the pages and the
 * Worker share. In workerd, where the Worker runs it and where mutation testing sees it.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { addDeadline, formatBgDate, formatDuration, sofiaDate, sofiaDayStart } from "../../src/shared/dates";
import { cleanLine, cleanText } from "../../src/shared/forms/clean";
import { isEmailAddress } from "../../src/shared/forms/email-address";
import { formContext, renderSubmissionPage } from "../../src/shared/forms/render";
import { validateSubmission } from "../../src/shared/forms/schema";
import { formPath, KIND_SPECS, SUBMISSION_KINDS } from "../../src/shared/kinds";
import type { Municipality } from "../../src/shared/municipality";
import { municipality } from "./support";

const known = { isKnownMunicipality: (id: string) => id === "kostinbrod" };
let kostinbrod: Municipality;
beforeAll(async () => {
  kostinbrod = await municipality("kostinbrod");
});

describe("cleaning what residents type", () => {
  it("single lines lose line breaks, controls and bidi overrides", () => {
    expect(cleanLine("  Иван\r\n\tПетров\u0000 \u202eтекст\u2028x  ")).toBe("Иван Петров текст x");
  });
  it("free text keeps its lines, normalised to \\n", () => {
    expect(cleanText("ред 1\r\nред 2\rред 3\u0007  \n\n")).toBe("ред 1\nред 2\nред 3");
  });
  it("free text loses bidi overrides and the spaces at the end of every line", () => {
    expect(cleanText("ред\u202e 1 \t \nред 2")).toBe("ред 1\nред 2");
  });
});

describe("e-mail addresses", () => {
  const longest = `${"a".repeat(64)}@${"b".repeat(63)}.bg`; // RFC 5321's 64 and the DNS's 63
  const longestDomain = `${`${"b".repeat(63)}.`.repeat(3)}${"c".repeat(58)}.bg`; // the DNS's 253 in all
  it.each([
    "maria@example.com",
    "m.ivanova+harta@obshtina.bg",
    "maria@пример.бг",
    longest,
    `maria@${longestDomain}`,
    "maria@host.x1", // only a top-level label of digits alone looks like an IP address
    "maria@host.1x",
  ])("%s is one", (address) => {
    expect(isEmailAddress(address)).toBe(true);
  });
  it.each([
    "maria.example.com",
    "@example.com",
    "maria@",
    "maria@example",
    "maria@example.com/x",
    "maria@example.com:25",
    "maria@example.com?x",
    "maria@exa mple.com",
    "maria@10.0.0.1",
    "maria@10.0.0.12",
    `a${longest}`,
    longest.replace("@", "@b"),
    `maria@c${longestDomain}`,
  ])("%s is not", (address) => {
    expect(isEmailAddress(address)).toBe(false);
  });
});

describe("dates in Bulgarian time", () => {
  it("the Sofia date follows daylight saving time", () => {
    expect(sofiaDate(new Date("2026-07-15T21:30:00Z"))).toBe("2026-07-16"); // UTC+3
    expect(sofiaDate(new Date("2026-01-15T21:30:00Z"))).toBe("2026-01-15"); // UTC+2
    expect(formatBgDate("2026-11-21")).toBe("21.11.2026 г.");
  });
  it("month deadlines end on the same date, or the month's last day", () => {
    expect(addDeadline("2026-11-21", { amount: 1, unit: "months" })).toBe("2026-12-21");
    expect(addDeadline("2026-12-31", { amount: 2, unit: "months" })).toBe("2027-02-28");
    expect(addDeadline("2028-01-31", { amount: 1, unit: "months" })).toBe("2028-02-29");
    expect(addDeadline("2026-12-25", { amount: 14, unit: "days" })).toBe("2027-01-08");
  });
  it("a day begins at 22:00 UTC the day before in winter, and at 21:00 in summer", () => {
    expect(sofiaDayStart("2026-01-01")).toBe("2025-12-31T22:00:00.000Z");
    expect(sofiaDayStart("2026-07-01")).toBe("2026-06-30T21:00:00.000Z");
    // The clocks go forward at 03:00 on 29 March 2026 and back at 04:00 on 25 October.
    expect(sofiaDayStart("2026-03-29")).toBe("2026-03-28T22:00:00.000Z");
    expect(sofiaDayStart("2026-03-30")).toBe("2026-03-29T21:00:00.000Z");
    expect(sofiaDayStart("2026-10-25")).toBe("2026-10-24T21:00:00.000Z");
    expect(sofiaDayStart("2026-10-26")).toBe("2026-10-25T22:00:00.000Z");
  });
  it("a deadline reads as Bulgarian writes it, one and many", () => {
    expect(
      [
        { amount: 1, unit: "days" },
        { amount: 14, unit: "days" },
        { amount: 1, unit: "months" },
        { amount: 2, unit: "months" },
      ].map((d) => formatDuration(d as Parameters<typeof formatDuration>[0])),
    ).toEqual(["1 ден", "14 дни", "1 месец", "2 месеца"]);
  });
});

describe("the rules", () => {
  it("each kind has a form page and its own fields", () => {
    expect(SUBMISSION_KINDS.map((k) => formPath("kostinbrod", k))).toEqual([
      "/kostinbrod/zhalba/",
      "/kostinbrod/signal/",
      "/kostinbrod/predlozhenie/",
      "/kostinbrod/pohvala/",
      "/kostinbrod/anketa/",
    ]);
    expect(KIND_SPECS.survey.identity).toBe("none");
  });

  it("limits, formats and trimming", () => {
    const typed = {
      municipality: "kostinbrod",
      kind: "complaint",
      subject: "  Тема  ",
      message: "x",
      name: "Име",
      email: " a@b.bg ",
    };
    const result = validateSubmission({ ...typed, phone: "abc", address: "я".repeat(301) }, known);
    expect(result).toEqual({
      ok: false,
      errors: {
        phone: "Въведете телефонен номер само с цифри, интервали и знаците + ( ) -, например 0888 123 456",
        address: "Адресът трябва да е до 300 знака",
      },
    });
    const ok = validateSubmission(typed, known);
    expect(ok.ok && ok.value).toMatchObject({ subject: "Тема", email: "a@b.bg", anonymous: false, rating: null });
  });

  it("values for fields a kind does not show are ignored, not errors", () => {
    const result = validateSubmission(
      { municipality: "kostinbrod", kind: "praise", message: "Браво", rating: "x", health_risk: "?" },
      known,
    );
    expect(result.ok).toBe(true);
  });
});

describe("the renderer", () => {
  const context = () => formContext(kostinbrod, "complaint");

  it("without errors: no summary, no 'aria-invalid', a form that posts to the Worker", () => {
    const html = renderSubmissionPage(context());
    expect(html).not.toContain("error-summary");
    expect(html).not.toContain("aria-invalid");
    expect(html).toContain('<form class="submission-form" method="post" action="/api/submissions" novalidate');
    expect(html).toContain('<a href="/lichni-danni/">Защита на личните данни</a>');
    expect(html).toContain("Анонимни жалби, сигнали и предложения не се разглеждат");
    expect(html).toContain("отговаря в срок до 2 месеца от регистрирането");
    for (const field of [
      "municipality",
      "kind",
      "subject",
      "message",
      "name",
      "email",
      "phone",
      "address",
      "anonymous",
      "health_risk",
    ]) {
      expect(html).toContain(`name="${field}"`);
    }
    expect(html).not.toContain('name="rating"');
  });

  it("errors are listed in the order of the fields and each links to its field", () => {
    const html = renderSubmissionPage(context(), { errors: { email: "Е", subject: "Т", message: "С" } });
    const links = [...html.matchAll(/<li><a href="#([^"]+)">/g)].map((m) => m[1]);
    expect(links).toEqual(["f-subject", "f-message", "f-email"]);
    for (const id of links) expect(html).toContain(`id="${id}"`);
  });

  it("the context travels to the browser escaped", () => {
    const html = renderSubmissionPage(context());
    const attr = /data-form-context="([^"]*)"/.exec(html)?.[1] ?? "";
    expect(attr).not.toContain('"');
    expect(JSON.parse(attr.replace(/&quot;/g, '"').replace(/&amp;/g, "&"))).toEqual(
      JSON.parse(JSON.stringify(context())),
    );
  });
});
