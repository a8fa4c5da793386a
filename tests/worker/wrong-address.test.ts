/**
 * What a resident reads at an address that leads nowhere (a receipt not found, a report of
 * a municipality or a year there is none for), and the edges of what does lead somewhere:
 * the first and the last year a report is shown for, the report's title and file name, the
 * receipt of a municipality that lists no telephone. Its own file: the municipalities are
 * read once per isolate, here with a Тестово without telephones among them (and a second,
 * whose website is still on http://).
 */
import { describe, expect, it, vi } from "vitest";
import { type Municipality, municipalitySchema } from "../../src/shared/municipality";
import { MUNICIPALITIES_DATA_PATH } from "../../src/shared/worker-data";
import testovoJson from "../fixtures/municipalities/testovo.json";
import { assetsWith, call, complaint, db, mainHtml, mainText, ORIGIN, postForm, titleIn } from "./support";

const noPhone: Municipality = { ...municipalitySchema.parse(testovoJson), id: "testovo", phones: [] };
const plainHttp: Municipality = { ...noPhone, id: "testovo-http", website: "http://testovo-http.example" };
const assets = assetsWith(MUNICIPALITIES_DATA_PATH, async (real) =>
  Response.json([...((await (await real()).json()) as Municipality[]), noPhone, plainHttp]),
);
const env = { ASSETS: assets };
const thisYear = new Date().getFullYear();

/** A GET on a host of its own, so the report's edge cache never answers for another test. */
const get = (path: string, host = crypto.randomUUID()) =>
  call(new Request(`https://${host}.test${path}`, { redirect: "manual" }), { env });

/** The page's title and main content, as a resident's browser shows them. */
async function read(response: Response) {
  const html = await response.text();
  return {
    title: titleIn(html),
    main: mainHtml(html),
  };
}

describe("an address that leads nowhere", () => {
  it("a receipt not found, whether its token is well formed or not: 404, and what to do", async () => {
    for (const token of ["AAAAAAAAAAAAAAAAAAAAAA", "not-a-token"]) {
      const response = await call(new Request(`${ORIGIN}/potvarzhdenie/${token}/`));
      expect(response.status, token).toBe(404);
      expect(response.headers.get("referrer-policy")).toBe("no-referrer");
      expect(await read(response)).toMatchSnapshot();
    }
  });

  it("the report of a municipality there is none of", async () => {
    const response = await get("/nyama-takava/otchet/2025/");
    expect(response.status).toBe(404);
    expect(await read(response)).toMatchSnapshot();
  });

  it("the report's address without a year, of a municipality there is none of: the same 404", async () => {
    const response = await get("/nyama-takava/otchet/");
    expect(response.status).toBe(404);
    expect(await read(response)).toEqual(await read(await get("/nyama-takava/otchet/2025/")));
  });

  it("next year's report, asked for a minute before midnight on 31 December, opens at midnight all the same", async () => {
    const host = crypto.randomUUID();
    const next = `/kostinbrod/otchet/${thisYear + 1}/`;
    // Sofia is two hours ahead of UTC in winter.
    vi.useFakeTimers({ toFake: ["Date"], now: new Date(`${thisYear}-12-31T21:59:00.000Z`) });
    try {
      expect((await get(next, host)).status).toBe(404);
      vi.setSystemTime(new Date(`${thisYear}-12-31T22:00:30.000Z`));
      const response = await get(next, host);
      expect(response.status).toBe(200);
      expect((await read(response)).title).toMatch(
        new RegExp(`^Отчет за обратната връзка ${thisYear + 1} г\\. \\(до 01\\.01\\.${thisYear + 1}`),
      );
    } finally {
      vi.useRealTimers();
    }
  });

  it("the report of a year before 2000 or after this one, with the way back to the municipality", async () => {
    for (const year of [1999, thisYear + 1]) {
      const response = await get(`/kostinbrod/otchet/${year}/`);
      expect(response.status, String(year)).toBe(404);
      const page = await read(response);
      expect(page.main).toContain('<a href="/kostinbrod/">Община Костинброд</a>');
      expect({ ...page, main: page.main.replaceAll(String(year), "ГГГГ") }).toMatchSnapshot();
    }
  });
});

describe("the edges of the report", () => {
  it("is shown for 2000, the first year, with its title", async () => {
    const response = await get("/kostinbrod/otchet/2000/");
    expect(response.status).toBe(200);
    expect((await read(response)).title).toBe(
      "Отчет за обратната връзка 2000 г. – Община Костинброд – Харта на клиента",
    );
  });

  it("links only the years from 2000 to this one, whatever the registry holds", async () => {
    const numbered = db().prepare("INSERT INTO registry_sequences (municipality, year, last_seq) VALUES (?, ?, 1)");
    await db().batch([1999, 2000, thisYear + 1].map((y) => numbered.bind("kostinbrod", y)));
    const { main } = await read(await get(`/kostinbrod/otchet/${thisYear}/`));
    const nav = /<nav class="report-years[\s\S]*?<\/nav>/.exec(main)?.[0] ?? "";
    expect(nav).toContain('href="/kostinbrod/otchet/2000/"');
    expect(nav).not.toContain("1999");
    expect(nav).not.toContain(String(thisYear + 1));
  });

  it("its CSV is saved under a name that says whose and which year", async () => {
    const response = await get("/kostinbrod/otchet/2025.csv");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="otchet-kostinbrod-2025.csv"');
  });
});

describe("the receipt of a municipality that lists no telephone", () => {
  it.each([
    ["testovo", "https://testovo.example"],
    ["testovo-http", "http://testovo-http.example"],
  ])("points to its website, written without http:// or https:// (%s)", async (id, website) => {
    const posted = await postForm(complaint({ municipality: id }), { env });
    expect(posted.status).toBe(303);
    const response = await call(new Request(`${ORIGIN}${posted.headers.get("location")}`), { env });
    const html = await response.text();
    expect(html).toContain(`чрез <a href="${website}">${id}.example</a>`);
    expect(mainText(html)).not.toContain("тел.");
  });
});
