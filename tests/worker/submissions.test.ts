/** POST /api/submissions: the contract for browsers without JavaScript, for scripts, and for bad input. */
import { describe, expect, it } from "vitest";
import { parseUrlEncoded } from "../../functions/http/body";
import { sofiaDate } from "../../src/shared/dates";
import {
  call,
  complaint,
  count,
  type Fields,
  mainText,
  ORIGIN,
  postForm,
  postJson,
  submissionByReference,
  submissionsWithMessage,
} from "./support";

const REFERENCE = /^94-0[01]-\d+\/\d{2}\.\d{2}\.\d{4}$/;
const todayDotted = () => sofiaDate(new Date()).split("-").reverse().join(".");

async function json<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

describe("a browser without JavaScript", () => {
  it("is sent (303) to the receipt page, and every field is stored", async () => {
    const fields = complaint({ address: "гр. Костинброд, ул. „Охрид“ № 1" });
    const response = await postForm(fields);
    expect(response.status).toBe(303);
    const location = response.headers.get("location") ?? "";
    expect(location).toMatch(/^\/potvarzhdenie\/[A-Za-z0-9_-]{22}\/$/);

    const [row] = await submissionsWithMessage(fields.message ?? "");
    expect(row).toMatchObject({
      municipality: "kostinbrod",
      kind: "complaint",
      status: "registered",
      subject: fields.subject,
      name: fields.name,
      email: fields.email,
      phone: fields.phone,
      address: fields.address,
      anonymous: 0,
      health_risk: 0,
      rating: null,
    });
    expect(row?.reference).toMatch(REFERENCE);
    expect(row?.reference.endsWith(`/${todayDotted()}`)).toBe(true);
    expect(location).toBe(`/potvarzhdenie/${row?.receipt_token}/`);
    expect(Date.now() - Date.parse(row?.received_at ?? "")).toBeLessThan(60_000);
  });

  it("gets 422 with the form again: error summary, inline errors, 'Грешка:' title, values kept", async () => {
    const typed = complaint({ subject: "", name: "Петър „Пешо“ Петров", email: "", address: "" });
    const response = await postForm(typed);
    expect(response.status).toBe(422);
    expect(response.headers.get("content-type")).toContain("text/html");
    const html = await response.text();
    expect(html).toMatch(/<title>Грешка: Жалба до Община Костинброд – Харта на клиента<\/title>/);
    // The summary links each message to its field; the fields carry the same message.
    expect(html).toContain('<a href="#f-subject">Въведете тема</a>');
    expect(html).toContain('<a href="#f-email">Въведете електронна поща или пощенски адрес');
    expect(html).toMatch(/id="f-subject-error"><span class="visually-hidden">Грешка:<\/span> Въведете тема/);
    expect(html).toMatch(
      /<input[^>]*id="f-subject"[^>]*aria-describedby="f-subject-hint f-subject-error"[^>]*aria-invalid="true"/,
    );
    expect(html).toMatch(/class="error-summary"[^>]*tabindex="-1" autofocus/);
    // What the resident typed is still there.
    expect(html).toContain('value="Петър „Пешо“ Петров"');
    expect(html).toContain(`>${typed.message}</textarea>`);
    expect(html).toContain('value="0888 123 456"');
    expect(await count("SELECT 1 FROM submissions WHERE message = ?", typed.message)).toBe(0);
  });

  it("escapes everything it shows back", async () => {
    const evil = '<script>alert("x")</script>';
    const response = await postForm(complaint({ subject: "", name: evil, message: `${evil}\n"'&` }));
    const html = await response.text();
    expect(html).not.toContain(evil);
    expect(html).toContain('value="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"');
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;\n&quot;&#39;&amp;</textarea>");
  });

  it("reads the form as a browser writes it: + is a space, the first of a repeated field counts", async () => {
    const fields = complaint();
    const subject = "Дупка на улицата";
    const body = `&${new URLSearchParams({ ...fields, subject })}&&message=${encodeURIComponent("втори")}&website&`;
    expect(body).toContain("subject=%D0%94%D1%83%D0%BF%D0%BA%D0%B0+%D0%BD%D0%B0+");
    const response = await postForm(body);
    expect(response.status).toBe(303);
    const [stored] = await submissionsWithMessage(fields.message ?? "");
    expect(stored?.subject).toBe(subject);
  });

  it("parses a body exactly as URLSearchParams does, except that it refuses what is not UTF-8", () => {
    const firstWins = (body: string) => {
      const out: Record<string, string> = {};
      for (const [name, value] of new URLSearchParams(body)) if (!(name in out)) out[name] = value;
      return out;
    };
    const bodies = ["", "a", "a=", "=x", "a=1&&b=2", "&a=1&", "a+b=c+d", "a=1&a=2", "a&a=2", "a==b", "%D0%B6=%D0%B6"];
    for (const body of bodies) expect({ ...parseUrlEncoded(body) }, body).toEqual(firstWins(body));
    expect(parseUrlEncoded("a=%D0")).toBeNull();
  });

  it("keeps the checkboxes and the rating as they were ticked", async () => {
    const anonymous = await (await postForm(complaint({ anonymous: "on", name: "", email: "" }))).text();
    expect(anonymous).toMatch(/id="f-anonymous" name="anonymous" type="checkbox" value="on" checked/);
    const survey = await (await postForm({ municipality: "kostinbrod", kind: "survey", rating: "9" })).text();
    expect(survey).toContain('<a href="#f-rating-1">Изберете оценка от 1 до 5</a>');
  });
});

