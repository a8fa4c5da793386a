/**
 * What the site's build hands to the Worker, inside dist/: the validated municipalities
 * and the page frame with explicit slots. The Worker reads both through its assets
 * binding; visitors get 404 for these paths (run_worker_first in wrangler.toml).
 */
export const WORKER_DATA_PREFIX = "/harta-data/";
export const MUNICIPALITIES_DATA_PATH = `${WORKER_DATA_PREFIX}municipalities.json`;
export const SHELL_PATH = `${WORKER_DATA_PREFIX}shell/`;

/** Each slot appears exactly once in the built shell; the build fails otherwise. */
export const SHELL_SLOTS = {
  /** The whole document title, inside <title>. */
  title: "HARTA-SLOT-TITLE",
  /** The inner HTML of <main>. */
  main: "<!--HARTA-SLOT-MAIN-->",
} as const;

export const SITE_NAME = "Харта на клиента";

/** The working-days calendar (content/calendar/), for the Worker's registry and digest. */
export const CALENDAR_DATA_PATH = `${WORKER_DATA_PREFIX}calendar.json`;
