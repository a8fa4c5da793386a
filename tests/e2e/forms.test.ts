/**
 * Residents' forms in a real Chromium against `wrangler dev`: every kind with
 * JavaScript off and on, GOV.UK-style errors, and axe-core on every page a resident
 * sees. Each browser context has its own client address, so the rate limit
 * (10 posts a minute per address) never trips by accident.
 */
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { axeViolations, useBrowser } from "./support/browser";
import { emailTo, waitForEmail } from "./support/mail";

const base = inject("baseUrl");
let addresses = 0;
// Each page is its own client address, so the rate limit never counts one test against another.
const { withPage } = useBrowser(() => {
  addresses++;
  return { extraHTTPHeaders: { "CF-Connecting-IP": `10.90.${addresses >> 8}.${addresses & 255}` } };
});

const noJs = { javaScriptEnabled: false };

/** axe-core needs JavaScript: pages reached without it are checked again in a page that has it. */
const axeAt = (url: string) =>
  withPage(async (page) => {
    await page.goto(url);
    return axeViolations(page);
  });
const REFERENCE = /^94-0[01]-\d+\/\d{2}\.\d{2}\.\d{4}$/;

/**
 * Waits until the error summary has taken focus: the form's script (or the Worker's
 * 422 page) moves focus there once it has shown the errors, so that is the page's own
 * signal that validation has answered.
 */
const summaryFocused = (page: Page) =>
  page.waitForFunction(() => document.activeElement?.classList.contains("error-summary") ?? false);

type Kind = "complaint" | "signal" | "proposal" | "praise" | "survey";
const FORMS: Record<Kind, { path: string; heading: string; fill: (page: Page) => Promise<void> }> = {
  complaint: {
    path: "/kostinbrod/zhalba/",
    heading: "Жалбата е регистрирана",
    fill: async (page) => {
      await page.getByLabel("Тема", { exact: true }).fill("Грубо отношение на гишето");
      await page.getByLabel("Опишете подробно").fill(`Служителят отказа да ме обслужи. ${crypto.randomUUID()}`);
      await page.getByLabel("Име и фамилия").fill("Мария Иванова");
      await page.getByLabel("Електронна поща").fill("maria@example.com");
    },
  },
  signal: {
    path: "/kovachevtsi/signal/",
    heading: "Сигналът е регистриран",
    fill: async (page) => {
      await page.getByLabel("Тема", { exact: true }).fill("Изоставен строеж до училището");
      await page.getByLabel("Опишете подробно").fill(`Оградата е паднала, децата влизат. ${crypto.randomUUID()}`);
      await page.getByLabel("Искам да подам анонимно").check();
      await page.getByLabel("Проблемът застрашава здравето и сигурността на гражданите").check();
    },
  },
  proposal: {
    path: "/kostinbrod/predlozhenie/",
    heading: "Предложението е регистрирано",
    fill: async (page) => {
      await page.getByLabel("Тема", { exact: true }).fill("Онлайн записване на час");
      await page.getByLabel("Опишете подробно").fill(`Предлагам записване на час през сайта. ${crypto.randomUUID()}`);
      await page.getByLabel("Име и фамилия").fill("Иван Петров");
      await page.getByLabel("Пощенски адрес").fill("гр. Костинброд, ул. „Охрид“ № 1");
    },
  },
  praise: {
    path: "/kovachevtsi/pohvala/",
    heading: "Похвалата е регистрирана",
    fill: async (page) => {
      await page.getByLabel("Вашата похвала").fill(`Благодаря на служителката в деловодството! ${crypto.randomUUID()}`);
    },
  },
  survey: {
    path: "/kostinbrod/anketa/",
    // A survey is counted, not registered: a thank-you, no incoming number.
    heading: "Благодарим за оценката",
    fill: async (page) => {
      await page.getByLabel("4 – доволен").check();
      await page.getByLabel("Коментар (по желание)").fill(crypto.randomUUID());
    },
  },
};

