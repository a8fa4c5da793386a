/**
 * The working-days calendar as the content layer validated it, for the Worker. A year
 * still in "draft" is published too (its weekends and holidays are right; only the
 * Council of Ministers' moves may be missing), and the build says so.
 */

import { getCollection } from "astro:content";
import type { APIRoute } from "astro";
import type { CalendarYear } from "../../shared/working-days";

export const GET: APIRoute = async () => {
  const years = (await getCollection("calendar")).map((entry) => {
    if (entry.id !== String(entry.data.year)) {
      throw new Error(
        `content/calendar/${entry.id}.json: файлът трябва да се казва ${entry.data.year}.json (по „year“)`,
      );
    }
    if (entry.data.status === "draft") {
      console.warn(
        `\n[harta:calendar] content/calendar/${entry.id}.json е чернова: сверете я с решенията на Министерския съвет и сменете "status" на "checked".`,
      );
    }
    const { year, status, nonWorkingDays, workingDays } = entry.data;
    return { year, status, nonWorkingDays, workingDays } satisfies CalendarYear;
  });
  return new Response(JSON.stringify(years.sort((a, b) => a.year - b.year)), {
    headers: { "Content-Type": "application/json" },
  });
};
