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
