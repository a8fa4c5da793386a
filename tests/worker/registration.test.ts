/** Incoming numbers, de-duplication and storage faults: registered once, numbered without gaps, never half-written. */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { planEmails } from "../../functions/mail/plan";
import { dedupKey } from "../../functions/submissions/identity";
import { sofiaDate } from "../../src/shared/dates";
import {
  complaint,
  count,
  db,
  failingDatabase,
  mainText,
  municipality,
  outboxOf,
  postForm,
  postJson,
  registerAt,
  submissionsWithMessage,
  validSubmission,
} from "./support";

const kostinbrod = await municipality("kostinbrod");
const kovachevtsi = await municipality("kovachevtsi");

async function lastSeq(municipality: string, year: number): Promise<number> {
  const row = await db()
    .prepare("SELECT last_seq FROM registry_sequences WHERE municipality = ? AND year = ?")
    .bind(municipality, year)
    .first<{ last_seq: number }>();
  return row?.last_seq ?? 0;
}

describe("incoming numbers INDEX-SEQ/DD.MM.YYYY", () => {
  it("200 concurrent submissions get 200 unique numbers with no gaps", async () => {
    const year = Number(sofiaDate(new Date()).slice(0, 4));
    const before = await lastSeq("kovachevtsi", year);
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        postJson(
          complaint({
            municipality: "kovachevtsi",
            email: "",
            address: "с. Ковачевци",
            message: `№ ${i} ${crypto.randomUUID()}`,
          }),
        ),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(200).fill(201));
    const references = await Promise.all(
      responses.map(async (r) => ((await r.json()) as { reference: string }).reference),
    );
    expect(new Set(references).size).toBe(200);
    const seqs = references.map((r) => Number(r.split("/")[0]?.split("-").at(-1))).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 200 }, (_, i) => before + i + 1));
    expect(await lastSeq("kovachevtsi", year)).toBe(before + 200);
    // Every one of them has its staff e-mail queued with it.
    expect(
      await count(
        "SELECT 1 FROM email_outbox o JOIN submissions s ON s.id = o.submission_id WHERE s.municipality = 'kovachevtsi' AND s.seq > ? AND o.template = 'staff'",
        before,
      ),
    ).toBe(200);
  }, 60_000); // correctness under load, not speed: a busy 2-core machine needs more than 5 s

  it("each municipality has its own sequence, and it starts again each year (Bulgarian time)", async () => {
    // 31.12.2030 23:59 and 01.01.2031 00:30 in Sofia (UTC+2 in winter).
    const lastMinute = await registerAt(complaint(), new Date("2030-12-31T21:59:00Z"));
    const newYear = await registerAt(complaint(), new Date("2030-12-31T22:30:00Z"));
    const elsewhere = await registerAt(
      complaint({ municipality: "kovachevtsi" }),
      new Date("2031-01-01T08:00:00Z"),
      kovachevtsi,
    );
    const next = await registerAt(complaint(), new Date("2031-01-02T08:00:00Z"));
    expect(lastMinute.record.reference).toMatch(/^94-00-\d+\/31\.12\.2030$/);
    expect(newYear.record.reference).toBe("94-00-1/01.01.2031");
    expect(elsewhere.record.reference).toBe("94-01-1/01.01.2031");
    expect(next.record.reference).toBe("94-00-2/02.01.2031");
  });

  it("deadlines count from the Bulgarian date: one month from 31 January ends on the last day of February", async () => {
    const r = await registerAt(
      complaint({ municipality: "kovachevtsi" }),
      new Date("2031-01-31T10:00:00Z"),
      kovachevtsi,
    );
    expect(r.record.deadline).toBe("2031-02-28");
    const late = await registerAt(complaint(), new Date("2031-03-31T21:30:00Z")); // 01.04 after midnight in Sofia
    expect(late.record.reference.endsWith("/01.04.2031")).toBe(true);
    expect(late.record.deadline).toBe("2031-06-01");
  });
});

