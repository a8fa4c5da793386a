/** "Полезна ли беше тази страница?" — stored without JavaScript, with clear errors. */
import { describe, expect, it } from "vitest";
import { call, db, failingDatabase, mainText, nextIp, ORIGIN } from "./support";

function postFeedback(fields: Record<string, string>, headers: Record<string, string> = {}) {
  return call(
    new Request(`${ORIGIN}/api/feedback`, {
      method: "POST",
      redirect: "manual",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Origin: ORIGIN,
        "CF-Connecting-IP": nextIp(),
        ...headers,
      },
      body: new URLSearchParams(fields).toString(),
    }),
  );
}

const stored = (comment: string) =>
  db().prepare("SELECT page, useful, comment FROM page_feedback WHERE comment = ?").bind(comment).first();

describe("page feedback", () => {
  it("a 'no' with a comment is stored and the reader lands on a thank-you page that links back", async () => {
    const comment = `Липсва работното време ${crypto.randomUUID()}`;
    const response = await postFeedback({ page: "/kostinbrod/harta/", useful: "no", comment });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/obratna-vrazka/blagodarim/?stranitsa=%2Fkostinbrod%2Fharta%2F");
    expect(await stored(comment)).toEqual({ page: "/kostinbrod/harta/", useful: 0, comment });
    const thanks = await call(new Request(`${ORIGIN}${response.headers.get("location")}`));
    expect(thanks.status).toBe(200);
    const html = await thanks.text();
    expect(mainText(html)).toContain("Благодарим за отговора");
    expect(html).toContain('<a href="/kostinbrod/harta/">Обратно към страницата</a>');
  });

  it("a plain 'yes' is enough; scripts get 201", async () => {
    const comment = "";
    const response = await call(
      new Request(`${ORIGIN}/api/feedback`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json", "CF-Connecting-IP": nextIp() },
        body: JSON.stringify({ page: "/a-z/", useful: "yes", comment }),
      }),
    );
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ ok: true });
  });

  it("without an answer, or with a foreign address, it shows the form again with errors (422)", async () => {
    const response = await postFeedback({ page: "/kostinbrod/", comment: "Текст <b>запазен</b>" });
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain("<title>Грешка: Обратна връзка за страницата – Харта на клиента</title>");
    expect(html).toContain('<a href="#pf-useful-yes">Изберете „Да“ или „Не“</a>');
    expect(html).toContain("Текст &lt;b&gt;запазен&lt;/b&gt;</textarea>");
    const foreign = await postFeedback({ page: "https://evil.example/", useful: "yes" });
    expect(foreign.status).toBe(422);
    const tooLong = await postFeedback({ page: "/", useful: "yes", comment: "я".repeat(1001) });
    expect(tooLong.status).toBe(422);
  });

  it("the thank-you page links back only to this site", async () => {
    for (const back of ["https://evil.example/", "//evil.example/", "javascript:alert(1)"]) {
      const html = await (
        await call(new Request(`${ORIGIN}/obratna-vrazka/blagodarim/?stranitsa=${encodeURIComponent(back)}`))
      ).text();
      expect(html).toContain('<a href="/">Обратно към страницата</a>');
    }
  });

  it("refuses cross-site posts and ignores bots", async () => {
    expect((await postFeedback({ page: "/", useful: "yes" }, { Origin: "https://evil.example" })).status).toBe(403);
    const comment = `бот ${crypto.randomUUID()}`;
    const bot = await postFeedback({ page: "/", useful: "yes", comment, website: "spam" });
    expect(bot.status).toBe(303);
    expect(await stored(comment)).toBeNull();
  });

  it("a too long comment comes back with the answer still chosen and the comment kept", async () => {
    const comment = `Дълъг коментар ${"я".repeat(1000)}`;
    const response = await postFeedback({ page: "/kostinbrod/harta/", useful: "no", comment });
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toMatch(/<input[^>]*id="pf-useful-no"[^>]*checked/);
    expect(html).not.toMatch(/<input[^>]*id="pf-useful-yes"[^>]*checked/);
    expect(html).toContain(`${comment}</textarea>`);
    expect(html).toContain('<a href="/kostinbrod/harta/">Обратно към страницата</a>');
  });

  it("a form for a page of another site links back to this site's home page only", async () => {
    const response = await postFeedback({ page: "https://evil.example/", comment: "x" });
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('<a href="/">Обратно към страницата</a>');
    expect(html).not.toContain("evil.example");
    const bot = await postFeedback({ page: "https://evil.example/", useful: "yes", website: "spam" });
    expect(bot.headers.get("location")).toBe("/obratna-vrazka/blagodarim/?stranitsa=%2F");
  });

  it("scripts get the errors as JSON (422)", async () => {
    const response = await call(
      new Request(`${ORIGIN}/api/feedback`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json", "CF-Connecting-IP": nextIp() },
        body: JSON.stringify({ page: "/a-z/" }),
      }),
    );
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({ errors: { useful: "Изберете „Да“ или „Не“" } });
  });

  it("a body it cannot read is refused with the reason, never stored (415, 400)", async () => {
    const send = (contentType: string, body: string) =>
      call(
        new Request(`${ORIGIN}/api/feedback`, {
          method: "POST",
          headers: { "Content-Type": contentType, Accept: "application/json", "CF-Connecting-IP": nextIp() },
          body,
        }),
      );
    const plain = await send("text/plain", "useful=yes&page=/");
    expect(plain.status).toBe(415);
    expect(((await plain.json()) as { error: string }).error).toMatch(/\S/);
    expect((await send("application/json", "{not json")).status).toBe(400);
    const page = await postFeedback({}, { "Content-Type": "text/plain" });
    expect(page.status).toBe(415);
    expect(await page.text()).toContain("<title>Грешка: Съобщението не е изпратено – Харта на клиента</title>");
    expect((await send("application/x-www-form-urlencoded", "useful=yes&page=%2F&comment=%FF")).status).toBe(400);
  });

  it("the 429 of a flood says when to try again", async () => {
    const ip = nextIp();
    let last: Response | undefined;
    for (let i = 0; i < 11; i++) last = await postFeedback({ page: "/", useful: "yes" }, { "CF-Connecting-IP": ip });
    expect(last?.status).toBe(429);
    expect(last?.headers.get("retry-after")).toBe("60");
  });

  it("when D1 cannot store it, the reader is told so in Bulgarian (503), never a crash", async () => {
    const response = await call(
      new Request(`${ORIGIN}/api/feedback`, {
        method: "POST",
        redirect: "manual",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN, "CF-Connecting-IP": nextIp() },
        body: "page=%2F&useful=yes",
      }),
      { env: { DB: failingDatabase() } },
    );
    expect(response.status).toBe(503);
    expect(mainText(await response.text())).toContain("Отговорът не беше записан поради технически проблем");
  });
});
