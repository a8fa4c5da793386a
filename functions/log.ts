/**
 * Structured logs without personal data: events carry ids and counts only, and
 * error messages are stripped of anything that looks like an e-mail address.
 */
const EMAIL_LIKE = /[^\s<>"'@]+@[^\s<>"'@]+/g;

export function redact(message: string): string {
  return message.replace(EMAIL_LIKE, "[адрес]").slice(0, 300);
}

export function logError(event: string, error: unknown, data: Record<string, string | number> = {}): void {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  console.error(JSON.stringify({ event, ...data, error: redact(message) }));
}
