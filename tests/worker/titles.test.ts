/**
 * Each page's title, the first thing a screen reader announces and what a tab shows: it
 * names the page and ends with the site's name; a page with errors begins with „Грешка:“.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { STAFF_ERRORS } from "../../functions/staff/routes";
import { SIGN_IN_TEXT } from "../../functions/staff/sign-in";
import { browser, CLERK, fileComplaint, MANAGER, OTHER_CLERK, requestLink, signIn } from "./staff-support";
import { call, mainText, ORIGIN, postForm, titleIn } from "./support";

const SITE = " – Харта на клиента";
const titleOf = async (response: Response) => titleIn(await response.text());
const get = (path: string) => call(new Request(`${ORIGIN}${path}`));

describe("a resident's pages", () => {
  it("the receipt names the incoming number", async () => {
    const { reference, receiptPath } = await fileComplaint();
    expect(await titleOf(await get(receiptPath))).toBe(`Потвърждение ${reference}${SITE}`);
  });

  it("the thank-you pages after page feedback and after a survey", async () => {
    expect(await titleOf(await get("/obratna-vrazka/blagodarim/?stranitsa=/kostinbrod/"))).toBe(
      `Благодарим за отговора${SITE}`,
    );
    const posted = await postForm({ municipality: "kostinbrod", kind: "survey", rating: "4", message: "" });
    expect(await titleOf(await get(posted.headers.get("location") ?? ""))).toBe(`Благодарим за оценката${SITE}`);
  });
});

describe("the staff pages", () => {
  let clerk: string;
  let manager: string;
  beforeAll(async () => {
    clerk = await signIn(CLERK);
    manager = await signIn(MANAGER);
  });

  it("the registry, a submission, the report, the record", async () => {
    const { id, reference } = await fileComplaint();
    expect(await titleOf(await browser("/sluzhiteli/", { cookie: clerk }))).toBe(`Регистър – Община Костинброд${SITE}`);
    expect(await titleOf(await browser(`/sluzhiteli/${id}/`, { cookie: clerk }))).toBe(`Жалба ${reference}${SITE}`);
    expect(await titleOf(await browser("/sluzhiteli/otchet/?year=2025", { cookie: clerk }))).toBe(
      `Отчет 2025 г.${SITE}`,
    );
    expect(await titleOf(await browser("/sluzhiteli/zapis/", { cookie: manager }))).toBe(`Запис на действията${SITE}`);
  });

  it("a refused action's page begins with „Грешка:“", async () => {
    const { id, reference } = await fileComplaint();
    const refused = await browser(`/sluzhiteli/${id}/extend/`, { cookie: clerk, form: { deadline: "", reason: "" } });
    expect(refused.status).toBe(422);
    expect(await titleOf(refused)).toBe(`Грешка: Жалба ${reference}${SITE}`);
  });
});

describe("the way in, and the pages that refuse", () => {
  it("the sign-in page, the page a link opens, a link that no longer works, a page for managers only", async () => {
    const page = await browser("/sluzhiteli/vhod/");
    const html = await page.text();
    expect(titleIn(html)).toBe(`Вход за служители${SITE}`);
    expect(mainText(html)).not.toContain(SIGN_IN_TEXT.signedOut); // only after „Изход“

    const link = await browser(await requestLink(CLERK));
    const linkHtml = await link.text();
    expect(titleIn(linkHtml)).toBe(`Вход за служители${SITE}`);
    expect(mainText(linkHtml)).toContain("Натиснете бутона, за да влезете в регистъра.");

    const gone = await browser(`/sluzhiteli/vhod/${"A".repeat(43)}/`);
    expect(gone.status).toBe(410);
    const goneHtml = await gone.text();
    expect(titleIn(goneHtml)).toBe(`Грешка: Връзката не важи${SITE}`);
    expect(mainText(goneHtml)).toContain("Поискайте нова връзка за вход");

    const refused = await browser("/sluzhiteli/zapis/", { cookie: await signIn(CLERK) });
    expect(refused.status).toBe(403);
    const refusedHtml = await refused.text();
    expect(titleIn(refusedHtml)).toBe(`Само за ръководители${SITE}`);
    expect(mainText(refusedHtml)).toContain(STAFF_ERRORS.managersOnly);
  });
});

describe("a registry with nothing in it", () => {
  it("says that nothing has been sent yet (no test of this file writes to Ковачевци)", async () => {
    const response = await browser("/sluzhiteli/", { cookie: await signIn(OTHER_CLERK) });
    const html = await response.text();
    expect(titleIn(html)).toBe(`Регистър – Община Ковачевци${SITE}`);
    expect(mainText(html)).toContain("Все още няма подадени съобщения.");
  });
});
