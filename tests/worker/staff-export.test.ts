/** The manager's export: the year's registry as CSV that Excel opens in Cyrillic, or JSON; recorded. */
import { beforeAll, describe, expect, it } from "vitest";
import { csvField } from "../../functions/staff/export";
import { sofiaDate } from "../../src/shared/dates";
import { api, browser, CLERK, fileComplaint, MANAGER, signIn } from "./staff-support";
import { count, db } from "./support";

let manager: string;
const year = sofiaDate(new Date()).slice(0, 4);

beforeAll(async () => {
  manager = await signIn(MANAGER);
});

describe("export", () => {
  it("is UTF-8 CSV with a byte-order mark, the documented header, and RFC 4180 quoting", async () => {
    const tricky = 'Тема със запетая, "кавички"\nи нов ред';
    const { reference } = await fileComplaint({ subject: tricky.replace("\n", " ") });
    const { reference: plain } = await fileComplaint({ subject: "Обикновена тема" });
    const response = await browser(`/sluzhiteli/export.csv?year=${year}`, { cookie: manager });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="registar-kostinbrod-${year}.csv"`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes).slice(1);
    const [header, ...rows] = text.split("\r\n");
    expect(header).toBe(
      "Входящ номер,Вид,Тема,Получена,Срок,Удължен срок,Състояние,Отговорена на,Дни до отговора,Препратена до",
    );
    expect(rows.find((r) => r.startsWith(`${reference},`))).toContain(`,"Тема със запетая, ""кавички"" и нов ред",`);
    expect(rows.find((r) => r.startsWith(`${plain},`))).toMatch(
      new RegExp(
        `^${plain.replace(/[/.]/g, "\\$&")},Жалба,Обикновена тема,${year}-\\d\\d-\\d\\d,\\d{4}-\\d\\d-\\d\\d,,Регистрирана,,,$`,
      ),
    );
    expect(text.endsWith("\r\n")).toBe(true);
  });

  it("quotes a line break inside a field, so a row stays one row", () => {
    expect(csvField("първи ред\nвтори, ред")).toBe('"първи ред\nвтори, ред"');
    expect(csvField(null)).toBe("");
    expect(csvField(-3)).toBe("-3");
  });

  it("also as JSON, and every export is recorded", async () => {
    const before = await count("SELECT 1 FROM audit_log WHERE action = 'export' AND actor = ?", MANAGER);
    const response = await api(`/sluzhiteli/export.csv?year=${year}&format=json`, { cookie: manager });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { columns: string[]; rows: Record<string, unknown>[] };
    expect(body.columns).toContain("daysToAnswer");
    expect(body.rows.length).toBeGreaterThan(0);
    expect(await count("SELECT 1 FROM audit_log WHERE action = 'export' AND actor = ?", MANAGER)).toBe(before + 1);
    // The record says what left the registry: which year, in which format, how many rows.
    const entry = await db()
      .prepare("SELECT detail FROM audit_log WHERE action = 'export' AND actor = ? ORDER BY id DESC LIMIT 1")
      .bind(MANAGER)
      .first<{ detail: string }>();
    expect(JSON.parse(entry?.detail ?? "{}")).toEqual({ year: Number(year), format: "json", rows: body.rows.length });
  });

  it("a subject that could start a spreadsheet formula is written as text", async () => {
    await fileComplaint({ subject: '=HYPERLINK("http://evil.example")' });
    const text = await (await browser(`/sluzhiteli/export.csv?year=${year}`, { cookie: manager })).text();
    expect(text).not.toMatch(/,=HYPERLINK/);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
  });

  it("is for managers only; a bad year is refused in Bulgarian", async () => {
    const clerk = await signIn(CLERK);
    expect((await browser(`/sluzhiteli/export.csv?year=${year}`, { cookie: clerk })).status).toBe(403);
    for (const given of ["26", "20265", "x2026"]) {
      const bad = await api(`/sluzhiteli/export.csv?year=${given}`, { cookie: manager });
      expect(bad.status, given).toBe(400);
      expect(await bad.json()).toEqual({ error: "Посочете година с четири цифри, напр. ?year=2026." });
    }
  });

  it("counts the calendar days from receipt to answer, and exports this year when no year is given", async () => {
    const { id, reference } = await fileComplaint();
    // Noon in Sofia, 12 days ago.
    const received = `${sofiaDate(new Date(Date.now() - 12 * 86_400_000))}T10:00:00.000Z`;
    await db().prepare("UPDATE submissions SET received_at = ? WHERE id = ?").bind(received, id).run();
    await api(`/api/staff/submissions/${id}/answer`, { body: { text: "Отговор" }, cookie: await signIn(CLERK) });
    const response = await api("/sluzhiteli/export.csv?format=json", { cookie: manager });
    const body = (await response.json()) as { rows: { reference: string; daysToAnswer: number | null }[] };
    const row = body.rows.find((r) => r.reference === reference);
    expect(row?.daysToAnswer).toBe(12);
    const unanswered = body.rows.find((r) => r.reference !== reference && r.daysToAnswer === null);
    expect(unanswered).toBeDefined();
  });

  it("a format other than CSV or JSON is refused in Bulgarian", async () => {
    const response = await api(`/sluzhiteli/export.csv?year=${year}&format=xlsx`, { cookie: manager });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/\S/);
  });
});
