/**
 * The rules of the staff actions in the cases other tests leave out, as the staff API
 * answers them: each refusal names its field and says why, and what is recorded (the
 * notice, the history's detail) is exactly what was done.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { LIMITS, MESSAGES } from "../../functions/staff/actions";
import { sofiaDate } from "../../src/shared/dates";
import { api, CLERK, fileComplaint, signIn } from "./staff-support";
import { db } from "./support";

let clerk: string;

beforeAll(async () => {
  clerk = await signIn(CLERK);
});

const post = (id: number, action: string, body: unknown) =>
  api(`/api/staff/submissions/${id}/${action}`, { body, cookie: clerk });

/** The detail the history keeps of the submission's latest action. */
async function lastDetail(id: number): Promise<Record<string, unknown>> {
  const row = await db()
    .prepare("SELECT detail FROM audit_log WHERE submission_id = ? ORDER BY id DESC LIMIT 1")
    .bind(id)
    .first<{ detail: string }>();
  return JSON.parse(row?.detail ?? "null");
}

describe("a status change", () => {
  it("an unknown status is named at its field", async () => {
    const { id } = await fileComplaint();
    const refused = await post(id, "status", { status: "closed" });
    expect(refused.status).toBe(422);
    expect(await refused.json()).toEqual({ errors: { status: MESSAGES.statusUnknown } });
  });

  it("a step the status cannot take says so, and points to „Отговор“ only for the answered status", async () => {
    const { id } = await fileComplaint();
    const same = await post(id, "status", { status: "registered" });
    expect(same.status).toBe(409);
    expect(((await same.json()) as { error: string }).error).toBe(
      "От „Регистрирана“ не може да се премине към „Регистрирана“.",
    );
    const answered = await post(id, "status", { status: "answered" });
    expect(answered.status).toBe(409);
    expect(((await answered.json()) as { error: string }).error).toBe(
      `От „Регистрирана“ не може да се премине към „Отговорена“. ${MESSAGES.answeredThroughAnswer}`,
    );
  });

  it("an authority's name or a note longer than the limit is refused at its field", async () => {
    const { id } = await fileComplaint();
    const forwarded = await post(id, "status", { status: "forwarded", forwardedTo: "О".repeat(LIMITS.authority + 1) });
    expect(forwarded.status).toBe(422);
    expect(await forwarded.json()).toEqual({ errors: { forwardedTo: MESSAGES.tooLong(LIMITS.authority) } });
    const noted = await post(id, "status", {
      status: "not_considered",
      reason: "other",
      note: "Б".repeat(LIMITS.reason + 1),
    });
    expect(noted.status).toBe(422);
    expect(await noted.json()).toEqual({ errors: { note: MESSAGES.tooLong(LIMITS.reason) } });
    // No reason chosen yet: the clerk is told both things at once, not one per try.
    const both = await post(id, "status", { status: "not_considered", note: "Б".repeat(LIMITS.reason + 1) });
    expect(await both.json()).toEqual({
      errors: { reason: MESSAGES.reasonMissing, note: MESSAGES.tooLong(LIMITS.reason) },
    });
  });

  it("a listed reason keeps the note written beside it; the notice and the history say what was done", async () => {
    const { id } = await fileComplaint();
    const done = await post(id, "status", { status: "not_considered", reason: "too_old", note: "От 2019 г." });
    expect(done.status).toBe(200);
    expect(((await done.json()) as { notice: string }).notice).toBe("Състоянието е „Оставена без разглеждане“.");
    const row = await db()
      .prepare("SELECT not_considered_reason, not_considered_note FROM submissions WHERE id = ?")
      .bind(id)
      .first();
    expect(row).toEqual({ not_considered_reason: "too_old", not_considered_note: "От 2019 г." });
    expect(await lastDetail(id)).toEqual({
      from: "registered",
      to: "not_considered",
      reason: "too_old",
      note: "От 2019 г.",
    });
  });

  it("without a note, the history has none", async () => {
    const { id } = await fileComplaint();
    expect((await post(id, "status", { status: "in_progress" })).status).toBe(200);
    expect(await lastDetail(id)).toEqual({ from: "registered", to: "in_progress" });
  });
});

describe("an answer", () => {
  it("sent by post before the submission arrived is refused at the date", async () => {
    const { id } = await fileComplaint();
    await db().prepare("UPDATE submissions SET received_at = '2026-06-10T08:00:00.000Z' WHERE id = ?").bind(id).run();
    const early = await post(id, "answer", { sentByPostOn: "2026-06-09" });
    expect(early.status).toBe(422);
    expect(await early.json()).toEqual({ errors: { sentByPostOn: MESSAGES.beforeReceived } });
    expect((await post(id, "answer", { sentByPostOn: "2026-06-10" })).status).toBe(200);
    expect(await lastDetail(id)).toEqual({ from: "registered", answeredOn: "2026-06-10", by: "post" });
  });

  it("by e-mail is recorded as such in the history", async () => {
    const { id } = await fileComplaint();
    expect((await post(id, "answer", { text: "Уважаема госпожо Иванова, …" })).status).toBe(200);
    expect(await lastDetail(id)).toEqual({ from: "registered", answeredOn: sofiaDate(new Date()), by: "email" });
  });
});
