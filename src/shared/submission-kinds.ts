/**
 * The kinds of submission a resident can send, in the order of the forms. Kept apart
 * from the municipality schema so the Worker and the form script can import them
 * without pulling in Zod and the whole content model.
 */
export const SUBMISSION_KINDS = ["complaint", "signal", "proposal", "praise", "survey"] as const;
export type SubmissionKind = (typeof SUBMISSION_KINDS)[number];
