/**
 * A form the Worker shows again (here: D1 could not store the post, 503) is the site's own
 * form, field for field: the same labels, hints, names, types, autocomplete tokens and
 * descriptions as the page the resident came from, only filled with what they typed. The
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
import { complaint, type Fields, failingDatabase, ORIGIN, postForm } from "./support";

/** The submission form of a page, with what was typed taken out. */
function blankForm(html: string): string {
  const start = html.indexOf('<form class="submission-form"');
  expect(start, "a submission form on the page").toBeGreaterThan(-1);
  return html
    .slice(start, html.indexOf("</form>", start) + "</form>".length)
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