describe("the same submission sent twice within 10 minutes", () => {
  it("gets the first reference back and stores nothing new (KV)", async () => {
    const fields = complaint();
    const first = await postJson(fields);
    const again = await postJson(fields);
    const third = await postForm(fields);
    const a = (await first.json()) as { reference: string; receiptUrl: string };
    const b = (await again.json()) as { reference: string; receiptUrl: string };
    expect(again.status).toBe(201);
    expect(b).toEqual(a);
    expect(third.status).toBe(303);
    expect(third.headers.get("location")).toBe(a.receiptUrl);
    const rows = await submissionsWithMessage(fields.message ?? "");
    expect(rows).toHaveLength(1);
    expect(await outboxOf(rows[0]?.id ?? 0)).toHaveLength(2);
    const key = await dedupKey(validSubmission(fields), "", "");
    expect(await env.DEDUP.get(`submission:${key}`, "json")).toMatchObject({ reference: a.reference });
  });

  it("a double click (two posts at once) is still one submission: D1 decides when KV has not seen it yet", async () => {
    const fields = complaint();
    const [a, b] = await Promise.all([postJson(fields), postJson(fields)]);
    const [ra, rb] = (await Promise.all([a.json(), b.json()])) as { reference: string }[];
    expect(ra?.reference).toBe(rb?.reference);
    expect(await submissionsWithMessage(fields.message ?? "")).toHaveLength(1);
  });

  it("the registration itself refuses a duplicate, without using up a number", async () => {
    const fields = complaint();
    const now = new Date("2032-05-05T09:00:00Z");
    const first = await registerAt(fields, now);
    const seq = await lastSeq("kostinbrod", 2032);
    const second = await registerAt(fields, new Date(now.getTime() + 9 * 60_000));
    expect(second).toMatchObject({
      record: { reference: first.record.reference, receiptToken: first.record.receiptToken },
      created: false,
      outbox: [],
    });
    expect(await lastSeq("kostinbrod", 2032)).toBe(seq);
    const later = await registerAt(fields, new Date(now.getTime() + 11 * 60_000));
    expect(later.created).toBe(true);
    expect(later.record.reference).not.toBe(first.record.reference);
  });

  it("a changed word is a new submission", async () => {
    const fields = complaint();
    const a = (await (await postJson(fields)).json()) as { reference: string };
    const b = (await (await postJson({ ...fields, message: `${fields.message}!` })).json()) as { reference: string };
    expect(a.reference).not.toBe(b.reference);
  });
});

describe("when D1 fails", () => {
  it("a browser gets 503 with the form, its text intact and the municipality's phone", async () => {
    const fields = complaint({ message: "Текстът ми не бива да се губи.\nВтори ред <b>с таг</b>." });
    const response = await postForm(fields, { env: { DB: failingDatabase() } });
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("60");
    const html = await response.text();
    expect(html).toContain("<title>Грешка: Жалба до Община Костинброд – Харта на клиента</title>");
    expect(html).toContain(">Текстът ми не бива да се губи.\nВтори ред &lt;b&gt;с таг&lt;/b&gt;.</textarea>");
    expect(html).toContain(`value="${fields.name}"`);
    expect(mainText(html)).toContain("обадете се на Община Костинброд на тел. 0721 68701");
  });

  it("a script is told the same, with Retry-After; a municipality without a phone in its charter points to its website", async () => {
    const response = await postJson(complaint({ municipality: "kovachevtsi" }), { env: { DB: failingDatabase() } });
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("60");
    const body = (await response.json()) as { error: string; phone: string | null };
    expect(body.phone).toBeNull();
    expect(body.error).toContain("свържете се с Община Ковачевци чрез http://www.kovachevtsi.com");
  });

  it("nothing is half-written: a batch failing at its last statement leaves no number, row or e-mail", async () => {
    const real = db();
    // The real database, except that every batch ends with a statement that fails.
    const breaking = new Proxy(real, {
      get(target, prop) {
        if (prop === "batch") {
          return (statements: D1PreparedStatement[]) =>
            target.batch([...statements, target.prepare("INSERT INTO no_such_table VALUES (1)")]);
        }
        const value = Reflect.get(target, prop);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const year = Number(sofiaDate(new Date()).slice(0, 4));
    const seq = await lastSeq("kostinbrod", year);
    const outbox = await count("SELECT 1 FROM email_outbox");
    const fields = complaint();
    const response = await postJson(fields, { env: { DB: breaking } });
    expect(response.status).toBe(503);
    expect(await lastSeq("kostinbrod", year)).toBe(seq);
    expect(await submissionsWithMessage(fields.message ?? "")).toHaveLength(0);
    expect(await count("SELECT 1 FROM email_outbox")).toBe(outbox);
    // And the next submission takes the very next number.
    const next = (await (await postJson(complaint())).json()) as { reference: string };
    expect(next.reference.startsWith(`94-00-${seq + 1}/`)).toBe(true);
  });

  it("plans one staff e-mail per recipient and an acknowledgement only when there is an address", () => {
    expect(planEmails(validSubmission(complaint()), kostinbrod)).toEqual([
      { template: "staff", recipient: "delovodstvo@kostinbrod.example" },
      { template: "acknowledgement", recipient: "maria@example.com" },
    ]);
    expect(planEmails(validSubmission(complaint({ email: "", address: "гр. Костинброд" })), kostinbrod)).toEqual([
      { template: "staff", recipient: "delovodstvo@kostinbrod.example" },
    ]);
  });
});