async function submitAndReadReceipt(page: Page, kind: Kind): Promise<string> {
  const form = FORMS[kind];
  await page.goto(`${base}${form.path}`);
  await form.fill(page);
  await page.getByRole("button", { name: "Изпратете" }).click();
  if (kind === "survey") {
    await page.waitForURL(/\/obratna-vrazka\/anketa\/kostinbrod\/$/);
    expect(await page.locator("h1").textContent()).toBe(form.heading);
    expect(await page.locator(".confirmation-reference").count()).toBe(0);
    return "";
  }
  await page.waitForURL(/\/potvarzhdenie\/[A-Za-z0-9_-]{22}\/$/);
  expect(await page.locator("h1").textContent()).toBe(form.heading);
  const reference = (await page.locator(".confirmation-reference").textContent()) ?? "";
  expect(reference).toMatch(REFERENCE);
  return reference;
}

describe("each kind reaches its receipt", () => {
  const kinds = Object.keys(FORMS) as Kind[];
  it.each(kinds)("%s, without JavaScript", async (kind) => {
    await withPage((page) => submitAndReadReceipt(page, kind), noJs);
  });
  it.each(kinds)("%s, with JavaScript", (kind) =>
    withPage(async (page) => {
      const posts: string[] = [];
      page.on("request", (r) => {
        if (r.method() === "POST") posts.push(`${r.headers().accept} ${r.headers()["content-type"]}`);
      });
      await submitAndReadReceipt(page, kind);
      // The script sent it, as JSON, once.
      expect(posts).toEqual(["application/json application/json"]);
    }),
  );
});

describe("the e-mails a submission sends", () => {
  it("staff get it with Reply-To the resident; the resident gets the reference and the receipt's address", () =>
    withPage(async (page) => {
      const address = `maria.${crypto.randomUUID()}@example.com`;
      await page.goto(`${base}${FORMS.complaint.path}`);
      await FORMS.complaint.fill(page);
      await page.getByLabel("Електронна поща").fill(address);
      await page.getByRole("button", { name: "Изпратете" }).click();
      await page.waitForURL(/\/potvarzhdenie\/[A-Za-z0-9_-]{22}\/$/);
      const reference = (await page.locator(".confirmation-reference").textContent()) ?? "";

      const acknowledgement = await emailTo(address);
      expect(acknowledgement.text).toContain(`с входящ номер ${reference}`);
      // The e2e server's PUBLIC_ORIGIN is its own address, so the link is the page we are on.
      expect(acknowledgement.text).toContain(`Потвърждението е и на адрес: ${page.url()}`);

      const toStaff = await waitForEmail((m) => (m.headers["reply-to"] ?? "").includes(address), {
        what: `staff e-mail with Reply-To ${address}`,
      });
      expect(toStaff.text).toContain(reference);
      expect(toStaff.headers.to).not.toContain(address);
    }, noJs));
});

