/**
 * More of the report, as a resident and a clerk see it, on a real local D1 in workerd:
 * the links between the years' reports, the panels for demo data and for the year so far,
 * the short addresses that redirect, the open data's "complete" and "demo", a page
 * address too long for the chart, the reason "other", the ranking of the pages, a kind
 * without a deadline, and the staff view's comments: none, one page of them, the next.
 */
import { env } from "cloudflare:test";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { calendar } from "../../functions/content/calendar";
import { municipalities } from "../../functions/content/municipalities";
import type { Bindings } from "../../functions/env";
import { buildFigures, type FigureRow, type ReportInput, rowKey } from "../../functions/report/figures";
import { reportBody } from "../../functions/report/page";
import { reportYears } from "../../functions/report/routes";
import { COMMENTS_PAGE_SIZE } from "../../functions/report/staff-view";
import { published, type ShownRow, SUPPRESSED } from "../../functions/report/suppress";
import { MONTHS } from "../../functions/report/words";
import { raw } from "../../functions/staff/pages/html";
import { sofiaDate } from "../../src/shared/dates";
import { DEMO_KEY_PREFIX } from "../../src/shared/demo";
import { type Municipality, municipalitySchema } from "../../src/shared/municipality";
import { MUNICIPALITIES_DATA_PATH } from "../../src/shared/worker-data";
import testovoJson from "../fixtures/municipalities/testovo.json";
import { browser, CLERK, signIn } from "./staff-support";
import { assetsWith, call, db, mainText, municipality } from "./support";

const thisYear = Number(sofiaDate(new Date()).slice(0, 4));

/** Тестово without a deadline for proposals (a charter may set none). */
const noProposalDeadline: Municipality = (() => {
  const m = { ...municipalitySchema.parse(testovoJson), id: "testovo" };
  const { proposal: _, ...deadlines } = m.deadlines;
  return { ...m, deadlines };
})();
const assets = assetsWith(MUNICIPALITIES_DATA_PATH, async (real) =>
  Response.json([...((await (await real()).json()) as Municipality[]), noProposalDeadline]),
);
const bindings = () => env as unknown as Bindings;
/** A public GET, each test on its own host so the edge cache never answers for another. */
const get = (host: string, path: string) =>
  call(new Request(`https://${host}.test${path}`, { redirect: "manual" }), { env: { ASSETS: assets } });

