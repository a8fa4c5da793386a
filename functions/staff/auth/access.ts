/**
 * Optional: sign-in through Cloudflare Access, where the municipality already runs it.
 * With ACCESS_TEAM_DOMAIN and ACCESS_AUD set, Access puts a signed JWT in the
 * `Cf-Access-Jwt-Assertion` header of every request it let through; it is verified
 * against the team's published keys (fetched and cached by jose, never pinned, since
 * they rotate), and its e-mail must still be listed as staff.
 */
import { createRemoteJWKSet, jwtVerify } from "jose";
import { logError } from "../../log";

export const ACCESS_HEADER = "cf-access-jwt-assertion";

export interface AccessSettings {
  /** "https://<team>.cloudflareaccess.com" */
  teamDomain: string;
  /** The Access application's audience tag. */
  audience: string;
}

export function accessSettings(env: { ACCESS_TEAM_DOMAIN?: string; ACCESS_AUD?: string }): AccessSettings | null {
  const teamDomain = env.ACCESS_TEAM_DOMAIN?.trim().replace(/\/$/, "");
  const audience = env.ACCESS_AUD?.trim();
  return teamDomain && audience ? { teamDomain, audience } : null;
}

const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

function keysOf(teamDomain: string) {
  let keys = keySets.get(teamDomain);
  if (!keys) {
    keys = createRemoteJWKSet(new URL(`${teamDomain}/cdn-cgi/access/certs`));
    keySets.set(teamDomain, keys);
  }
  return keys;
}

/** The e-mail in a valid assertion, or null (missing, forged, expired, for another application). */
export async function accessEmail(request: Request, settings: AccessSettings): Promise<string | null> {
  const token = request.headers.get(ACCESS_HEADER);
  if (!token) return null;
  try {
    const { payload } = await jwtVerify(token, keysOf(settings.teamDomain), {
      issuer: settings.teamDomain,
      audience: settings.audience,
    });
    return typeof payload.email === "string" ? payload.email : null;
  } catch (error) {
    logError("access.rejected", error);
    return null;
  }
}
