/**
 * zod/mini for the form rules: small in the browser bundle. `jitless` stops Zod
 * from probing `new Function` — the site's Content-Security-Policy forbids eval,
 * and the probe alone would be reported as a violation.
 */
import * as z from "zod/mini";

z.config({ jitless: true });

export { z };
