/** The Worker's Hono environment. `Env` is generated from wrangler.toml by `npm run types`. */
export interface AppEnv {
  Bindings: Env;
}