describe("a script (JSON)", () => {
  it("gets 201 with the reference, the deadline and the receipt's address", async () => {
    const response = await postJson(complaint());
    expect(response.status).toBe(201);
    const body = await json<{ reference: string; deadline: string; receiptUrl: string }>(response);
    expect(Object.keys(body).sort()).toEqual(["deadline", "receiptUrl", "reference"]);
    expect(body.reference).toMatch(REFERENCE);
    expect(body.deadline).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(body.receiptUrl).toMatch(/^\/potvarzhdenie\/[A-Za-z0-9_-]{22}\/$/);
    expect(await submissionByReference(body.reference)).not.toBeNull();
  });

  it("gets 422 with a Bulgarian message per field", async () => {
    const response = await postJson({ municipality: "kostinbrod", kind: "complaint", email: "не-е-адрес" });
    expect(response.status).toBe(422);
    expect(await json(response)).toEqual({
      errors: {
        subject: "Въведете тема",
        message: "Опишете проблема или предложението си",
        name: "Въведете името си или отбележете, че подавате анонимно",
        email: "Въведете електронна поща във формат име@example.com",
      },
    });
  });

  it("accepts booleans and numbers where a form would send text", async () => {
    const anonymous = await postJson(complaint({ name: "", email: "" }), {});
    expect(anonymous.status).toBe(422);
    const ok = await postJson({ ...complaint({ name: "", email: "" }), anonymous: true, health_risk: true });
    expect(ok.status).toBe(201);
    const survey = await postJson({ municipality: "kovachevtsi", kind: "survey", rating: 4, message: "" });
    expect(survey.status).toBe(201);
  });
});

describe("every kind, with its own rules and deadline", () => {
  const today = sofiaDate(new Date());
  const plusMonths = (n: number) => {
    const [y, m, d] = today.split("-").map(Number) as [number, number, number];
    const last = new Date(Date.UTC(y, m - 1 + n + 1, 0)).getUTCDate();
    return new Date(Date.UTC(y, m - 1 + n, Math.min(d, last))).toISOString().slice(0, 10);
  };
  const cases: [string, Fields, string | null][] = [
    ["complaint (Костинброд, 2 months)", complaint(), plusMonths(2)],
    ["complaint (Ковачевци, 1 month by its charter)", complaint({ municipality: "kovachevtsi" }), plusMonths(1)],
    ["signal", complaint({ kind: "signal" }), plusMonths(2)],
    ["proposal", complaint({ kind: "proposal" }), plusMonths(2)],
    [
      "praise, anonymous",
      { municipality: "kostinbrod", kind: "praise", message: `Благодаря! ${crypto.randomUUID()}` },
      null,
    ],
  ];
  it.each(cases)("%s", async (_name, fields, deadline) => {
    const response = await postJson(fields);
    expect(response.status).toBe(201);
    const body = await json<{ reference: string; deadline: string | null }>(response);
    expect(body.deadline).toBe(deadline);
    const row = await submissionByReference(body.reference, fields.municipality);
    expect(row?.kind).toBe(fields.kind);
    expect(row?.deadline).toBe(deadline);
  });

  it("surveys need a rating from 1 to 5", async () => {
    for (const rating of [undefined, "0", "6", "3.5", "пет"]) {
      const response = await postJson({ municipality: "kostinbrod", kind: "survey", rating });
      expect(response.status).toBe(422);
      expect(await json(response)).toEqual({ errors: { rating: "Изберете оценка от 1 до 5" } });
    }
  });
});

