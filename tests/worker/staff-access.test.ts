/**
 * Sign-in through Cloudflare Access, where the municipality runs it: a valid
 * Cf-Access-Jwt-Assertion for a listed address signs in; anything else does not.
 * The team's keys are served by a mocked fetch (Cloudflare's certs endpoint is
 * outside this machine); the tokens are signed here with a local key.
 */
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { browser, CLERK } from "./staff-support";
import { count } from "./support";

const TEAM = "https://obshtina.cloudflareaccess.com";
const AUD = "a1b2c3d4e5f6";
const ACCESS = { ACCESS_TEAM_DOMAIN: TEAM, ACCESS_AUD: AUD };
/** A team no other test signs in through: its keys are first fetched by the test that counts the fetches. */
const FRESH_TEAM = "https://druga-obshtina.cloudflareaccess.com";

let sign: (
  claims: Record<string, unknown>,
  o?: { audience?: string; issuer?: string; expiresIn?: string },
) => Promise<string>;
let forger: typeof sign;

beforeAll(async () => {
  const team = await generateKeyPair("RS256");
  const other = await generateKeyPair("RS256");
  const jwk = { ...(await exportJWK(team.publicKey)), kid: "team-key", alg: "RS256", use: "sig" };
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    if (url === `${TEAM}/cdn-cgi/access/certs` || url === `${FRESH_TEAM}/cdn-cgi/access/certs`) {
      return Response.json({ keys: [jwk] });
    }
    throw new Error(`unexpected fetch ${url}`);
  });
  const signer =
    (key: CryptoKey) =>
    (claims: Record<string, unknown>, o: { audience?: string; issuer?: string; expiresIn?: string } = {}) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: "RS256", kid: "team-key" })
        .setIssuer(o.issuer ?? TEAM)
        .setAudience(o.audience ?? AUD)
        .setIssuedAt()
        .setExpirationTime(o.expiresIn ?? "10m")
        .sign(key);
  sign = signer(team.privateKey);
  forger = signer(other.privateKey);
});

const withAssertion = (token: string, env: Record<string, string> = ACCESS) =>
  browser("/sluzhiteli/", { headers: { "Cf-Access-Jwt-Assertion": token }, env });

describe("Cloudflare Access", () => {
  it("a valid assertion for a listed address signs in, with a session of its own, recorded", async () => {
    const response = await withAssertion(await sign({ email: CLERK }));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Регистър на Община Костинброд");
    expect(response.headers.get("set-cookie")).toMatch(/^__Host-harta-sluzhitel=/);
    expect(
      await count("SELECT 1 FROM audit_log WHERE actor = ? AND action = 'sign_in' AND detail LIKE '%access%'", CLERK),
    ).toBeGreaterThan(0);
  });

  it("refuses an address that is not staff, another application's token, a forged or an expired one", async () => {
    const tokens = [
      await sign({ email: "someone@kostinbrod.example" }),
      await sign({ email: CLERK }, { audience: "another-app" }),
      await sign({ email: CLERK }, { issuer: "https://evil.cloudflareaccess.com" }),
      await forger({ email: CLERK }),
      await sign({ email: CLERK }, { expiresIn: "-1m" }),
      "not-a-jwt",
    ];
    for (const token of tokens) {
      const response = await withAssertion(token);
      expect(response.status).toBe(303);
      expect(response.headers.get("set-cookie")).toBeNull();
    }
  });

  it("is ignored unless both settings are present", async () => {
    const token = await sign({ email: CLERK });
    expect((await withAssertion(token, { ACCESS_TEAM_DOMAIN: "", ACCESS_AUD: "" })).status).toBe(303);
    expect((await withAssertion(token, { ACCESS_TEAM_DOMAIN: TEAM, ACCESS_AUD: "" })).status).toBe(303);
  });
});

describe("Cloudflare Access, as the settings are written", () => {
  it("a team domain with a trailing slash and spaces around either setting still works", async () => {
    const env = { ACCESS_TEAM_DOMAIN: ` ${TEAM}/ `, ACCESS_AUD: ` ${AUD} ` };
    expect((await withAssertion(await sign({ email: CLERK }), env)).status).toBe(200);
  });

  it("an audience without a team domain, or settings left out altogether, sign nobody in and never fail", async () => {
    const token = await sign({ email: CLERK });
    expect((await withAssertion(token, { ACCESS_TEAM_DOMAIN: "", ACCESS_AUD: AUD })).status).toBe(303);
    const unset = { ACCESS_TEAM_DOMAIN: undefined, ACCESS_AUD: undefined } as unknown as Record<string, string>;
    expect((await withAssertion(token, unset)).status).toBe(303);
  });

  it("an e-mail claim that is not one address signs nobody in", async () => {
    for (const email of [[CLERK], { address: CLERK }, 42]) {
      const response = await withAssertion(await sign({ email }));
      expect(response.status).toBe(303);
      expect(response.headers.get("set-cookie")).toBeNull();
    }
  });

  it("the team's keys are fetched once, not on every request", async () => {
    // A team of its own, so that this test is the one that first fetches its keys (and reaches the cache's filling).
    const env = { ACCESS_TEAM_DOMAIN: FRESH_TEAM, ACCESS_AUD: AUD };
    const certs = () =>
      vi
        .mocked(globalThis.fetch)
        .mock.calls.filter(([input]) => String(input instanceof Request ? input.url : input).startsWith(FRESH_TEAM))
        .length;
    for (let i = 0; i < 3; i++) {
      expect((await withAssertion(await sign({ email: CLERK }, { issuer: FRESH_TEAM }), env)).status).toBe(200);
    }
    expect(certs()).toBe(1);
  });
});
