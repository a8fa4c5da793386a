/**
 * De-duplication: only a repeat of the same resident's post is merged (the same
 * loaded form, or the same identity), KV short-cuts only what D1 confirms, and
 * neither a KV failure nor its expiry loses a submission.
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { dedupKey } from "../../functions/submissions/identity";
import {
  complaint,
  count,
  type Fields,
  failingDatabase,
  postForm,
  postJson,
  submissionsWithMessage,
  validSubmission,
} from "./support";

const reference = async (r: Response) => ((await r.json()) as { reference: string }).reference;

const keyOf = (fields: Fields): Promise<string> => dedupKey(validSubmission(fields), fields.form_load ?? "", "");

describe("who may be merged", () => {
  it("the same short praise from three people without contact details is three submissions", async () => {
    const message = `Благодаря на служителите! ${crypto.randomUUID()}`;
    const refs = new Set<string>();
    for (let i = 0; i < 3; i++)
      refs.add(await reference(await postJson({ municipality: "kostinbrod", kind: "praise", message })));
    expect(refs.size).toBe(3);
    expect(await submissionsWithMessage(message)).toHaveLength(3);
  });

  it("the same anonymous health-and-safety signal from different people is kept for each", async () => {
    const message = `Паднал стълб на ул. „Искър“ ${crypto.randomUUID()}`;
    for (const who of ["Иван", "Мария"]) {
      const fields = complaint({ kind: "signal", message, name: who, email: "", anonymous: "on", health_risk: "on" });
      expect((await postJson(fields)).status).toBe(201);
    }
    expect(await submissionsWithMessage(message)).toHaveLength(2);
  });

  it("a double click of one loaded form without any contact details is one submission", async () => {
    const message = `Анонимно ${crypto.randomUUID()}`;
    const fields = complaint({
      message,
      name: "",
      email: "",
      anonymous: "on",
      health_risk: "on",
      form_load: "a1b2c3d4e5f6a7b8c9d0",
    });
    const [a, b] = await Promise.all([postJson(fields), postJson(fields)]);
    expect(await reference(a)).toBe(await reference(b));
    expect(await submissionsWithMessage(message)).toHaveLength(1);
  });

  it("a form id that is not one of ours says nothing about who sent it: the same anonymous text is kept for each", async () => {
    const message = `Анонимно ${crypto.randomUUID()}`;
    const fields = complaint({ message, name: "", email: "", anonymous: "on", health_risk: "on", form_load: "x" });
    const [a, b] = [await reference(await postJson(fields)), await reference(await postJson(fields))];
    expect(a).not.toBe(b);
    expect(await submissionsWithMessage(message)).toHaveLength(2);
  });

  it("the same resident sending the same text again, the e-mail typed in other capitals, is one submission", async () => {
    const fields = complaint({ email: "Maria.Ivanova@Example.com" });
    const a = await reference(await postJson(fields));
    const b = await reference(await postJson({ ...fields, email: "maria.ivanova@example.com" }));
    expect(b).toBe(a);
    expect(await submissionsWithMessage(fields.message ?? "")).toHaveLength(1);
  });

  it("the same text as a complaint and then as a signal is two submissions", async () => {
    const fields = complaint();
    const a = await reference(await postJson(fields));
    const b = await reference(await postJson({ ...fields, kind: "signal" }));
    expect(a).not.toBe(b);
    expect(await submissionsWithMessage(fields.message ?? "")).toHaveLength(2);
  });

  it("the same text to two municipalities is two submissions", async () => {
    const fields = complaint();
    await postJson(fields);
    await postJson({ ...fields, municipality: "kovachevtsi" });
    expect(await submissionsWithMessage(fields.message ?? "")).toHaveLength(2);
  });
});

describe("KV's memory", () => {
  it("lasts exactly the de-duplication window, 10 minutes", async () => {
    const puts: { key: string; ttl: number | undefined }[] = [];
    const recording = new Proxy(env.DEDUP, {
      get(target, prop) {
        if (prop === "put") {
          return (key: string, value: string, options?: KVNamespacePutOptions) => {
            puts.push({ key, ttl: options?.expirationTtl });
            return target.put(key, value, options);
          };
        }
        const value = Reflect.get(target, prop);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    await postJson(complaint(), { env: { DEDUP: recording } });
    expect(puts).toEqual([{ key: expect.stringMatching(/^submission:[0-9a-f]{64}$/), ttl: 600 }]);
  });

  it("answers a repeat by itself while D1 cannot be reached", async () => {
    const fields = complaint();
    const first = await reference(await postJson(fields));
    const again = await postJson(fields, { env: { DB: failingDatabase() } });
    expect(again.status).toBe(201);
    expect(await reference(again)).toBe(first);
  });

  it("a remembered reference that D1 no longer holds is not handed out: the post is registered anew", async () => {
    const fields = complaint();
    await env.DEDUP.put(
      `submission:${await keyOf(fields)}`,
      JSON.stringify({ reference: "94-00-999999/01.01.2026", deadline: null, receiptToken: "ZZZZZZZZZZZZZZZZZZZZZZ" }),
    );
    const response = await postForm(fields);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).not.toContain("ZZZZZZZZZZZZZZZZZZZZZZ");
    const rows = await submissionsWithMessage(fields.message ?? "");
    expect(rows).toHaveLength(1);
    expect(response.headers.get("location")).toBe(`/potvarzhdenie/${rows[0]?.receipt_token}/`);
  });

  it("when KV is down, submissions are still registered, and D1 still merges a repeat", async () => {
    const broken = {
      get: async () => {
        throw new Error("KV GET failed: 503");
      },
      put: async () => {
        throw new Error("KV PUT failed: 503");
      },
    } as unknown as KVNamespace;
    const fields = complaint();
    const a = await postJson(fields, { env: { DEDUP: broken } });
    const b = await postForm(fields, { env: { DEDUP: broken } });
    expect(a.status).toBe(201);
    expect(b.status).toBe(303);
    expect(await submissionsWithMessage(fields.message ?? "")).toHaveLength(1);
    expect(await count("SELECT 1 FROM submissions WHERE message = ?", fields.message)).toBe(1);
  });
});
