/**
 * Generated demo data (`npm run seed:demo`): its rows carry a de-duplication key that
 * begins with this prefix (real keys are hashes, so none does), and the report says
 * when a year holds any.
 */
export const DEMO_KEY_PREFIX = "demo:";
