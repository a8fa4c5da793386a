/**
 * Each kind reaches the office that handles it. The shipped municipalities send every
 * kind to one address, so nothing there could tell a complaint's recipients from a
 * signal's: the test municipality in tests/fixtures/municipalities/ routes each kind
 * elsewhere, with its own index and deadlines. The Worker reads it from its assets,
 * beside the built ones, exactly as it reads content.
 */
import { describe, expect, it } from "vitest";
import { type Municipality, municipalitySchema } from "../../src/shared/municipality";
import { MUNICIPALITIES_DATA_PATH } from "../../src/shared/worker-data";
import testovoJson from "../fixtures/municipalities/testovo.json";
import {
  assetsWith,
  call,
  complaint,
  mainText,
  ORIGIN,
  outboxOf,
  postForm,
  postJson,
  recordingMailer,
  submissionByReference,
} from "./support";

const testovo: Municipality = { ...municipalitySchema.parse(testovoJson), id: "testovo" };
/** The built assets, with the test municipality added to the Worker's list. */
const assets = assetsWith(MUNICIPALITIES_DATA_PATH, async (real) =>
  Response.json([...((await (await real()).json()) as Municipality[]), testovo]),
);

interface Accepted {
  reference: string | null;
  deadline: string | null;
}

/** Posts one kind to Тестово; the e-mails its outbox sent right away, and its rows. */
async function send(kind: string, extra: Record<string, string> = {}) {
  const { mailer, sent } = recordingMailer();
  const fields = complaint({
    municipality: "testovo",
    kind,
    email: "",
    address: "гр. Тестово, ул. „Първа“ 1",
    ...extra,
  });
  if (kind === "praise") fields.subject = "";
  const response = await postJson(fields, { env: { ASSETS: assets, MAILER: mailer } });
  expect(response.status).toBe(201);
  const body = (await response.json()) as Accepted;
  const row = body.reference ? await submissionByReference(body.reference, "testovo") : null;
  const outbox = row ? await outboxOf(row.id) : [];
  return { body, row, outbox, sent: sent.map((m) => m.to).sort() };
}

/** Today in Sofia plus `n` days or months, as the register writes a deadline. */
function sofiaTodayPlus(n: number, unit: "days" | "months"): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Sofia" }).format(new Date());
  const date = new Date(`${today}T00:00:00Z`);
  if (unit === "days") date.setUTCDate(date.getUTCDate() + n);
  else date.setUTCMonth(date.getUTCMonth() + n);
  return date.toISOString().slice(0, 10);
}

describe("a municipality whose kinds go to different offices", () => {
  it("a complaint is mailed to both of its complaint recipients, and to nobody else", async () => {
    const { row, outbox, sent } = await send("complaint");
    expect(outbox.map((o) => [o.template, o.recipient])).toEqual([
      ["staff", "zhalbi@testovo.example"],
      ["staff", "sekretar@testovo.example"],
    ]);
    expect(sent).toEqual(["sekretar@testovo.example", "zhalbi@testovo.example"]);
    expect(row?.municipality).toBe("testovo");
  });

  it("a signal, a proposal and a praise each reach their own office", async () => {
    expect((await send("signal")).sent).toEqual(["signali@testovo.example"]);
    expect((await send("proposal")).sent).toEqual(["predlozheniya@testovo.example"]);
    expect((await send("praise")).sent).toEqual(["pohvali@testovo.example"]);
  });

  it("an address listed twice for a kind gets one e-mail", async () => {
    const { outbox } = await send("praise");
    expect(outbox.map((o) => o.recipient)).toEqual(["pohvali@testovo.example"]);
  });

  it("the resident's acknowledgement goes to the resident, beside the kind's recipients", async () => {
    const { outbox, sent } = await send("signal", { email: "ivan@example.com" });
    expect(outbox.map((o) => [o.template, o.recipient])).toEqual([
      ["staff", "signali@testovo.example"],
      ["acknowledgement", "ivan@example.com"],
    ]);
    expect(sent).toEqual(["ivan@example.com", "signali@testovo.example"]);
  });

  it("a survey is mailed to nobody, not even its recipients", async () => {
    const { body, sent } = await send("survey", { subject: "", message: "", name: "", rating: "4" });
    expect(body.reference).toBeNull();
    expect(sent).toEqual([]);
  });

  it("numbers with the municipality's own index and answers by its own deadlines per kind", async () => {
    const year = new Date().getUTCFullYear();
    const complaintSent = await send("complaint");
    expect(complaintSent.body.reference).toMatch(new RegExp(`^12-34-\\d+/\\d\\d\\.\\d\\d\\.${year}$`));
    expect(complaintSent.body.deadline).toBe(sofiaTodayPlus(14, "days"));
    expect((await send("signal")).body.deadline).toBe(sofiaTodayPlus(1, "months"));
    expect((await send("proposal")).body.deadline).toBe(sofiaTodayPlus(2, "months"));
    expect((await send("praise")).body.deadline).toBeNull();
  });

  it("the receipt gives the municipality's own deadline, in days or months as its charter says", async () => {
    const receipt = async (kind: string) => {
      const fields = complaint({ municipality: "testovo", kind, email: "", address: "гр. Тестово, ул. „Първа“ 1" });
      const posted = await postForm(fields, { env: { ASSETS: assets } });
      const page = await call(new Request(`${ORIGIN}${posted.headers.get("location")}`), { env: { ASSETS: assets } });
      return mainText(await page.text());
    };
    expect(await receipt("complaint")).toMatch(
      /Срок за отговор до [\d.]+ г\. – 14 дни по Харта на клиента на Община Тестово/,
    );
    expect(await receipt("signal")).toMatch(
      /Срок за отговор до [\d.]+ г\. – 1 месец по Харта на клиента на Община Тестово/,
    );
    expect(await receipt("proposal")).toMatch(/Срок за отговор до [\d.]+ г\. – 2 месеца по АПК, чл\. 118/);
  });
});
