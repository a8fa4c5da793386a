/**
 * The staff side in a real Chromium against `wrangler dev`: a resident files a
 * complaint, a clerk signs in from the link in the `.eml`, filters the registry to
 * overdue, answers it, and the resident's receipt shows „Отговорена“ — with
 * JavaScript and without. axe-core checks every staff page.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { axeViolations, useBrowser } from "./support/browser";
import { sentEmails, waitForEmail } from "./support/mail";

const base = inject("baseUrl");
const CLERK = "delovoditel@kostinbrod.example";
const MANAGER = "rakovoditel@kostinbrod.example";
const OTHER_CLERK = "delovoditel@kovachevtsi.example";

let addresses = 0;
const { withPage } = useBrowser(() => {
  addresses++;
  return { extraHTTPHeaders: { "CF-Connecting-IP": `10.92.${addresses >> 8}.${addresses & 255}` } };
});

/** Runs SQL on the e2e server's local D1, as an operator would with wrangler. */
function sql(command: string): void {
  const dir = inject("wranglerDir");
  execFileSync(
    process.execPath,
    [
      path.resolve("node_modules/wrangler/bin/wrangler.js"),
      "d1",
      "execute",
      "DB",
      "--local",
      "--config",
      path.join(dir, "wrangler.json"),
      "--persist-to",
      inject("stateDir"),
      "--command",
      command,
    ],
    { cwd: dir, stdio: "pipe", env: { ...process.env, CI: "true", NO_COLOR: "1" } },
  );
}

