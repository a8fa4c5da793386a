/**
 * A form the Worker shows again (here: D1 could not store the post, 503) is the site's own
 * page, field for field: the same breadcrumbs, heading and explanation, the same labels,
 * hints, names, types, autocomplete tokens and descriptions as the page the resident came
 * from, only filled with what they typed (and with the summary of what went wrong). The
 * Worker renders it with the same code the build used (src/shared/forms/render.ts), with
 * options of its own (the municipality, the kind, the values): this compares the two outputs,
 * so the Worker can never show a resident a different form from the one they filled in.
 * The built form is the reference: the Nu HTML Checker, axe and the Chromium form tests
 * check it (tests/e2e/). Under mutation testing the build is not mutated, so here a mutant
 * of the renderer is caught as a Worker form that differs from the site's.
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { Bindings } from "../../functions/env";
import { formPath, SUBMISSION_KINDS, type SubmissionKind } from "../../src/shared/kinds";
import { complaint, type Fields, failingDatabase, mainHtml, ORIGIN, postForm } from "./support";

/**
 * The main content of a form page (breadcrumbs, heading, explanation, form), with what was
 * typed taken out, and without the error summary, which only the page shown again has.
 */
function blankForm(html: string): string {
  expect(html, "a submission form on the page").toContain('<form class="submission-form"');
  return mainHtml(html)
    .replace(
      /<div class="error-summary"[^>]*><div role="alert">[\s\S]*?<\/div><\/div>|<div data-patch="summary"><\/div>/,
      "",
    )
    .replace(/(<input[^>]*type="(?:text|email|tel)"[^>]*value=")[^"]*"/g, '$1"')
    .replace(/(<textarea[^>]*>)[^<]*<\/textarea>/g, "$1</textarea>")
    .replace(/ checked/g, "")
    .replace(/>\s+</g, "><");
}

const typed = (kind: SubmissionKind, municipality: string): Fields =>
  kind === "survey"
    ? { municipality, kind, rating: "4", message: "Бързо и любезно." }
    : { ...complaint(), municipality, kind };

describe("the form shown again", () => {
  for (const municipality of ["kostinbrod", "kovachevtsi"]) {
    it.each(SUBMISSION_KINDS)(`is the site's own %s form of ${municipality}, with what was typed`, async (kind) => {
      const assets = (env as unknown as Bindings).ASSETS;
      const built = await (await assets.fetch(new Request(`${ORIGIN}${formPath(municipality, kind)}`))).text();
      const fields = typed(kind, municipality);
      const response = await postForm(fields, { env: { DB: failingDatabase() } });
      expect(response.status).toBe(503);
      const again = await response.text();
      expect(blankForm(again)).toBe(blankForm(built));
      // And what was typed is in it.
      expect(again).toContain(`>${fields.message}</textarea>`);
    });
  }
});
