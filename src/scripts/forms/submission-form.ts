/**
 * Progressive enhancement of the submission form: the same rules as the Worker,
 * checked in the browser before anything is sent, then a fetch that asks for JSON.
 * Errors are drawn by the same renderer the server uses, and the summary takes
 * focus. Without this script the form posts normally and the Worker answers.
 */

import { ERROR_PREFIX } from "../../shared/forms/messages";
import { type FormContext, type FormState, type FormValues, renderSubmissionBody } from "../../shared/forms/render";
import { type FieldErrors, validateSubmission } from "../../shared/forms/schema";

const OFFLINE = "Няма връзка със сървъра. Текстът Ви е запазен – проверете връзката и изпратете отново.";
const UNEXPECTED = "Съобщението не беше изпратено поради временен проблем. Текстът Ви е запазен – опитайте отново.";

for (const root of document.querySelectorAll<HTMLElement>("[data-form-root]")) enhance(root);

function enhance(root: HTMLElement): void {
  const ctx = JSON.parse(root.dataset.formContext ?? "{}") as FormContext;
  // One id per loaded form: a double click or a retry is recognised as the same submission.
  const formLoad = root.querySelector<HTMLInputElement>("[data-form-load]");
  if (formLoad && !formLoad.value) formLoad.value = randomId();
  const baseTitle = document.title.replace(new RegExp(`^${ERROR_PREFIX} `), "");
  let sending = false;

  root.addEventListener("submit", async (event) => {
    const form = (event.target as HTMLElement).closest<HTMLFormElement>("form[data-submission-form]");
    if (!form) return;
    event.preventDefault();
    if (sending) return; // a double click sends once
    const values = formValues(form);
    const checked = validateSubmission(values, { isKnownMunicipality: (id) => id === ctx.municipality.id });
    if (!checked.ok) return show({ values, errors: checked.errors });

    sending = true;
    const button = form.querySelector<HTMLButtonElement>("[data-submit]");
    button?.setAttribute("aria-disabled", "true");
    try {
      const response = await fetch(form.action, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify(values),
        credentials: "same-origin",
      });
      const body = (await response.json().catch(() => ({}))) as {
        receiptUrl?: string;
        errors?: FieldErrors & Record<string, string>;
        error?: string;
      };
      if (response.status === 201 && body.receiptUrl) {
        window.location.assign(body.receiptUrl);
        return;
      }
      if (response.status === 422 && body.errors) {
        const { "cf-turnstile-response": turnstile, ...errors } = body.errors;
        return show({ values, errors, problem: turnstile });
      }
      show({ values, problem: body.error ?? UNEXPECTED });
    } catch {
      show({ values, problem: OFFLINE });
    } finally {
      sending = false;
      button?.removeAttribute("aria-disabled");
    }
  });

  /** Redraws the summary and the fields from the shared renderer, then moves focus to the summary. */
  function show(state: FormState): void {
    const next = document.createElement("template");
    next.innerHTML = renderSubmissionBody(ctx, state);
    for (const fresh of next.content.querySelectorAll<HTMLElement>("[data-patch]")) {
      root.querySelector(`[data-patch="${fresh.dataset.patch}"]`)?.replaceWith(fresh);
    }
    document.title = `${ERROR_PREFIX} ${baseTitle}`;
    root.querySelector<HTMLElement>("[data-error-summary]")?.focus();
  }
}

function formValues(form: HTMLFormElement): FormValues {
  const values: FormValues = {};
  for (const [name, value] of new FormData(form)) if (typeof value === "string") values[name] = value;
  return values;
}

function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
