/**
 * Staff-only means closed unless signed in: a page answers 303 to the sign-in page
 * and a script 401, before any data is read. The session (or, where configured, a
 * Cloudflare Access assertion) must name an address that content still lists as staff.
 */
import type { Context, MiddlewareHandler } from "hono";
import { municipalities } from "../content/municipalities";
import type { AppEnv } from "../env";
import { wantsJson } from "../http/respond";
import { SIGN_IN_PATH } from "../pages/paths";
import { accessEmail, accessSettings } from "./auth/access";
import { findStaff, type SignedIn } from "./auth/directory";
import { sessionEmail, startSession } from "./auth/session";

export interface StaffEnv extends AppEnv {
  Variables: { staff: SignedIn };
}

export const UNAUTHENTICATED = "Влезте в системата, за да продължите.";

async function signedIn(c: Context<AppEnv>, now: number): Promise<SignedIn | null> {
  const directory = await municipalities(c.env.ASSETS);
  const session = await sessionEmail(c, now);
  const fromSession = session && findStaff(directory, session.email);
  if (fromSession) return fromSession;
  const access = accessSettings(c.env);
  const email = access && (await accessEmail(c.req.raw, access));
  const me = email ? findStaff(directory, email) : null;
  if (!me) return null;
  // Access vouched for a listed address: it gets a session of its own, recorded like any sign-in.
  await startSession(c, me, now, "access");
  return me;
}

export const requireStaff = (): MiddlewareHandler<StaffEnv> => async (c, next) => {
  const me = await signedIn(c as unknown as Context<AppEnv>, Date.now());
  if (!me) {
    if (wantsJson(c.req.raw) || new URL(c.req.url).pathname.startsWith("/api/")) {
      return c.json({ error: UNAUTHENTICATED }, 401);
    }
    return c.redirect(SIGN_IN_PATH, 303);
  }
  c.set("staff", me);
  await next();
};
