/** The addresses of the pages the Worker renders (run_worker_first in wrangler.toml). */

/** Where a resident reads their receipt; the token is random and the page shows no personal data. */
export const receiptPath = (token: string) => `/potvarzhdenie/${token}/`;

/** Where a reader lands after page feedback sent without JavaScript. */
export const FEEDBACK_THANKS_PATH = "/obratna-vrazka/blagodarim/";

/** Where a resident lands after a survey: a survey is counted, not registered, so it has no receipt. */
export const surveyThanksPath = (municipalityId: string) => `/obratna-vrazka/anketa/${municipalityId}/`;

/** The staff side: the registry, sign-in, and one submission's page. */
export const STAFF_HOME = "/sluzhiteli/";
export const SIGN_IN_PATH = "/sluzhiteli/vhod/";
export const SIGN_OUT_PATH = "/sluzhiteli/izhod/";
export const RECORD_PATH = "/sluzhiteli/zapis/";
export const EXPORT_PATH = "/sluzhiteli/export.csv";
export const signInLinkPath = (token: string) => `/sluzhiteli/vhod/${token}/`;
export const staffSubmissionPath = (id: number) => `/sluzhiteli/${id}/`;

/** The public report of a municipality: the current year's from the first, a year's, its open data. */
export const reportIndexPath = (municipalityId: string) => `/${municipalityId}/otchet/`;
export const reportPath = (municipalityId: string, year: number) => `/${municipalityId}/otchet/${year}/`;
export const reportDataPath = (municipalityId: string, year: number, format: "csv" | "json") =>
  `/${municipalityId}/otchet/${year}.${format}`;
/** The same figures for staff, exact, with the page-feedback comments. */
export const STAFF_REPORT_PATH = "/sluzhiteli/otchet/";