describe("the charter's anonymity rule", () => {
  it("complaints, signals and proposals need a name and an e-mail or a postal address", async () => {
    for (const kind of ["complaint", "signal", "proposal"]) {
      const response = await postJson(complaint({ kind, name: "", email: "", address: "" }));
      expect(await json(response)).toEqual({
        errors: {
          name: "Въведете името си или отбележете, че подавате анонимно",
          email: "Въведете електронна поща или пощенски адрес, на които да Ви отговорим",
        },
      });
    }
    const byPost = await postJson(complaint({ email: "", address: "с. Ковачевци, ул. „Първа“ 1" }));
    expect(byPost.status).toBe(201);
  });

  it("anonymous only when the problem threatens health and safety", async () => {
    const refused = await postJson({ ...complaint({ name: "", email: "" }), anonymous: "on" });
    expect(refused.status).toBe(422);
    expect((await json<{ errors: Record<string, string> }>(refused)).errors).toEqual({
      health_risk:
        "Анонимно можете да подадете само ако проблемът застрашава здравето и сигурността на гражданите. Отбележете това или въведете име и адрес за връзка",
    });
    const fields = complaint({ kind: "signal", anonymous: "on", health_risk: "on" });
    const accepted = await postForm(fields);
    expect(accepted.status).toBe(303);
    const [row] = await submissionsWithMessage(fields.message ?? "");
    // Anonymous means anonymous: the contact details typed before ticking the box are not kept.
    expect(row).toMatchObject({ anonymous: 1, health_risk: 1, name: "", email: "", phone: "", address: "" });
  });

  it("praise may be anonymous or signed", async () => {
    const signed = await postJson({ municipality: "kostinbrod", kind: "praise", message: "Браво!", name: "Иван" });
    expect(signed.status).toBe(201);
  });
});

