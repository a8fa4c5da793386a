import { ERROR_PREFIX } from "./forms/messages";
import { SITE_NAME } from "./worker-data";

/** "Грешка: Жалба до Община Костинброд – Харта на клиента": GOV.UK's pattern for pages that show errors. */
export function documentTitle(title: string, error = false): string {
  return `${error ? `${ERROR_PREFIX} ` : ""}${title} – ${SITE_NAME}`;
}
