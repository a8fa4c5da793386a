/**
 * What a resident reads after sending, word for word (snapshots): the receipt of each kind
 * and the survey's thank-you page, for the test municipality Тестово (tests/fixtures/), so
 * that editors' changes to the real municipalities never move them. The day's dates and
 * the number's sequence are left out. After a deliberate change, look at the difference and
 * accept it with `npx vitest run --project worker tests/worker/resident-words.test.ts -u`.
 * Its own file: the municipalities are read once per isolate, here with Тестово among them.
 */
import { describe, expect, it } from "vitest";
import { type Municipality, municipalitySchema } from "../../src/shared/municipality";
import { MUNICIPALITIES_DATA_PATH } from "../../src/shared/worker-data";
import testovoJson from "../fixtures/municipalities/testovo.json";
import { assetsWith, call, complaint, ORIGIN, postForm } from "./support";

const testovo: Municipality = { ...municipalitySchema.parse(testovoJson), id: "testovo" };
const assets = assetsWith(MUNICIPALITIES_DATA_PATH, async (real) =>
  Response.json([...((await (await real()).json()) as Municipality[]), testovo]),
);
const env = { ASSETS: assets };

/** The page's main content as a resident reads it, without what changes from day to day. */
const mainOf = async (path: string) => {
  const response = await call(new Request(`${ORIGIN}${path}`), { env });
  expect(response.status).toBe(200);
  const html = await response.text();
  return html
    .slice(html.indexOf("<main"), html.indexOf("</main>") + "</main>".length)
    .replace(/<script type="module" src="\/_astro\/[^"]+"><\/script>/g, "")
    .replace(/\d\d\.\d\d\.\d{4}/g, "ДД.ММ.ГГГГ")
    .replace(/\d\d:\d\d ч\./g, "ЧЧ:ММ ч.")
    .replace(/(\d\d-\d\d)-\d+\//g, "$1-N/");
};

const base = { municipality: "testovo", address: "гр. Тестово, ул. „Първа“ 1" };
const posts: [string, Record<string, string>][] = [
  ["complaint", complaint(base)],
  ["signal", complaint({ ...base, kind: "signal" })],
  [
    "anonymous signal about a risk",
    complaint({ ...base, kind: "signal", name: "", email: "", address: "", anonymous: "on", health_risk: "on" }),
  ],
  ["proposal", complaint({ ...base, kind: "proposal" })],
  ["praise", complaint({ ...base, kind: "praise", subject: "" })],
];

describe("the receipt of each kind", () => {
  it.each(posts)("%s", async (_kind, fields) => {
    const posted = await postForm(fields, { env });
    expect(posted.status).toBe(303);
    const main = await mainOf(posted.headers.get("location") ?? "");
    expect(main).toContain("Община Тестово");
    expect(main).toMatchSnapshot();
  });
});

describe("the survey's thank-you page", () => {
  it("thanks and says what the rating is for", async () => {
    const posted = await postForm({ municipality: "testovo", kind: "survey", rating: "5", message: "" }, { env });
    expect(posted.headers.get("location")).toBe("/obratna-vrazka/anketa/testovo/");
    expect(await mainOf("/obratna-vrazka/anketa/testovo/")).toMatchSnapshot();
  });
});