let seq = 0;
async function submission(s: {
  municipality?: string;
  year: number;
  kind?: string;
  status?: string;
  reason?: string | null;
  demo?: boolean;
}) {
  seq++;
  const on = `${s.year}-03-0${(seq % 9) + 1}`;
  await db()
    .prepare(
      `INSERT INTO submissions (reference, municipality, year, seq, kind, status, received_at, deadline,
         not_considered_reason, receipt_token, dedup_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(
      `94-00-${seq}/${on.split("-").reverse().join(".")}`,
      s.municipality ?? "kostinbrod",
      s.year,
      seq,
      s.kind ?? "complaint",
      s.status ?? "registered",
      `${on}T09:00:00.000Z`,
      `${s.year}-05-29`,
      s.reason ?? null,
      crypto.randomUUID(),
      // As the seeder's base64url keys may: a letter right after the prefix.
      `${s.demo ? DEMO_KEY_PREFIX : "more:"}Zq${seq}`,
    )
    .run();
}

/** The registry has given numbers in that year (what the report's year links are made of). */
const numbered = (year: number, municipality = "kostinbrod") =>
  db()
    .prepare("INSERT INTO registry_sequences (municipality, year, last_seq) VALUES (?, ?, 1)")
    .bind(municipality, year)
    .run();

const feedback = (page: string, useful: boolean, receivedAt: string, comment = "") =>
  db()
    .prepare("INSERT INTO page_feedback (page, useful, comment, received_at) VALUES (?, ?, ?, ?)")
    .bind(page, useful ? 1 : 0, comment, receivedAt)
    .run();

/** A page address longer than the chart's 60 characters. */
const LONG_PAGE = "/kostinbrod/uslugi/izdavane-na-udostoverenie-za-naslednitsi-i-za-sgrada-v-stroezh/";
const pagePath = (i: number) => `/kostinbrod/stranitsa-${String(i).padStart(2, "0")}/`;

beforeAll(async () => {
  // Every read of the municipalities in this file sees Тестово too (the Worker keeps the first list it reads).
  await municipalities(assets);
  for (const year of [2021, 2022, 2023]) await numbered(year);
  // 2021: three complaints left unconsidered before a reason was recorded.
  for (let i = 0; i < 3; i++) await submission({ year: 2021, status: "not_considered", reason: null });
  for (let i = 0; i < 3; i++) await submission({ year: 2021, status: "not_considered", reason: "offensive" });
  // 2022: generated demo data.
  for (let i = 0; i < 3; i++) await submission({ year: 2022, demo: true });
  // 2023: real ones.
  for (let i = 0; i < 3; i++) await submission({ year: 2023 });
  // 2020: 52 pages answered, one of them with a long address and the most "не".
  for (let i = 1; i <= 51; i++) {
    for (let k = 0; k < 3; k++) await feedback(pagePath(i), true, "2020-05-01T10:00:00.000Z");
  }
  for (let k = 0; k < 5; k++) await feedback(LONG_PAGE, false, "2020-05-02T10:00:00.000Z");
  // 2019: one more comment than a page of them; the oldest says the page was useful.
  await feedback("/kostinbrod/harta/", true, "2019-01-10T10:00:00.000Z", "Най-старият коментар: полезно");
  for (let i = 1; i <= COMMENTS_PAGE_SIZE; i++) {
    await feedback(
      "/kostinbrod/uslugi/",
      false,
      `2019-02-${String((i % 28) + 1).padStart(2, "0")}T10:00:00.000Z`,
      `Коментар ${i}`,
    );
  }
  // Тестово, 2025: three proposals.
  for (let i = 0; i < 3; i++) await submission({ municipality: "testovo", year: 2025, kind: "proposal" });
});

afterEach(() => {
  vi.useRealTimers();
});

describe("the years' reports link to each other", () => {
  it("lists the years latest first, the one shown marked as the current page, the others linked", async () => {
    const html = await (await get("years", "/kostinbrod/otchet/2022/")).text();
    const nav = /<nav class="report-years no-print" aria-label="Отчети по години">(.*?)<\/nav>/s.exec(html)?.[1] ?? "";
    expect(mainText(`<main>${nav}</main>`)).toBe(`Отчети за: ${thisYear} г. 2023 г. 2022 г. 2021 г.`);
    expect([...nav.matchAll(/aria-current="page">(\d+) г\./g)].map((m) => m[1])).toEqual(["2022"]);
    expect([...nav.matchAll(/<a href="([^"]+)">/g)].map((m) => m[1])).toEqual([
      `/kostinbrod/otchet/${thisYear}/`,
      "/kostinbrod/otchet/2023/",
      "/kostinbrod/otchet/2021/",
    ]);
  });

  it("has no year list where there is only one year", async () => {
    const html = await (await get("one-year", "/kovachevtsi/otchet/2023/")).text();
    expect(html).not.toContain("Отчети по години");
  });

  it("orders the years latest first whatever order they come in", async () => {
    const f = await figuresFrom({ years: [2021, 2024, 2003] });
    expect(reportYears(f)).toEqual([thisYear, 2024, 2021, 2003]);
  });

  it("without the registry's years the figures name none", async () => {
    expect((await figuresFrom({})).years).toEqual([]);
  });
});

describe("the notices above the figures", () => {
  it("a year with demo data says so on the page and in the open data", async () => {
    const text = mainText(await (await get("demo", "/kostinbrod/otchet/2022/")).text());
    expect(text).toContain("Примерни данни. В тази година има генерирани данни за демонстрация");
    expect(text).toContain("Не ги цитирайте.");
    const json = (await (await get("demo", "/kostinbrod/otchet/2022.json")).json()) as { demo: boolean };
    expect(json.demo).toBe(true);
    const csv = await (await get("demo", "/kostinbrod/otchet/2022.csv")).text();
    expect(csv).toContain("kostinbrod,2022,about,,,,demo,yes,text,");
    expect(csv).toContain("kostinbrod,2022,about,,,,complete,yes,text,");
  });

  it("a year of real submissions has no demo notice, and its open data says demo: no", async () => {
    const text = mainText(await (await get("real", "/kostinbrod/otchet/2023/")).text());
    expect(text).not.toContain("Примерни данни");
    expect(text).not.toContain("Годината до днес.");
    const csv = await (await get("real", "/kostinbrod/otchet/2023.csv")).text();
    expect(csv).toContain("kostinbrod,2023,about,,,,demo,no,text,");
  });

  it("the current year says it is the year so far, which months are still to come, and is not complete", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date(`${thisYear}-06-15T09:00:00.000Z`) });
    const text = mainText(await (await get("so-far", `/kostinbrod/otchet/${thisYear}/`)).text());
    expect(text).toContain(
      `Годината до днес. Данните са към 15.06.${thisYear} г., 12:00 ч. и се обновяват най-много на всеки 10 минути. Месеците след юни ще се появят, когато дойдат.`,
    );
    expect(text.split("Годината до днес.")).toHaveLength(2); // said once, in the panel, not again in the lead
    expect(text).toContain(`През ${thisYear} г. досега няма получени жалби, сигнали, предложения, похвали и анкети.`);
    expect(text).toContain("Общо 0 през годината досега.");
    expect(text).toContain("За текущата година отчетът показва годината до днес.");
    // The months so far, not the months to come.
    const html = await (await get("so-far", `/kostinbrod/otchet/${thisYear}/`)).text();
    const months = /<caption id="table-months">.*?<\/table>/s.exec(html)?.[0] ?? "";
    expect([...months.matchAll(/<th scope="row">([^<]+)<\/th>/g)].map((m) => m[1])).toEqual([
      ...MONTHS.slice(0, 6),
      "Общо",
    ]);
    const json = (await (await get("so-far", `/kostinbrod/otchet/${thisYear}.json`)).json()) as { complete: boolean };
    expect(json.complete).toBe(false);
    const csv = await (await get("so-far", `/kostinbrod/otchet/${thisYear}.csv`)).text();
    expect(csv).toContain(`kostinbrod,${thisYear},about,,,,complete,no,text,`);
  });

  it("in December the year so far has no months still to come", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date(`${thisYear}-12-15T09:00:00.000Z`) });
    const text = mainText(await (await get("december", `/kostinbrod/otchet/${thisYear}/`)).text());
    expect(text).toContain(
      `Годината до днес. Данните са към 15.12.${thisYear} г., 11:00 ч. и се обновяват най-много на всеки 10 минути. Отчети за:`,
    );
    expect(text).not.toContain("ще се появят, когато дойдат");
  });
});

describe("short addresses", () => {
  it("/<municipality>/otchet leads to the index, which leads to this year", async () => {
    const r = await get("short", "/kostinbrod/otchet");
    expect(r.status).toBe(301);
    expect(r.headers.get("location")).toBe("/kostinbrod/otchet/");
  });

  it("a year's address without the closing slash moves to the one with it", async () => {
    const r = await get("short", "/kostinbrod/otchet/2023");
    expect(r.status).toBe(301);
    expect(r.headers.get("location")).toBe("/kostinbrod/otchet/2023/");
  });
});

describe("the figures", () => {
  it("count those left unconsidered with no reason recorded under 'other'", async () => {
    const json = (await (await get("other", "/kostinbrod/otchet/2021.json")).json()) as { rows: FigureRow[] };
    const v = new Map(json.rows.map((r) => [rowKey(r), r.value]));
    const at = (measure: string) =>
      v.get(rowKey({ section: "handling", kind: "complaint", month: "", page: "", measure }));
    expect(at("not_considered_other")).toBe(3);
    expect(at("not_considered_offensive")).toBe(3);
    expect(at("not_considered")).toBe(6);
    const html = await (await get("other", "/kostinbrod/otchet/2021/")).text();
    expect(html).toMatch(/<tr><th scope="row">Друга причина<\/th><td>3<\/td>/);
  });

  it("list the pages in the order of their address whatever order they are read in", async () => {
    const f = await figuresFrom({
      pages: [
        { page: "/kostinbrod/uslugi/", yes: 3, no: 0 },
        { page: "/kostinbrod/harta/", yes: 4, no: 0 },
        { page: "/kostinbrod/kontakti/", yes: 5, no: 0 },
      ],
    });
    expect(
      f.rows.filter((r) => r.section === "page_feedback" && r.measure === "yes" && r.page).map((r) => r.page),
    ).toEqual(["/kostinbrod/harta/", "/kostinbrod/kontakti/", "/kostinbrod/uslugi/"]);
  });
});

describe("the pages' usefulness", () => {
  it("clips an address too long for the chart, shows it whole in the table, and says the table lists the first 50", async () => {
    const html = await (await get("pages", "/kostinbrod/otchet/2020/")).text();
    const chart = /<svg class="chart"[^>]*aria-labelledby="chart-pages-title[^"]*".*?<\/svg>/s.exec(html)?.[0] ?? "";
    const labels = [...chart.matchAll(/<text class="chart-label"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(labels[0]).toBe(`${LONG_PAGE.slice(0, 59)}…`);
    expect(labels.slice(1)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9].map(pagePath));
    expect(html).toContain(`<tr><th scope="row">${LONG_PAGE}</th><td>0</td><td>5</td></tr>`);
    const table = /<caption id="table-pages">([^<]*)<\/caption>.*?<\/table>/s.exec(html);
    expect(table?.[1]).toBe(
      "„Полезна ли беше тази страница?“ по страници, 2020 г. (първите 50 от 52; всички са в отворените данни)",
    );
    expect([...(table?.[0] ?? "").matchAll(/<tr><th scope="row">/g)].length).toBe(50);
  });

  it("the table has no such note when it lists every page", async () => {
    const html = await (await get("few-pages", "/kostinbrod/otchet/2019/")).text();
    expect(/<caption id="table-pages">([^<]*)<\/caption>/.exec(html)?.[1]).toBe(
      "„Полезна ли беше тази страница?“ по страници, 2019 г.",
    );
  });

  it("lists exactly 50 pages whole, with no note of the first 50", async () => {
    const f = await figuresFrom({
      pages: Array.from({ length: 50 }, (_, i) => ({ page: pagePath(i + 1), yes: 3, no: 0 })),
    });
    const body = await bodyOf(f, f.rows, { exact: true });
    const table = /<caption id="table-pages">([^<]*)<\/caption>.*?<\/table>/s.exec(body);
    expect(table?.[1]).toBe("„Полезна ли беше тази страница?“ по страници, 2024 г.");
    expect([...(table?.[0] ?? "").matchAll(/<tr><th scope="row">/g)].length).toBe(50);
  });

  it("ranks pages with as many „не“ by their address, whatever order the rows are in", async () => {
    const f = await figuresFrom({
      pages: [
        { page: "/kostinbrod/a/", yes: 3, no: 4 },
        { page: "/kostinbrod/b/", yes: 3, no: 4 },
        { page: "/kostinbrod/c/", yes: 3, no: 9 },
      ],
    });
    const body = await bodyOf(f, [...f.rows].reverse(), { exact: true });
    const table = /<caption id="table-pages">.*?<\/table>/s.exec(body)?.[0] ?? "";
    expect([...table.matchAll(/<th scope="row">([^<]+)<\/th>/g)].map((m) => m[1])).toEqual([
      "/kostinbrod/c/",
      "/kostinbrod/a/",
      "/kostinbrod/b/",
    ]);
    // Nothing follows the closing line when no extra part is given.
    expect(body).toMatch(/от регистъра на Община Костинброд\.<\/p>\n$/);
  });

  it("ranks the pages whose „не“ are hidden between one with 3 and one with none", async () => {
    // c's 2 is "< 3", and b's 3 is withheld with it (the total of „не“ would give it back).
    const f = await figuresFrom({
      pages: [
        { page: "/kostinbrod/a/", yes: 3, no: 0 },
        { page: "/kostinbrod/b/", yes: 3, no: 3 },
        { page: "/kostinbrod/c/", yes: 3, no: 2 },
        { page: "/kostinbrod/d/", yes: 3, no: 4 },
      ],
    });
    const body = await bodyOf(f, published(f), { exact: false });
    const table = /<caption id="table-pages">.*?<\/table>/s.exec(body)?.[0] ?? "";
    expect(
      [...table.matchAll(/<tr><th scope="row">([^<]+)<\/th><td>[^<]*<\/td><td>([^<]*)<\/td>/g)].map(
        (m) => `${m[1]} ${m[2]}`,
      ),
    ).toEqual(["/kostinbrod/d/ 4", "/kostinbrod/b/ скрито", "/kostinbrod/c/ &lt; 3", "/kostinbrod/a/ 0"]);
  });

  it("lists the pages in the open data by their address, whatever order they come in", async () => {
    const f = await figuresFrom({
      pages: [
        { page: "/kostinbrod/c/", yes: 3, no: 0 },
        { page: "/kostinbrod/a/", yes: 3, no: 0 },
        { page: "/kostinbrod/b/", yes: 3, no: 0 },
      ],
    });
    const pages = f.rows.filter((r) => r.section === "page_feedback" && r.page).map((r) => r.page);
    expect([...new Set(pages)]).toEqual(["/kostinbrod/a/", "/kostinbrod/b/", "/kostinbrod/c/"]);
  });
});

describe("the deadlines", () => {
  it("list only the kinds the charter gives a deadline for", async () => {
    const html = await (await get("deadlines", "/testovo/otchet/2025/")).text();
    const list = /Сроковете на Община Тестово:<\/p>\s*<ul>(.*?)<\/ul>/s.exec(html)?.[1] ?? "";
    // Nothing else in the list: no item, and no stray text, for proposals.
    expect(list).toBe(
      "<li>Жалби: 14 дни (Харта на клиента на Община Тестово)</li><li>Сигнали: 1 месец (Харта на клиента на Община Тестово)</li>",
    );
  });
});

describe("the staff view's comments", () => {
  it("says when a year has no comments, and links the other years' staff views", async () => {
    const cookie = await signIn(CLERK);
    const html = await (await browser("/sluzhiteli/otchet/?year=2023", { cookie })).text();
    expect(mainText(html)).toContain("Няма коментари за 2023 г.");
    expect(html).not.toContain("По-стари коментари");
    const nav = /aria-label="Отчети по години">(.*?)<\/nav>/s.exec(html)?.[1] ?? "";
    expect([...nav.matchAll(/<a href="([^"]+)">/g)].map((m) => m[1])).toEqual([
      `/sluzhiteli/otchet/?year=${thisYear}`,
      "/sluzhiteli/otchet/?year=2022",
      "/sluzhiteli/otchet/?year=2021",
    ]);
  });

  it("opens on this year's, asked for with or without the year, and refuses next year's", async () => {
    const cookie = await signIn(CLERK);
    for (const path of ["/sluzhiteli/otchet/", `/sluzhiteli/otchet/?year=${thisYear}`]) {
      const r = await browser(path, { cookie });
      expect(r.status, path).toBe(200);
      expect(mainText(await r.text()), path).toContain(`Отчет за обратната връзка ${thisYear} г.`);
    }
    const next = await browser(`/sluzhiteli/otchet/?year=${thisYear + 1}`, { cookie });
    expect(next.status).toBe(400);
    expect(mainText(await next.text())).toContain(`Посочете година с четири цифри до ${thisYear}`);
  });

  it("shows 50 comments, newest first, with a link to the older ones, which shows the rest", async () => {
    const cookie = await signIn(CLERK);
    const html = await (await browser("/sluzhiteli/otchet/?year=2019", { cookie })).text();
    const text = mainText(html);
    expect(text.match(/Коментар \d+/g)).toEqual(
      Array.from({ length: COMMENTS_PAGE_SIZE }, (_, i) => `Коментар ${COMMENTS_PAGE_SIZE - i}`),
    );
    expect(text).not.toContain("Най-старият коментар");
    const older = /<a href="([^"]+)" rel="next">По-стари коментари<\/a>/.exec(html)?.[1] ?? "";
    expect(older).toMatch(/^\/sluzhiteli\/otchet\/\?year=2019&amp;before=\d+#komentari$/);

    const next = await browser(older.replaceAll("&amp;", "&"), { cookie });
    expect(next.status).toBe(200);
    const rest = await next.text();
    expect(mainText(rest)).toContain(
      "/kostinbrod/harta/ · 10.01.2019 г., 12:00 ч. · полезна: да Най-старият коментар: полезно",
    );
    expect(mainText(rest)).not.toContain("Коментар 1 ");
    expect(rest).not.toContain("По-стари коментари");
  });

  it("marks a comment under a page found not useful with „полезна: не“", async () => {
    const cookie = await signIn(CLERK);
    const text = mainText(await (await browser("/sluzhiteli/otchet/?year=2019", { cookie })).text());
    expect(text).toContain("/kostinbrod/uslugi/ · ");
    expect(text).toMatch(/полезна: не Коментар 50/);
  });

  it("takes only a number of digits as the place to continue from", async () => {
    const cookie = await signIn(CLERK);
    for (const before of ["abc", "x12", "12x", "1.5", ""]) {
      const r = await browser(`/sluzhiteli/otchet/?year=2019&before=${encodeURIComponent(before)}`, { cookie });
      expect(r.status, before).toBe(400);
      expect(mainText(await r.text()), before).toContain("Посочете година с четири цифри");
    }
    for (const before of ["7", "123456"]) {
      const r = await browser(`/sluzhiteli/otchet/?year=2019&before=${before}`, { cookie });
      expect(r.status, before).toBe(200);
    }
  });
});

/** Костинброд's figures for 2024 built from these aggregates (none where not given). */
async function figuresFrom(input: Partial<ReportInput>) {
  return buildFigures(
    { counts: [], reasons: [], answers: [], ratings: [], pages: [], demoSubmissions: 0, ...input },
    { municipality: "kostinbrod", year: 2024, now: new Date(), calendar: await calendar(bindings().ASSETS) },
  );
}

/** The report's body for Костинброд's figures: as published (exact: false) or as the staff view shows them. */
async function bodyOf(f: Awaited<ReturnType<typeof figuresFrom>>, rows: ShownRow[], o: { exact: boolean }) {
  const m = await municipality("kostinbrod");
  return String(
    reportBody({ municipality: m, figures: f, rows, years: [], yearHref: String, exact: o.exact }, raw("")),
  );
}

/** The public page's main content for figures built from aggregates. */
async function pageOf(f: Awaited<ReturnType<typeof figuresFrom>>, rows: ShownRow[] = published(f)) {
  return mainText(`<main>${await bodyOf(f, rows, { exact: false })}</main>`);
}

const answered = (n: number, onTime: number) =>
  ({ kind: "complaint", status: "answered", month: 1, n, on_time: onTime, past_due: 0, extended: 0 }) as const;

describe("the summary at the top of the page", () => {
  const nothing = "През 2024 г. няма получени жалби, сигнали, предложения, похвали и анкети.";

  it("says a year had nothing only when it had neither submissions nor survey responses", async () => {
    expect(await pageOf(await figuresFrom({}))).toContain(nothing);
    expect(await pageOf(await figuresFrom({ counts: [answered(4, 4)] }))).not.toContain(nothing);
    expect(await pageOf(await figuresFrom({ ratings: [{ rating: 5, n: 3 }] }))).not.toContain(nothing);
  });

  it("gives the share answered on time even when as many were late", async () => {
    expect(await pageOf(await figuresFrom({ counts: [answered(6, 3)] }))).toContain(
      "Отговорени в срок 3 (50 % от отговорените)",
    );
  });

  it("gives no share when the late ones are hidden as too few", async () => {
    const f = await figuresFrom({ counts: [answered(7, 5)] });
    const rows = f.rows.map((r) =>
      r.section === "handling" && r.kind === "" && r.measure === "late" ? { ...r, value: SUPPRESSED } : r,
    );
    const text = await pageOf(f, rows);
    expect(text).toContain("Отговорени в срок 5 ");
    expect(text).not.toContain("от отговорените");
  });
});

describe("the figures at their edges", () => {
  it("give the surveys' mean and share from 3 responses, not from 2", async () => {
    const three = await figuresFrom({
      ratings: [
        { rating: 5, n: 2 },
        { rating: 2, n: 1 },
      ],
    });
    const of = (f: Awaited<ReturnType<typeof figuresFrom>>, measure: string) =>
      f.rows.find((r) => r.section === "surveys" && r.measure === measure)?.value;
    expect([of(three, "mean"), of(three, "share_4_5")]).toEqual([4, 67]);
    const two = await figuresFrom({ ratings: [{ rating: 5, n: 2 }] });
    expect([of(two, "mean"), of(two, "share_4_5")]).toEqual([null, null]);
  });

  it("add up: each line's parts are figures of the report and sum to its total, which the small-numbers rule relies on", async () => {
    // A year with every kind in several months and every outcome, so that no line is 0 = 0 + 0.
    const f = await figuresFrom({
      counts: [
        { kind: "complaint", status: "answered", month: 1, n: 7, on_time: 5, past_due: 0, extended: 2 },
        { kind: "complaint", status: "not_considered", month: 2, n: 4, on_time: 0, past_due: 0, extended: 0 },
        { kind: "complaint", status: "registered", month: 3, n: 5, on_time: 0, past_due: 3, extended: 1 },
        { kind: "signal", status: "forwarded", month: 1, n: 3, on_time: 0, past_due: 0, extended: 0 },
        { kind: "signal", status: "answered", month: 3, n: 6, on_time: 4, past_due: 0, extended: 1 },
        { kind: "signal", status: "not_considered", month: 2, n: 6, on_time: 0, past_due: 0, extended: 0 },
        { kind: "proposal", status: "in_progress", month: 2, n: 8, on_time: 0, past_due: 5, extended: 0 },
        { kind: "proposal", status: "not_considered", month: 1, n: 5, on_time: 0, past_due: 0, extended: 0 },
        { kind: "praise", status: "registered", month: 1, n: 9, on_time: 0, past_due: 0, extended: 0 },
      ],
      reasons: [
        { kind: "complaint", reason: "anonymous", n: 3 },
        { kind: "complaint", reason: "offensive", n: 1 },
        { kind: "signal", reason: "too_old", n: 4 },
        { kind: "signal", reason: null, n: 2 },
        { kind: "proposal", reason: "other", n: 5 },
      ],
      ratings: [
        { rating: 1, n: 2 },
        { rating: 4, n: 5 },
        { rating: 5, n: 6 },
      ],
      pages: [
        { page: "/kostinbrod/uslugi/", yes: 4, no: 1 },
        { page: "/kostinbrod/", yes: 3, no: 5 },
      ],
    });
    const value = new Map(f.rows.map((r) => [rowKey(r), r.value]));
    expect(f.lines.length).toBeGreaterThan(40);
    for (const line of f.lines) {
      const parts = line.parts.map((k) => value.get(k));
      expect(value.has(line.total), `${line.total} is a figure`).toBe(true);
      expect(
        line.parts.filter((k) => !value.has(k)),
        `parts of ${line.total}`,
      ).toEqual([]);
      expect(
        parts.reduce<number>((a, v) => a + Number(v), 0),
        `${line.total} = ${line.parts.join(" + ")}`,
      ).toBe(value.get(line.total));
    }
    // The lines a reader adds up: each kind by month, each month by kind, the year both ways,
    // the outcomes of each kind with a deadline and of them together, their reasons, the ratings, the pages.
    const totals = new Set(f.lines.map((l) => l.total));
    for (const key of [
      "received||||received",
      "received|praise|||received",
      "received||2||received",
      "handling||||received",
      "handling|signal|||not_considered",
      "handling||||not_considered_too_old",
      "handling||||extended",
      "surveys||||responses",
      "page_feedback||||no",
    ]) {
      expect(totals, key).toContain(key);
    }
  });

  it("count in whole numbers whatever is counted; only times, ratings and shares have other units", async () => {
    const f = await figuresFrom({
      counts: [],
      answers: [{ kind: "complaint", days: 4, n: 3 }],
      ratings: [{ rating: 4, n: 3 }],
      pages: [{ page: "/kostinbrod/", yes: 1, no: 1 }],
    });
    const units = new Map<string, Set<string>>();
    for (const r of f.rows) {
      if (r.section === "about") continue;
      const key = r.section === "answer_time" || ["mean", "share_4_5"].includes(r.measure) ? "other" : "counts";
      units.set(key, (units.get(key) ?? new Set()).add(r.unit));
    }
    expect([...(units.get("counts") ?? [])]).toEqual(["count"]);
    expect([...(units.get("other") ?? [])].sort()).toEqual(["percent", "rating", "working_days"]);
  });
});