/** Files a complaint through the site's form; returns the receipt's address and the reference. */
async function fileComplaint(page: Page, subject: string): Promise<{ receipt: string; reference: string }> {
  await page.goto(`${base}/kostinbrod/zhalba/`);
  await page.getByLabel("Тема", { exact: true }).fill(subject);
  await page.getByLabel("Опишете подробно").fill(`Служителят отказа да приеме документите ми. ${crypto.randomUUID()}`);
  await page.getByLabel("Име и фамилия").fill("Мария Иванова");
  await page.getByLabel("Електронна поща").fill(`resident-${crypto.randomUUID().slice(0, 8)}@example.com`);
  await page.getByRole("button", { name: "Изпратете" }).click();
  await page.waitForURL(/\/potvarzhdenie\//);
  const reference = (await page.locator(".confirmation-reference").textContent())?.trim() ?? "";
  return { receipt: page.url(), reference };
}

/** Signs in as `email` the way a clerk does: the form, the link in the e-mail, the button. */
async function signIn(page: Page, email: string): Promise<void> {
  const before = new Set(sentEmails().map((m) => m.file));
  await page.goto(`${base}/sluzhiteli/`);
  expect(new URL(page.url()).pathname).toBe("/sluzhiteli/vhod/");
  await page.getByLabel("Служебна електронна поща").fill(email);
  await page.getByRole("button", { name: "Изпратете ми връзка за вход" }).click();
  await expect.poll(() => page.locator("main").textContent()).toContain("изпратихме на него връзка за вход");
  const mail = await waitForEmail((m) => !before.has(m.file) && (m.headers.to ?? "").includes(email), {
    what: `sign-in link to ${email}`,
  });
  const link = mail.text.split(/\r?\n/).find((l) => l.startsWith(`${base}/sluzhiteli/vhod/`));
  expect(link).toBeDefined();
  await page.goto(link as string);
  await page.getByRole("button", { name: "Влезте" }).click();
  await page.waitForURL(`${base}/sluzhiteli/`);
}

async function expectNoAxeViolations(page: Page, what: string) {
  expect(await axeViolations(page), what).toEqual([]);
}

for (const javaScriptEnabled of [true, false]) {
  describe(`a clerk answers an overdue complaint (JavaScript ${javaScriptEnabled ? "on" : "off"})`, () => {
    it("from the e-mailed link to „Отговорена“ on the resident's receipt", async () => {
      const subject = `Пропуснат срок ${javaScriptEnabled ? "с" : "без"} JavaScript ${crypto.randomUUID().slice(0, 6)}`;
      const { receipt, reference } = await withPage((page) => fileComplaint(page, subject), { javaScriptEnabled });
      sql(
        `UPDATE submissions SET deadline = '2026-01-15' WHERE reference = '${reference}' AND municipality = 'kostinbrod'`,
      );

      await withPage(
        async (page) => {
          await signIn(page, CLERK);
          await page.getByLabel("Просрочени").check();
          await page.getByRole("button", { name: "Покажете" }).click();
          await page.waitForURL(/deadline=overdue/);
          const row = page.locator("tr", { hasText: reference });
          await expect.poll(() => row.textContent()).toContain("просрочена");
          await row.getByRole("link", { name: reference }).click();
          await expect.poll(() => page.locator("h1").textContent()).toBe(`Жалба ${reference}`);
          await page.getByLabel("Текст на отговора").fill("Уважаема г-жо Иванова,\nслужителят е наказан.");
          await page.getByRole("button", { name: "Запишете отговора" }).click();
          await expect.poll(() => page.locator(".notice").textContent()).toContain("Отговорът е записан.");
          expect(await page.locator(".facts").first().textContent()).toContain("Отговорена");
        },
        { javaScriptEnabled },
      );

      await withPage(
        async (page) => {
          await page.goto(receipt);
          const facts = await page.locator(".facts").textContent();
          expect(facts).toContain("Отговорена");
          expect(await page.locator("main").textContent()).not.toContain("наказан");
        },
        { javaScriptEnabled },
      );
    });
  });
}

describe("staff pages", () => {
  it("pass axe and work from the keyboard: sign-in, link, registry, a submission, the record", async () => {
    const { reference } = await withPage((page) =>
      fileComplaint(page, `Проверка за достъпност ${crypto.randomUUID().slice(0, 6)}`),
    );
    await withPage(async (page) => {
      await page.goto(`${base}/sluzhiteli/vhod/`);
      await expectNoAxeViolations(page, "sign-in page");
      // An error on the sign-in form: summary first, focus on it.
      await page.getByRole("button", { name: "Изпратете ми връзка за вход" }).click();
      await page.waitForFunction(() => document.activeElement?.classList.contains("error-summary") ?? false);
      await expectNoAxeViolations(page, "sign-in page with an error");

      const before = new Set(sentEmails().map((m) => m.file));
      await page.getByLabel("Служебна електронна поща").fill(MANAGER);
      await page.keyboard.press("Enter");
      await expect.poll(() => page.locator(".notice").textContent()).toContain("изпратихме на него връзка за вход");
      const mail = await waitForEmail((m) => !before.has(m.file) && (m.headers.to ?? "").includes(MANAGER));
      const link = mail.text.split(/\r?\n/).find((l) => l.startsWith(`${base}/sluzhiteli/vhod/`)) as string;
      await page.goto(link);
      await expectNoAxeViolations(page, "link page");
      // Keyboard only: Tab to the button, Enter.
      await page.locator("main button").focus();
      await page.keyboard.press("Enter");
      await page.waitForURL(`${base}/sluzhiteli/`);
      await expectNoAxeViolations(page, "registry");

      await page.getByRole("link", { name: reference }).click();
      await page.waitForURL(/\/sluzhiteli\/\d+\/$/);
      await expectNoAxeViolations(page, "submission page");
      // A refused action comes back with the error summary and the fields still filled in.
      await page.getByLabel("Нов срок").fill("2020-01-01");
      await page.getByLabel("Причина", { exact: true }).fill("Нужна е проверка.");
      await page.getByRole("button", { name: "Удължете срока" }).click();
      await page.waitForFunction(() => document.activeElement?.classList.contains("error-summary") ?? false);
      expect(await page.title()).toMatch(/^Грешка:/);
      expect(await page.getByLabel("Причина", { exact: true }).inputValue()).toBe("Нужна е проверка.");
      await expectNoAxeViolations(page, "submission page with errors");

      await page.goto(`${base}/sluzhiteli/zapis/`);
      await expectNoAxeViolations(page, "record");
      await page.setViewportSize({ width: 360, height: 740 });
      await page.goto(`${base}/sluzhiteli/?deadline=soon`);
      await expectNoAxeViolations(page, "registry on a phone");
      // Only the table scrolls sideways (in its own focusable region), never the page.
      const wide = await page.evaluate(() =>
        [...document.querySelectorAll("body *")]
          .filter((e) => !e.closest(".table-scroll") && e.getBoundingClientRect().right > window.innerWidth + 1)
          .map((e) => `${e.tagName.toLowerCase()}.${e.className}`),
      );
      expect(wide).toEqual([]);
    });
  });

  it("another municipality's clerk cannot open it", async () => {
    const { reference } = await withPage((page) =>
      fileComplaint(page, `Чужда община ${crypto.randomUUID().slice(0, 6)}`),
    );
    await withPage(async (page) => {
      await signIn(page, OTHER_CLERK);
      expect(await page.locator("main").textContent()).not.toContain(reference);
      await page.goto(`${base}/sluzhiteli/?q=${encodeURIComponent(reference)}`);
      expect(await page.locator("main").textContent()).toContain("Нищо не отговаря");
    });
  });
});
