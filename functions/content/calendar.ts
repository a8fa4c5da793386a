/**
 * The working-days calendar the site's build validated (src/pages/harta-data/calendar.json.ts),
 * read once from the static assets, like the municipalities.
 */
import { CALENDAR_DATA_PATH } from "../../src/shared/worker-data";
import { type Calendar, type CalendarYear, calendarOf } from "../../src/shared/working-days";

let loading: Promise<Calendar> | undefined;

async function load(assets: Fetcher): Promise<Calendar> {
  const response = await assets.fetch(new Request(`https://assets.invalid${CALENDAR_DATA_PATH}`));
  if (!response.ok) throw new Error(`${CALENDAR_DATA_PATH}: ${response.status}`);
  return calendarOf((await response.json()) as CalendarYear[]);
}

/** Cached for the isolate's life; a failed read is retried on the next request. */
export function calendar(assets: Fetcher): Promise<Calendar> {
  loading ??= load(assets).catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}
