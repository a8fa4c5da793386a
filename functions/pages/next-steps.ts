/**
 * "What happens next" once a submission is in: the same sentences on the receipt
 * page and in the resident's acknowledgement, chosen by the kind's spec.
 */
import { formatBgDate, formatDuration } from "../../src/shared/dates";
import { KIND_SPECS, type SubmissionKind } from "../../src/shared/kinds";
import type { Municipality } from "../../src/shared/municipality";

export interface Registered {
  kind: SubmissionKind;
  /** Last day to answer, "YYYY-MM-DD", or null. */
  deadline: string | null;
  anonymous: boolean;
}

/** Plain-text paragraphs; the page and the e-mail escape them. */
export function nextSteps(s: Registered, m: Pick<Municipality, "name">): string[] {
  const spec = KIND_SPECS[s.kind];
  if (!spec.expectsAnswer) return [`Благодарим Ви! ${m.name} ${spec.thanks ?? ""}`.trim()];
  if (s.anonymous) {
    return [
      `Подадохте анонимно, защото проблемът застрашава здравето и сигурността на гражданите. ${m.name} ще разгледа ${spec.definite}, но няма как да Ви отговори. Ако искате отговор, подайте ново съобщение с име и адрес за връзка.`,
    ];
  }
  const by = s.deadline ? ` до ${formatBgDate(s.deadline)}` : "";
  return [
    `Служител на ${m.name} ще разгледа ${spec.definite} и ще Ви отговори писмено${by} – на електронната поща или на адреса, които посочихте. Ако отговор в срока не е възможен, общината ще Ви уведоми защо и кога ще го получите.`,
  ];
}

/** "21.01.2027 г. – 2 месеца по АПК, чл. 118": the deadline as the receipt and the e-mails state it, or null. */
export function deadlineDescription(s: Pick<Registered, "kind" | "deadline">, m: Pick<Municipality, "deadlines">) {
  const rule = m.deadlines[s.kind];
  return s.deadline && rule ? `${formatBgDate(s.deadline)} – ${formatDuration(rule)} по ${rule.source}` : null;
}
