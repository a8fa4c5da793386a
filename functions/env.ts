/**
 * The Worker's Hono environment. `Env` is generated from wrangler.toml by
 * `npm run types`; variables are widened to `string` so deployments and tests
 * can set their own, and secrets (not in wrangler.toml) are added here.
 */
type Vars =
  | "MAIL_FROM"
  | "PUBLIC_ORIGIN"
  | "ALLOWED_ORIGINS"
  | "TURNSTILE_SITE_KEY"
  | "ACCESS_TEAM_DOMAIN"
  | "ACCESS_AUD";

export type Bindings = Omit<Env, Vars> & { [K in Vars]: string } & {
  /** Turnstile's secret key (`wrangler secret put TURNSTILE_SECRET`); Turnstile is off without it. */
  TURNSTILE_SECRET?: string;
};

export interface AppEnv {
  Bindings: Bindings;
}
