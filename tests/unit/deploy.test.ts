/** A deploy needs the public origin: links in e-mails and canonical links must not point to localhost. */
import { describe, expect, it } from "vitest";
import { originProblem } from "../../scripts/deploy";

describe("npm run deploy", () => {
  it("refuses a missing, local, placeholder or plain-http origin", () => {
    expect(originProblem("PUBLIC_ORIGIN", undefined)).toMatch(/not set/);
    expect(originProblem("PUBLIC_ORIGIN", "http://localhost:8787")).toMatch(/https/);
    expect(originProblem("PUBLIC_ORIGIN", "https://localhost:8787")).toMatch(/local or placeholder/);
    expect(originProblem("PUBLIC_ORIGIN", "https://harta.obshtina.example")).toMatch(/local or placeholder/);
    expect(originProblem("PUBLIC_ORIGIN", "https://harta.obshtina.bg/path/")).toMatch(/origin only/);
  });
  it("accepts a public https origin", () => {
    expect(originProblem("PUBLIC_ORIGIN", "https://harta.kostinbrod.bg")).toBeNull();
    expect(originProblem("HARTA_SITE_URL", "https://harta.kostinbrod.bg/")).toBeNull();
  });
});