describe("errors, GOV.UK style", () => {
  async function expectSummaryFocused(page: Page, title: string, links: string[]) {
    await summaryFocused(page);
    expect(await page.title()).toBe(`Грешка: ${title} – Харта на клиента`);
    const summary = page.locator(".error-summary");
    expect(await summary.getByRole("heading").textContent()).toBe("Има проблем");
    expect(await summary.getByRole("link").allTextContents()).toEqual(links);
  }

  const emptyComplaintErrors = [
    "Въведете тема",
    "Опишете проблема или предложението си",
    "Въведете името си или отбележете, че подавате анонимно",
    "Въведете електронна поща или пощенски адрес, на които да Ви отговорим",
  ];

  it("without JavaScript: the Worker answers 422, the summary takes focus, the text is kept", () =>
    withPage(async (page) => {
      await page.goto(`${base}/kostinbrod/zhalba/`);
      await page.getByLabel("Опишете подробно").fill("Текст, който не бива да се губи <b>");
      await page.getByLabel("Телефон (по желание)").fill("0888 123 456");
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith("/api/submissions")),
        page.getByRole("button", { name: "Изпратете" }).click(),
      ]);
      expect(response.status()).toBe(422);
      await expectSummaryFocused(page, "Жалба до Община Костинброд", [
        "Въведете тема",
        "Въведете името си или отбележете, че подавате анонимно",
        "Въведете електронна поща или пощенски адрес, на които да Ви отговорим",
      ]);
      expect(await page.getByLabel("Опишете подробно").inputValue()).toBe("Текст, който не бива да се губи <b>");
      expect(await page.getByLabel("Телефон (по желание)").inputValue()).toBe("0888 123 456");
      // Each message sits by its field, and the summary's link leads there.
      expect(await page.locator("#f-subject-error").textContent()).toBe("Грешка: Въведете тема");
      await page.getByRole("link", { name: "Въведете тема" }).click();
      expect(new URL(page.url()).hash).toBe("#f-subject");
    }, noJs));

  it("the Worker's 422 page passes axe-core", () =>
    withPage(async (page) => {
      await page.goto(`${base}/kostinbrod/zhalba/`);
      await page.getByLabel("Опишете подробно").fill("Текст");
      // A native post, as a browser without JavaScript makes it (the script's handler is skipped).
      await page.locator("form[data-submission-form]").evaluate((form: HTMLFormElement) => form.submit());
      await page.waitForURL(`${base}/api/submissions`, { waitUntil: "load" });
      expect(await page.title()).toBe("Грешка: Жалба до Община Костинброд – Харта на клиента");
      expect(await axeViolations(page)).toEqual([]);
    }));

  it("with JavaScript: the same rules before anything is sent, then the summary takes focus", () =>
    withPage(async (page) => {
      const posts: string[] = [];
      page.on("request", (r) => {
        if (r.method() === "POST") posts.push(r.url());
      });
      await page.goto(`${base}/kostinbrod/zhalba/`);
      await page.getByRole("button", { name: "Изпратете" }).click();
      await expectSummaryFocused(page, "Жалба до Община Костинброд", emptyComplaintErrors);
      expect(posts).toEqual([]);
      expect(await page.getByLabel("Тема", { exact: true }).getAttribute("aria-invalid")).toBe("true");
      expect(await axeViolations(page)).toEqual([]);

      // Fixing some fields and sending again leaves only what is still wrong.
      await page.getByLabel("Тема", { exact: true }).fill("Тема");
      await page.getByLabel("Опишете подробно").fill("Описание");
      await page.getByLabel("Искам да подам анонимно").check();
      await page.getByRole("button", { name: "Изпратете" }).click();
      await expectSummaryFocused(page, "Жалба до Община Костинброд", [
        "Анонимно можете да подадете само ако проблемът застрашава здравето и сигурността на гражданите. Отбележете това или въведете име и адрес за връзка",
      ]);
      expect(await page.getByLabel("Тема", { exact: true }).inputValue()).toBe("Тема");
      expect(await page.getByLabel("Искам да подам анонимно").isChecked()).toBe(true);
      await page.getByLabel("Проблемът застрашава здравето и сигурността на гражданите").check();
      await page.getByRole("button", { name: "Изпратете" }).click();
      await page.waitForURL(/\/potvarzhdenie\//);
      expect(posts).toHaveLength(1);
    }));

  it("with JavaScript: a 503 or a lost connection keeps the text and says what to do", () =>
    withPage(async (page) => {
      await page.goto(`${base}/kostinbrod/predlozhenie/`);
      await FORMS.proposal.fill(page);
      const typed = await page.getByLabel("Опишете подробно").inputValue();
      // The Worker's answer when D1 is down (its own test checks the Worker side).
      const down =
        "Съобщението не беше записано поради технически проблем. Текстът Ви е запазен – опитайте отново след няколко минути. Ако проблемът продължи, обадете се на Община Костинброд на тел. 0721 68701.";
      await page.route("**/api/submissions", (route) =>
        route.fulfill({ status: 503, json: { error: down, phone: "0721 68701" } }),
      );
      await page.getByRole("button", { name: "Изпратете" }).click();
      await summaryFocused(page);
      expect(await page.locator(".error-summary p").textContent()).toBe(down);
      expect(await page.getByLabel("Опишете подробно").inputValue()).toBe(typed);
      await page.unroute("**/api/submissions");
      await page.route("**/api/submissions", (route) => route.abort("internetdisconnected"));
      await page.getByRole("button", { name: "Изпратете" }).click();
      // The summary stays focused; its message changes once the failed request is handled.
      await page.locator(".error-summary p", { hasText: "Няма връзка със сървъра" }).waitFor();
      expect(await page.getByLabel("Опишете подробно").inputValue()).toBe(typed);
      await page.unroute("**/api/submissions");
      await page.getByRole("button", { name: "Изпратете" }).click();
      await page.waitForURL(/\/potvarzhdenie\//);
    }));

  it("a survey without a rating", () =>
    withPage(async (page) => {
      await page.goto(`${base}/kovachevtsi/anketa/`);
      await page.getByRole("button", { name: "Изпратете" }).click();
      await expectSummaryFocused(page, "Анкета до Община Ковачевци", ["Изберете оценка от 1 до 5"]);
      await page.getByRole("link", { name: "Изберете оценка от 1 до 5" }).click();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("f-rating-1");
    }));
});

