/**
 * The registry a clerk works from: only their own municipality, newest first,
 * filters (kind, status, year, overdue, due within 5 working days), search by
 * reference or subject, paging — as a page and as JSON.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { sofiaDate } from "../../src/shared/dates";
import { api, browser, CLERK, fileComplaint, MANAGER, OTHER_CLERK, signIn } from "./staff-support";
import { db, mainText, ORIGIN } from "./support";

let clerk: string;
let other: string;

beforeAll(async () => {
  clerk = await signIn(CLERK);
  other = await signIn(OTHER_CLERK);
});

const isoDay = (offsetDays: number) => sofiaDate(new Date(Date.now() + offsetDays * 86_400_000));

async function setDeadline(id: number, deadline: string) {
  await db().prepare("UPDATE submissions SET deadline = ? WHERE id = ?").bind(deadline, id).run();
}

describe("one municipality's registry", () => {
  it("lists the clerk's own submissions with reference, kind, subject, deadline and status", async () => {
    const { id, reference } = await fileComplaint({ subject: "Дупка на ул. „Славянска“" });
    const response = await browser("/sluzhiteli/", { cookie: clerk });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(`href="/sluzhiteli/${id}/">${reference}</a>`);
    const text = mainText(html);
    expect(text).toContain("Дупка на ул. „Славянска“");
    expect(text).toContain("Жалба");
    expect(text).toContain("Регистрирана");
  });

  it("another municipality's clerk neither lists nor opens nor changes it: 404", async () => {
    const { id, reference } = await fileComplaint();
    expect(await (await browser("/sluzhiteli/", { cookie: other })).text()).not.toContain(reference);
    const listed = (await (await api("/api/staff/submissions", { cookie: other })).json()) as {
      items: { id: number }[];
    };
    expect(listed.items.some((i) => i.id === id)).toBe(false);
    const page = await browser(`/sluzhiteli/${id}/`, { cookie: other });
    expect(page.status).toBe(404);
    expect(await page.text()).not.toContain(reference);
    expect((await api(`/api/staff/submissions/${id}`, { cookie: other })).status).toBe(404);
    const post = await browser(`/sluzhiteli/${id}/status/`, { form: { status: "in_progress" }, cookie: other });
    expect(post.status).toBe(404);
    const json = await api(`/api/staff/submissions/${id}/answer`, { body: { text: "Отговор" }, cookie: other });
    expect(json.status).toBe(404);
    const row = await db().prepare("SELECT status, version FROM submissions WHERE id = ?").bind(id).first();
    expect(row).toEqual({ status: "registered", version: 0 });
  });

  it("escapes what residents typed", async () => {
    await fileComplaint({ subject: `<img src=x onerror="alert(1)"> & "кавички"` });
    const html = await (await browser("/sluzhiteli/", { cookie: clerk })).text();
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &quot;кавички&quot;");
  });
});

describe("filters", () => {
  it("„просрочени“ shows open submissions past their last day, marked in words", async () => {
    const late = await fileComplaint({ subject: "Просрочена преписка за тест" });
    const fine = await fileComplaint({ subject: "Навременна преписка за тест" });
    await setDeadline(late.id, isoDay(-10));
    const html = await (await browser("/sluzhiteli/?deadline=overdue", { cookie: clerk })).text();
    expect(html).toContain(late.reference);
    expect(html).not.toContain(fine.reference);
    expect(html).toMatch(/<tr class="overdue">[\s\S]*?просрочена с \d+ работн/);
    const json = (await (await api("/api/staff/submissions?overdue=1", { cookie: clerk })).json()) as {
      items: { reference: string; workingDaysLeft: number }[];
    };
    const item = json.items.find((i) => i.reference === late.reference);
    expect(item?.workingDaysLeft).toBeLessThan(0);
    expect(json.items.some((i) => i.reference === fine.reference)).toBe(false);
  });

  it("„до 5 работни дни“ shows what falls due soon, not what is late or far off", async () => {
    const soon = await fileComplaint({ subject: "Скоро изтичащ срок" });
    const late = await fileComplaint({ subject: "Вече изтекъл срок" });
    const far = await fileComplaint({ subject: "Далечен срок" });
    await setDeadline(soon.id, isoDay(1));
    await setDeadline(late.id, isoDay(-1));
    const html = await (await browser("/sluzhiteli/?deadline=soon", { cookie: clerk })).text();
    expect(html).toContain(soon.reference);
    expect(html).not.toContain(late.reference);
    expect(html).not.toContain(far.reference);
  });

  it("by kind, status and year", async () => {
    const c = await fileComplaint({ subject: "Филтър по вид" });
    const signal = await fileComplaint({ kind: "signal", subject: "Сигнал за филтъра" });
    const byKind = await (await browser("/sluzhiteli/?kind=signal", { cookie: clerk })).text();
    expect(byKind).toContain(signal.reference);
    expect(byKind).not.toContain(c.reference);
    await api(`/api/staff/submissions/${c.id}/status`, { body: { status: "in_progress" }, cookie: clerk });
    const byStatus = await (await browser("/sluzhiteli/?status=in_progress", { cookie: clerk })).text();
    expect(byStatus).toContain(c.reference);
    expect(byStatus).not.toContain(signal.reference);
    const year = sofiaDate(new Date()).slice(0, 4);
    expect(await (await browser(`/sluzhiteli/?year=${year}`, { cookie: clerk })).text()).toContain(c.reference);
    expect(await (await browser("/sluzhiteli/?year=2001", { cookie: clerk })).text()).not.toContain(c.reference);
  });

  it("search by reference or by words of the subject, whatever their case", async () => {
    const a = await fileComplaint({ subject: "Шумни ремонтни работи през нощта" });
    const b = await fileComplaint({ subject: "Липсващо улично осветление" });
    const byWords = await (
      await browser(`/sluzhiteli/?q=${encodeURIComponent("РЕМОНТНИ нощта")}`, { cookie: clerk })
    ).text();
    const row = (id: number) => `href="/sluzhiteli/${id}/"`;
    expect(byWords).toContain(row(a.id));
    expect(byWords).not.toContain(row(b.id));
    expect(byWords).not.toContain('rel="next"'); // one page of results has no next page
    // The box shows what was searched for: only the rows tell what was found.
    for (const q of [b.reference, b.reference.split("/")[0] ?? ""]) {
      const byReference = await (await browser(`/sluzhiteli/?q=${encodeURIComponent(q)}`, { cookie: clerk })).text();
      expect(byReference, q).toContain(row(b.id));
      expect(byReference, q).not.toContain(row(a.id));
    }
    // LIKE's wildcards in the search are only characters.
    expect(await (await browser("/sluzhiteli/?q=%25", { cookie: clerk })).text()).toContain("Нищо не отговаря");
    const percent = await fileComplaint({ subject: "Таксата е вдигната със 100% за година" });
    const thousand = await fileComplaint({ subject: "Таксата е 1000 лв. за година" });
    const under = await fileComplaint({ subject: "Код a_b на бланката" });
    const found = await (await browser(`/sluzhiteli/?q=${encodeURIComponent("100% a_b")}`, { cookie: clerk })).text();
    expect(found).toContain("Нищо не отговаря"); // both words must match one subject
    const byPercent = await (await browser(`/sluzhiteli/?q=${encodeURIComponent("100%")}`, { cookie: clerk })).text();
    expect(byPercent).toContain(row(percent.id));
    expect(byPercent).not.toContain(row(thousand.id));
    const byUnderscore = await (await browser(`/sluzhiteli/?q=${encodeURIComponent("a_b")}`, { cookie: clerk })).text();
    expect(byUnderscore).toContain(row(under.id));
  });

  it("a search is at most 200 characters: the box shows what was searched for", async () => {
    const long = "ремонт ".repeat(50); // 350 characters
    const html = await (await browser(`/sluzhiteli/?q=${encodeURIComponent(long)}`, { cookie: clerk })).text();
    expect(/name="q" value="([^"]*)"/.exec(html)?.[1]).toBe(long.slice(0, 200));
  });

  it("a malformed filter is named in Bulgarian, not ignored", async () => {
    const page = await browser("/sluzhiteli/?year=20&kind=zhalba&deadline=utre", { cookie: clerk });
    expect(page.status).toBe(400);
    const html = await page.text();
    const text = mainText(html);
    expect(text).toContain("Годината се пише с четири цифри");
    expect(text).toContain("Няма такъв вид съобщение");
    expect(text).toContain("Изберете „просрочени“ или „до 5 работни дни“.");
    expect(html).toContain('href="#filtar-year"'); // the summary leads to the box
    const json = await api("/api/staff/submissions?status=done", { cookie: clerk });
    expect(json.status).toBe(422);
    expect(await json.json()).toEqual({ errors: { status: "Няма такова състояние." } });
  });
});

describe("as JSON, page by page", () => {
  it("gives the documented fields and a cursor that walks every submission once", async () => {
    for (let i = 0; i < 27; i++) await fileComplaint({ subject: `Страниране ${i}` });
    const seen: number[] = [];
    let next: number | null = null;
    let pages = 0;
    do {
      const body = (await (
        await api(`/api/staff/submissions${next ? `?cursor=${next}` : ""}`, { cookie: clerk })
      ).json()) as { items: Record<string, unknown>[]; next: number | null };
      if (pages === 0) {
        expect(Object.keys(body.items[0] ?? {}).sort()).toEqual(
          [
            "answeredAt",
            "deadline",
            "extendedDeadline",
            "id",
            "kind",
            "receivedAt",
            "reference",
            "status",
            "workingDaysLeft",
          ].sort(),
        );
      }
      seen.push(...body.items.map((i) => i.id as number));
      next = body.next;
      pages++;
    } while (next !== null && pages < 50);
    const { results } = await db()
      .prepare("SELECT id FROM submissions WHERE municipality = 'kostinbrod' ORDER BY id DESC")
      .all<{ id: number }>();
    expect(seen).toEqual(results.map((r) => r.id));
    expect(pages).toBeGreaterThan(1);
  }, 60_000); // 27 submissions filed first

  it("the page links to the next page, keeping the filters", async () => {
    const html = await (await browser("/sluzhiteli/?kind=complaint", { cookie: clerk })).text();
    expect(html).toMatch(/href="\/sluzhiteli\/\?kind=complaint&amp;cursor=\d+" rel="next"/);
  });
});

describe("pages of the registry", () => {
  it("25 a page; the next page keeps the filters and leads back to the first", async () => {
    const subject = `Страница ${crypto.randomUUID().slice(0, 8)}`;
    const address = `/sluzhiteli/?q=${encodeURIComponent(subject)}&kind=complaint&deadline=all`;
    const filed: number[] = [];
    const shown = (html: string) => filed.filter((id) => html.includes(`href="/sluzhiteli/${id}/"`));
    const pager = (html: string) => /<nav class="pager"[^>]*>(.*?)<\/nav>/s.exec(html)?.[1] ?? null;
    for (let i = 0; i < 25; i++) filed.push((await fileComplaint({ subject: `${subject} ${i}` })).id);
    // Exactly one page: all 25 and no page links at all.
    const only = await (await browser(address, { cookie: clerk })).text();
    expect(shown(only)).toHaveLength(25);
    expect(pager(only)).toBeNull();
    // Nothing at all after the table: no empty list of page links, no stray text.
    expect(only).toMatch(/<\/tbody><\/table><\/div>\s*<\/div>\s*<script/);
    for (let i = 25; i < 27; i++) filed.push((await fileComplaint({ subject: `${subject} ${i}` })).id);
    const first = await (await browser(address, { cookie: clerk })).text();
    expect(shown(first)).toHaveLength(25);
    expect(pager(first)).toMatch(/^<ul><li><a href="[^"]+" rel="next">Следваща страница<\/a><\/li><\/ul>$/);
    const next = /<a href="([^"]+)" rel="next">Следваща страница<\/a>/.exec(first)?.[1]?.replace(/&amp;/g, "&");
    if (!next) throw new Error("no link to the next page");
    const params = new URL(next, ORIGIN).searchParams;
    expect(params.get("q")).toBe(subject);
    expect(params.get("kind")).toBe("complaint");
    const second = await (await browser(next, { cookie: clerk })).text();
    expect(shown(second).sort()).toEqual(filed.slice(0, 2).sort());
    expect(second).toContain("(следваща страница)");
    expect(pager(second)).toMatch(/^<ul><li><a href="[^"]*q=[^"]*">Първа страница<\/a><\/li><\/ul>$/);
  }, 60_000); // 27 submissions filed first
});

describe("a row and the manager's export link", () => {
  it("a deadline on a weekend says so under the date", async () => {
    const { id } = await fileComplaint({ subject: "Срок в неделя" });
    await db().prepare("UPDATE submissions SET deadline = '2099-12-13' WHERE id = ?").bind(id).run();
    const html = await (
      await browser(`/sluzhiteli/?q=${encodeURIComponent("Срок в неделя")}`, { cookie: clerk })
    ).text();
    expect(html).toContain('13.12.2099 г.<br><span class="muted">неделя</span>');
  });

  it("an extended deadline shows the new date, marked „удължен“", async () => {
    const subject = `Удължен срок ${crypto.randomUUID().slice(0, 8)}`;
    const { id } = await fileComplaint({ subject });
    const extended = await api(`/api/staff/submissions/${id}/extend`, {
      body: { deadline: "2099-12-31", reason: "Нужна е проверка на място." },
      cookie: clerk,
    });
    expect(extended.status).toBe(200);
    const html = await (await browser(`/sluzhiteli/?q=${encodeURIComponent(subject)}`, { cookie: clerk })).text();
    expect(html).toContain('31.12.2099 г. <span class="tag">удължен</span>');
  });

  it("praise has no deadline: a dash says so, not an empty cell", async () => {
    const subject = `Похвала ${crypto.randomUUID().slice(0, 8)}`;
    await fileComplaint({ kind: "praise", subject, message: `Благодаря! ${subject}` });
    const html = await (await browser(`/sluzhiteli/?q=${encodeURIComponent(subject)}`, { cookie: clerk })).text();
    const cells = [...(/<tbody>(.*?)<\/tbody>/s.exec(html)?.[1] ?? "").matchAll(/<td>(.*?)<\/td>/g)].map((m) => m[1]);
    expect(cells).toHaveLength(6);
    expect(cells.slice(3, 5)).toEqual(["—", "—"]);
  });

  it("managers get a link to export the year shown; clerks do not", async () => {
    const manager = await signIn(MANAGER);
    const year = sofiaDate(new Date()).slice(0, 4);
    expect(mainText(await (await browser("/sluzhiteli/", { cookie: manager })).text())).toContain(
      `Изтеглете регистъра за ${year} г. като CSV`,
    );
    expect(await (await browser("/sluzhiteli/", { cookie: manager })).text()).toContain(
      `href="/sluzhiteli/export.csv?year=${year}"`,
    );
    const filtered = await (await browser("/sluzhiteli/?year=2025", { cookie: manager })).text();
    expect(filtered).toContain('href="/sluzhiteli/export.csv?year=2025"');
    expect(mainText(filtered)).toContain("Изтеглете регистъра за 2025 г. като CSV");
    expect(await (await browser("/sluzhiteli/", { cookie: clerk })).text()).not.toContain("export.csv");
  });
});
