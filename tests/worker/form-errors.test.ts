/**
 * A form sent with mistakes comes back (422) as a resident without JavaScript reads it, word
 * for word (snapshots): the error summary with a link to each field, every field's message
 * tied to it for screen readers (aria-describedby, aria-invalid), what was typed and ticked
 * still there. For the test municipality Тестово (tests/fixtures/), so that editors' changes
 * to the real municipalities never move them. The page feedback form shown again is here too.
 * After a deliberate change, look at the difference and accept it with
 * `npx vitest run --project worker tests/worker/form-errors.test.ts -u`.
 * Its own file: the municipalities are read once per isolate, here with Тестово among them.
 */
import { describe, expect, it } from "vitest";
import { LIMITS } from "../../src/shared/forms/fields";
import { type Municipality, municipalitySchema } from "../../src/shared/municipality";
import { MUNICIPALITIES_DATA_PATH } from "../../src/shared/worker-data";
import testovoJson from "../fixtures/municipalities/testovo.json";
import { assetsWith, call, mainHtml, mainText, nextIp, ORIGIN, postForm } from "./support";

const testovo: Municipality = { ...municipalitySchema.parse(testovoJson), id: "testovo" };
/** Тестово as a charter that sets no deadline for proposals would make it. */
const { proposal: _, ...someDeadlines } = testovo.deadlines;
const noProposalDeadline: Municipality = { ...testovo, id: "testovo-bez-srok", deadlines: someDeadlines };
const assets = assetsWith(MUNICIPALITIES_DATA_PATH, async (real) =>
  Response.json([...((await (await real()).json()) as Municipality[]), testovo, noProposalDeadline]),
);

async function shownAgain(fields: Record<string, string>): Promise<string> {
  const response = await postForm({ municipality: "testovo", ...fields }, { env: { ASSETS: assets } });
  expect(response.status).toBe(422);
  return mainHtml(await response.text());
}

describe("a form sent with mistakes", () => {
  it("a complaint with nothing filled in but a wrong phone number", async () => {
    expect(
      await shownAgain({ kind: "complaint", subject: " ", message: "", name: "", email: "", phone: "abc" }),
    ).toMatchSnapshot();
  });

  it("a signal whose 'anonymous' box says neither yes nor no, its risk box ticked as a script might", async () => {
    expect(
      await shownAgain({
        kind: "signal",
        subject: "Дупка на тротоара",
        message: "Пред училището.",
        name: "",
        email: "",
        anonymous: "може би",
        health_risk: " Да ",
      }),
    ).toMatchSnapshot();
  });

  it("an anonymous signal without a risk to health", async () => {
    expect(
      await shownAgain({
        kind: "signal",
        subject: "Дупка на тротоара",
        message: "Пред училището.",
        anonymous: "on",
      }),
    ).toMatchSnapshot();
  });

  it("a survey without a rating, and without even an empty comment", async () => {
    const html = await shownAgain({ kind: "survey" });
    expect(html).toContain('aria-describedby="f-message-hint"></textarea>');
    expect(html).toMatchSnapshot();
  });

  it("a proposal to a municipality whose charter sets it no deadline says only that it is considered", async () => {
    const html = await shownAgain({ municipality: "testovo-bez-srok", kind: "proposal", subject: "", message: "" });
    expect(mainText(html)).toContain(
      "Община Тестово разглежда предложението. След изпращането веднага ще видите входящия номер.",
    );
  });

  it("a survey whose comment is too long keeps its rating chosen", async () => {
    const html = await shownAgain({ kind: "survey", rating: " 4 ", message: "я".repeat(LIMITS.message + 1) });
    expect(html).toMatch(/<input[^>]*id="f-rating-4"[^>]*checked/);
    expect(html.match(/ checked/g)).toHaveLength(1);
    expect(html.replace(/я{100,}/, "я…")).toMatchSnapshot();
  });
});

describe("page feedback sent with mistakes", () => {
  it("without an answer and with a comment too long", async () => {
    const response = await call(
      new Request(`${ORIGIN}/api/feedback`, {
        method: "POST",
        redirect: "manual",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN, "CF-Connecting-IP": nextIp() },
        body: new URLSearchParams({ page: "/testovo/", comment: "я".repeat(LIMITS.comment + 1) }).toString(),
      }),
    );
    expect(response.status).toBe(422);
    expect(mainHtml(await response.text()).replace(/я{100,}/, "я…")).toMatchSnapshot();
  });
});
