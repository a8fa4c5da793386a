/**
 * A staff address signs in to one municipality, so it may be listed in the `staff` of
 * one municipality only. Checked before Astro runs, with the file and line of every
 * listing after the first, in Bulgarian (duplicates inside one file are the schema's).
 */
import type { ContentFile, Problem } from "./content-files.ts";

function staffEmails(file: ContentFile): string[] {
  const staff = file.fields?.staff;
  if (!Array.isArray(staff)) return [];
  return staff.flatMap((s) => {
    const email = s && typeof s === "object" ? (s as { email?: unknown }).email : undefined;
    return typeof email === "string" ? [email.trim().toLowerCase()] : [];
  });
}

export function staffListedTwice(files: ContentFile[]): Problem[] {
  const first = new Map<string, string>();
  const problems: Problem[] = [];
  for (const file of files.filter((f) => f.collection === "municipalities")) {
    for (const email of new Set(staffEmails(file))) {
      const earlier = first.get(email);
      if (earlier === undefined) {
        first.set(email, file.shown);
        continue;
      }
      const index = file.lines.findIndex((l) => l.toLowerCase().includes(email));
      problems.push({
        file: file.shown,
        ...(index < 0 ? {} : { line: index + 1 }),
        message: `служителят ${email} е записан и в ${earlier}; един адрес влиза в регистъра само на една община, затова го оставете в „staff“ само на едната.`,
      });
    }
  }
  return problems;
}