describe("malformed requests get a 4xx with a clear Bulgarian message, never a 5xx", () => {
  const raw = (body: BodyInit, headers: Record<string, string>) =>
    call(
      new Request(`${ORIGIN}/api/submissions`, {
        method: "POST",
        headers: {
          Origin: ORIGIN,
          "CF-Connecting-IP": `10.9.${Math.floor(Math.random() * 255)}.${Math.floor(Math.random() * 255)}`,
          ...headers,
        },
        body,
      }),
    );

  it("bad JSON → 400", async () => {
    for (const body of ["{", '{"kind":', "[]", "null", "42", '"text"']) {
      const response = await raw(body, { "Content-Type": "application/json" });
      expect(response.status).toBe(400);
      expect(await json(response)).toEqual({ error: "Заявката не е валиден JSON обект." });
    }
  });

  it("wrong types → 422 naming the field", async () => {
    const response = await postJson({ ...complaint(), subject: 5, message: ["a"], anonymous: "може би", rating: {} });
    expect(response.status).toBe(422);
    expect((await json<{ errors: Record<string, string> }>(response)).errors).toEqual({
      subject: "Стойността трябва да е текст",
      message: "Стойността трябва да е текст",
      anonymous: "Стойността трябва да е „да“ или „не“",
    });
  });

  it("unknown kind or municipality → 422", async () => {
    expect(await json(await postJson(complaint({ kind: "request" })))).toEqual({
      errors: { kind: "Изберете вид: жалба, сигнал, предложение, похвала или анкета" },
    });
    expect(await json(await postJson(complaint({ municipality: "sofia" })))).toEqual({
      errors: { municipality: "Изберете община от списъка на сайта" },
    });
    const page = await postForm(complaint({ municipality: "sofia" }));
    expect(page.status).toBe(422);
    expect(mainText(await page.text())).toContain("Формулярът не е разпознат");
  });

  it("a content type other than a form or JSON → 415", async () => {
    const cases: [BodyInit, string | undefined][] = [
      ["municipality=kostinbrod", "text/plain"],
      ["<x/>", "application/xml"],
      ["municipality=kostinbrod", "application/x-www-form-urlencoded; charset=windows-1251"],
      [new FormData(), undefined],
      // Bytes with no Content-Type header at all.
      [new TextEncoder().encode("municipality=kostinbrod"), undefined],
    ];
    for (const [body, type] of cases) {
      const response = await raw(
        body,
        type ? { "Content-Type": type, Accept: "application/json" } : { Accept: "application/json" },
      );
      expect(response.status).toBe(415);
      expect((await json<{ error: string }>(response)).error).toMatch(/^Неподдържан формат на заявката/);
    }
  });

  it("every way a client may name UTF-8 is accepted; any other charset is not", async () => {
    const types = [
      "application/json; charset=UTF-8",
      "application/json;charset=utf8",
      'application/json; charset="utf-8"',
      "application/json; profile=harta; charset=utf-8",
    ];
    for (const type of types) {
      const response = await raw(JSON.stringify(complaint()), { "Content-Type": type, Accept: "application/json" });
      expect(response.status, type).toBe(201);
    }
    const latin = await raw(JSON.stringify(complaint()), {
      "Content-Type": "application/json; profile=harta; charset=latin1",
      Accept: "application/json",
    });
    expect(latin.status).toBe(415);
  });

  it("JSON with a charset and no Accept header is still answered in JSON", async () => {
    const response = await raw(JSON.stringify(complaint()), { "Content-Type": "application/json; charset=utf-8" });
    expect(response.status).toBe(201);
    expect(await json(response)).toHaveProperty("reference");
  });

  it("bytes that are not UTF-8 → 400, for forms and JSON", async () => {
    const form = await raw("municipality=kostinbrod&subject=%FF%FE", {
      "Content-Type": "application/x-www-form-urlencoded",
    });
    expect(form.status).toBe(400);
    expect(mainText(await form.text())).toContain("Заявката съдържа знаци в невалидно кодиране. Използвайте UTF-8.");
    const bytes = new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]); // {"a":"\xC3("}
    const json_ = await raw(bytes, { "Content-Type": "application/json" });
    expect(json_.status).toBe(400);
    expect(await json(json_)).toEqual({ error: "Заявката съдържа знаци в невалидно кодиране. Използвайте UTF-8." });
    const brokenEscape = await raw("subject=%E0%A4", {
      "Content-Type": "application/x-www-form-urlencoded",
      Accept: "application/json",
    });
    expect(brokenEscape.status).toBe(400);
  });

  it("a body over 64 kB → 413, with or without Content-Length", async () => {
    const big = complaint({ message: "я".repeat(40_000) });
    const sized = await postForm(big);
    expect(sized.status).toBe(413);
    expect(mainText(await sized.text())).toContain("Изпратеният текст е твърде дълъг (над 64 KB)");
    const chunks = new TextEncoder().encode(JSON.stringify(big));
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < chunks.length; i += 8192) controller.enqueue(chunks.subarray(i, i + 8192));
        controller.close();
      },
    });
    const streamed = await raw(stream, { "Content-Type": "application/json", Accept: "application/json" });
    expect(streamed.status).toBe(413);
    expect(await json(streamed)).toEqual({
      error: "Изпратеният текст е твърде дълъг (над 64 KB). Съкратете го и опитайте отново.",
    });
  });

  it("a long but allowed message is fine, and one over the limit is a 422", async () => {
    expect((await postForm(complaint({ message: "я".repeat(5000) }))).status).toBe(303);
    expect(await json(await postJson(complaint({ message: "я".repeat(5001) })))).toEqual({
      errors: { message: "Текстът трябва да е до 5000 знака" },
    });
  });

  it("GET and other methods → 405", async () => {
    const response = await call(new Request(`${ORIGIN}/api/submissions`, { headers: { Accept: "application/json" } }));
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
  });

  it("garbage of every shape stays below 500", async () => {
    const bodies: [string, string][] = [
      ["", "application/json"],
      ["", "application/x-www-form-urlencoded"],
      ["=&=&&==", "application/x-www-form-urlencoded"],
      ["%", "application/x-www-form-urlencoded"],
      ["__proto__=x&constructor=y&kind=complaint", "application/x-www-form-urlencoded"],
      ['{"__proto__":{"kind":"complaint"}}', "application/json"],
      [`{"municipality":"${"a".repeat(50_000)}"}`, "application/json"],
      ['{"municipality":null,"kind":null}', "application/json"],
      ["\u0000\u0001", "application/json"],
    ];
    for (const [body, type] of bodies) {
      const response = await raw(body, { "Content-Type": type });
      expect(response.status, `${type}: ${body.slice(0, 40)}`).toBeGreaterThanOrEqual(400);
      expect(response.status, `${type}: ${body.slice(0, 40)}`).toBeLessThan(500);
    }
  });
});
