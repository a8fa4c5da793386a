/**
 * The staff side at its edges: the registry's next page keeps exactly the filters chosen,
 * a malformed place to continue from is named, a search takes its first eight words; a
 * submission that is not there (or is another municipality's) is a 404 in words, as a page
 * and in JSON; a notice is shown only for an action that exists.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { PAGE_SIZE } from "../../functions/staff/registry";
import { STAFF_ERRORS } from "../../functions/staff/routes";
import { api, browser, CLERK, fileComplaint, OTHER_CLERK, signIn } from "./staff-support";
import { db, mainText, titleIn } from "./support";

let clerk: string;

beforeAll(async () => {
  clerk = await signIn(CLERK);
});

const page = async (path: string) => {
  const response = await browser(path, { cookie: clerk });
  return { status: response.status, html: await response.text() };
};

describe("the registry's pages", () => {
  it("the link to the next page keeps the filters chosen, and only those", async () => {
    // More signals of this year than one page holds, each with the same word in its subject.
    const first = await fileComplaint({ kind: "signal", subject: "Улична лампа", message: "Не свети." });
    const copy = db().prepare(
      `INSERT INTO submissions (reference, municipality, year, seq, kind, status, received_at, deadline, subject,
         subject_folded, message, receipt_token, dedup_key)
       SELECT reference || '-' || ?, municipality, year, seq + ?, kind, status, received_at, deadline, subject,
         subject_folded, message, receipt_token || ?, dedup_key || ?
       FROM submissions WHERE id = ?`,
    );
    await db().batch(Array.from({ length: PAGE_SIZE }, (_, i) => copy.bind(i, 1000 + i, i, i, first.id)));
    const { status, html } = await page("/sluzhiteli/?kind=signal&q=%D0%BB%D0%B0%D0%BC%D0%BF%D0%B0");
    expect(status).toBe(200);
    const next = /<a href="(\/sluzhiteli\/\?[^"]*)" rel="next"/.exec(html)?.[1]?.replaceAll("&amp;", "&") ?? "";
    const query = new URLSearchParams(next.split("?")[1]);
    expect([...query.keys()].sort()).toEqual(["cursor", "kind", "q"]);
    expect(query.get("kind")).toBe("signal");
    expect(query.get("q")).toBe("лампа");
    const second = await page(next);
    expect(second.status).toBe(200);
    expect(second.html).toContain("Първа страница");
  });

  it("a malformed place to continue from is named, never ignored", async () => {
    for (const cursor of ["12a", "a12", "1234567890123456"]) {
      const { status, html } = await page(`/sluzhiteli/?cursor=${cursor}`);
      expect(status, cursor).toBe(400);
      expect(mainText(html), cursor).toContain("Невалиден адрес на страница от регистъра. Започнете от първата.");
    }
  });

  it("a search takes the first eight words, however they are spaced", async () => {
    const { reference } = await fileComplaint({
      subject: "едно две три четири пет шест седем осем",
      message: "Текстът на жалбата.",
    });
    const words = "  едно   две три четири пет шест седем осем девет ";
    const { html } = await page(`/sluzhiteli/?q=${encodeURIComponent(words)}`);
    expect(html).toContain(reference);
  });
});

describe("a submission that is not there", () => {
  it("is a 404 in words, as a page and in JSON, whether unknown or another municipality's", async () => {
    const theirs = await fileComplaint({}, "kovachevtsi");
    for (const id of [999999, theirs.id]) {
      const shown = await browser(`/sluzhiteli/${id}/`, { cookie: clerk });
      expect(shown.status).toBe(404);
      const html = await shown.text();
      expect(titleIn(html)).toBe("Няма такова съобщение – Харта на клиента");
      expect(mainText(html)).toContain(`Няма такова съобщение ${STAFF_ERRORS.notFound} Към регистъра`);
      const asJson = await api(`/api/staff/submissions/${id}`, { cookie: clerk });
      expect(asJson.status).toBe(404);
      expect(await asJson.json()).toEqual({ error: STAFF_ERRORS.notFound });
      // A script posting a form to the API, without asking for JSON, still gets JSON.
      const posted = await browser(`/api/staff/submissions/${id}/note`, { form: { note: "x" }, cookie: clerk });
      expect(posted.status).toBe(404);
      expect(await posted.json()).toEqual({ error: STAFF_ERRORS.notFound });
    }
    // Their own clerk sees it.
    const other = await signIn(OTHER_CLERK);
    expect((await browser(`/sluzhiteli/${theirs.id}/`, { cookie: other })).status).toBe(200);
  });
});

describe("the notice after an action", () => {
  it("is shown for an action that exists, and for nothing else in the address", async () => {
    const { id } = await fileComplaint();
    expect(mainText((await page(`/sluzhiteli/${id}/?done=note`)).html)).toContain("Бележката е записана.");
    for (const done of ["constructor", "toString", "nothing"]) {
      const { status, html } = await page(`/sluzhiteli/${id}/?done=${done}`);
      expect(status, done).toBe(200);
      expect(html, done).not.toMatch(/class="notice"|function|native code/);
    }
  });
});
