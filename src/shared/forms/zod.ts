/**
 * Imported first by the form modules. `jitless` stops Zod from probing
 * `new Function`: the site's Content-Security-Policy forbids eval, and the probe
 * alone would be reported as a violation. (Only the config is imported here, so
 * bundlers keep just the parts of zod/mini the rules use.)
 */
import { config } from "zod/mini";

config({ jitless: true });