describe("accessibility (axe-core, WCAG 2.2 A/AA)", () => {
  it.each(Object.values(FORMS).map((f) => f.path))("form %s", (path) =>
    withPage(async (page) => {
      await page.goto(`${base}${path}`);
      expect(await axeViolations(page)).toEqual([]);
    }),
  );

  it("the receipt page", async () => {
    const url = await withPage(async (page) => {
      await submitAndReadReceipt(page, "complaint");
      return page.url();
    }, noJs);
    expect(await axeAt(url)).toEqual([]);
  });

  it("the municipality page links to every form", () =>
    withPage(async (page) => {
      await page.goto(`${base}/kovachevtsi/`);
      const section = page.getByRole("heading", { name: "Подайте жалба, сигнал, предложение или похвала" });
      expect(await section.isVisible()).toBe(true);
      for (const name of [
        "Подайте жалба",
        "Подайте сигнал",
        "Направете предложение",
        "Изпратете похвала",
        "Оценете обслужването",
      ]) {
        expect(await page.getByRole("link", { name, exact: true }).count()).toBe(1);
      }
    }));
});

describe("page feedback under content pages", () => {
  it("works without JavaScript and thanks the reader", () =>
    withPage(async (page) => {
      await page.goto(`${base}/kostinbrod/harta/`);
      const form = page.getByRole("form", { name: "Полезна ли беше тази страница?" });
      await form.getByLabel("Не", { exact: true }).check();
      await form.getByLabel("Какво да подобрим? (по желание)").fill("Повече примери.");
      await form.getByRole("button", { name: "Изпратете отговора" }).click();
      await page.waitForURL(/\/obratna-vrazka\/blagodarim\//);
      expect(await page.locator("h1").textContent()).toBe("Благодарим за отговора");
      expect(await axeAt(page.url())).toEqual([]);
      await page.getByRole("link", { name: "Обратно към страницата" }).click();
      await page.waitForURL(`${base}/kostinbrod/harta/`);
    }, noJs));

  // Content pages load no script, so this is the no-JavaScript path too (and axe-core can run).
  it("an answer left out is pointed out, with the comment kept", () =>
    withPage(async (page) => {
      await page.goto(`${base}/kovachevtsi/harta/`);
      const form = page.getByRole("form", { name: "Полезна ли беше тази страница?" });
      await form.getByLabel("Какво да подобрим? (по желание)").fill("Коментар без отговор");
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.url() === `${base}/api/feedback`),
        form.getByRole("button", { name: "Изпратете отговора" }).click(),
      ]);
      expect(response.status()).toBe(422);
      await page.waitForURL(`${base}/api/feedback`);
      expect(await page.title()).toBe("Грешка: Обратна връзка за страницата – Харта на клиента");
      expect(await page.getByLabel("Какво да подобрим? (по желание)").inputValue()).toBe("Коментар без отговор");
      expect(await page.getByRole("link", { name: "Изберете „Да“ или „Не“" }).count()).toBe(1);
      expect(await axeViolations(page)).toEqual([]);
    }));
});
