/**
 * What a script (the forms' own, or anyone's) may send for the yes/no and rating fields in
 * JSON: the words a person would write, in any case and spacing, booleans and numbers; and
 * what it may not. What was stored is read back, since that is what a clerk will see.
 */
import { describe, expect, it } from "vitest";
import { LIMITS } from "../../src/shared/forms/fields";
import { ERRORS } from "../../src/shared/forms/messages";
import { call, complaint, db, nextIp, ORIGIN, postJson, submissionsWithMessage } from "./support";

const json = async <T>(response: Response) => (await response.json()) as T;

/** A signal (with or without the sender's name) whose "anonymous" and "a risk to health" are `tick`. */
async function signalTicked(tick: unknown, named = false) {
  const fields = complaint(named ? { kind: "signal" } : { kind: "signal", name: "", email: "", phone: "" });
  const response = await postJson({ ...fields, anonymous: tick, health_risk: tick });
  return { response, rows: await submissionsWithMessage(fields.message ?? "") };
}

describe("a yes/no box sent as JSON", () => {
  it.each([true, "on", "true", "1", "yes", "да", " Да ", "YES", "\tON\n"])("is ticked by %j", async (tick) => {
    const { response, rows } = await signalTicked(tick);
    expect(response.status).toBe(201);
    expect(rows).toMatchObject([{ anonymous: 1, health_risk: 1, name: "" }]);
  });

  it.each([false, null, "", "off", "false", "0", "no", "не", " НЕ ", "No"])("is left unticked by %j", async (tick) => {
    const { response, rows } = await signalTicked(tick, true);
    expect(response.status).toBe(201);
    expect(rows).toMatchObject([{ anonymous: 0, health_risk: 0, name: "Мария Иванова" }]);
  });

  it.each(["може би", "y", "2", 1, 0, [], {}])("is refused with %j, naming the field", async (tick) => {
    const { response, rows } = await signalTicked(tick, true);
    expect(response.status).toBe(422);
    expect(await json(response)).toEqual({ errors: { anonymous: ERRORS.notYesNo, health_risk: ERRORS.notYesNo } });
    expect(rows).toEqual([]);
  });
});

/** A survey's rating as a script sends it; the answer is found by its comment. */
async function rate(rating: unknown) {
  const comment = `Оценка ${crypto.randomUUID()}`;
  const response = await postJson({ municipality: "kostinbrod", kind: "survey", rating, message: comment });
  const row = await db()
    .prepare("SELECT rating FROM survey_responses WHERE comment = ?")
    .bind(comment)
    .first<{ rating: number }>();
  return { response, stored: row?.rating ?? null };
}

describe("a rating sent as JSON", () => {
  it.each([
    [5, 5],
    [1, 1],
    ["3", 3],
    [" 4 ", 4],
    ["2\n", 2],
  ])("%j is stored as %i", async (rating, expected) => {
    const { response, stored } = await rate(rating);
    expect(response.status).toBe(201);
    expect(stored).toBe(expected);
  });

  // One digit from 1 to 5 and nothing else: "05", "+5" or "5.0" are not what the form sends.
  it.each([null, "", "   ", 0, 6, 2.5, "0", "6", "05", "+5", "5.0", "4 5", "x5", "5x", "пет", true, [5]])(
    "%j is refused with the rating's message",
    async (rating) => {
      const { response, stored } = await rate(rating);
      expect(response.status).toBe(422);
      expect(await json(response)).toEqual({ errors: { rating: ERRORS.ratingRequired } });
      expect(stored).toBeNull();
    },
  );

  it("is ignored for a kind that asks for none", async () => {
    const fields = complaint();
    const response = await postJson({ ...fields, rating: "не е число" });
    expect(response.status).toBe(201);
    expect(await submissionsWithMessage(fields.message ?? "")).toMatchObject([{ rating: null }]);
  });
});

/** "Полезна ли беше тази страница?" answered by a script; the answer is found by its page. */
async function feedback(body: Record<string, unknown>) {
  const page = body.page ?? `/kostinbrod/${crypto.randomUUID()}/`;
  const response = await call(
    new Request(`${ORIGIN}/api/feedback`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json", "CF-Connecting-IP": nextIp() },
      body: JSON.stringify({ ...body, page }),
    }),
  );
  const row = await db()
    .prepare("SELECT useful, comment FROM page_feedback WHERE page = ? ORDER BY id DESC")
    .bind(page)
    .first<{ useful: number; comment: string }>();
  return { response, row };
}

describe("page feedback sent as JSON", () => {
  it.each([true, "yes", "да"])("%j is a yes, stored without a comment when none is sent", async (useful) => {
    const { response, row } = await feedback({ useful });
    expect(response.status).toBe(201);
    expect(row).toEqual({ useful: 1, comment: "" });
  });

  it.each([false, "no", "не"])("%j is a no", async (useful) => {
    const { response, row } = await feedback({ useful, comment: "Няма телефон" });
    expect(response.status).toBe(201);
    expect(row).toEqual({ useful: 0, comment: "Няма телефон" });
  });

  it.each([undefined, null, "", "може би", 1, "on"])("%j is no answer", async (useful) => {
    const { response, row } = await feedback({ useful });
    expect(response.status).toBe(422);
    expect(await json(response)).toEqual({ errors: { useful: ERRORS.usefulRequired } });
    expect(row).toBeNull();
  });

  it(`a page address of up to ${LIMITS.page} characters is this site's; a longer one is not`, async () => {
    const path = (length: number) => `/${"a".repeat(length - 2)}/`;
    expect((await feedback({ useful: true, page: path(LIMITS.page) })).response.status).toBe(201);
    const tooLong = await feedback({ useful: true, page: path(LIMITS.page + 1) });
    expect(tooLong.response.status).toBe(422);
    expect(await json(tooLong.response)).toEqual({ errors: { page: ERRORS.pageInvalid } });
    expect(tooLong.row).toBeNull();
  });
});
