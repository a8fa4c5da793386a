/**
 * The working-days calendar, one file per year (content/calendar/<year>.json). The
 * Worker counts working days with it (src/shared/working-days.ts); `npm run calendar`
 * drafts a new year for an editor to check against the official decisions.
 */
import { z } from "astro/zod";
import { weekday } from "../shared/dates.ts";
import { bg, strictObject } from "../shared/zod-bg.ts";

const isoDate = z
  .string(bg)
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Датата се пише ГГГГ-ММ-ДД, напр. 2026-05-25")
  .refine((d) => new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), "Няма такава дата");

export const calendarSchema = strictObject({
  /** The year the file is for; every date in it is in that year. */
  year: z.number(bg).int().min(2000).max(2100),
  /** "draft" until an editor compared it with the decisions of the Council of Ministers; then "checked". */
  status: z.enum(["draft", "checked"], bg),
  /** Where the days come from (Labour Code, art. 154; the decisions and where they were published). */
  source: z.string(bg).min(10),
  /** Weekdays that are not working days: the official holidays, the days moved to a Monday, decisions. */
  nonWorkingDays: z.array(strictObject({ date: isoDate, name: z.string(bg).min(3) }), bg),
  /** Saturdays or Sundays made working days by a decision of the Council of Ministers. */
  workingDays: z.array(strictObject({ date: isoDate, reason: z.string(bg).min(3) }), bg).default([]),
}).superRefine((cal, ctx) => {
  const seen = new Set<string>();
  const check = (list: { date: string }[], field: "nonWorkingDays" | "workingDays") =>
    list.forEach(({ date }, i) => {
      const path = [field, i, "date"];
      if (!date.startsWith(`${cal.year}-`)) {
        ctx.addIssue({
          code: "custom",
          path,
          message: `Датата ${date} не е от ${cal.year} г., годината на файла: поправете годината или преместете деня във файла на своята година`,
        });
      }
      if (seen.has(date)) {
        ctx.addIssue({ code: "custom", path, message: `Датата ${date} е записана два пъти; оставете я веднъж` });
      }
      seen.add(date);
      const weekend = [0, 6].includes(weekday(date));
      if (field === "nonWorkingDays" && weekend) {
        ctx.addIssue({
          code: "custom",
          path,
          message: `${date} е събота или неделя – тя и без това е почивен ден; махнете я`,
        });
      }
      if (field === "workingDays" && !weekend) {
        ctx.addIssue({
          code: "custom",
          path,
          message: `${date} е делничен ден – в „workingDays“ се пишат само съботи и недели, обявени за работни`,
        });
      }
    });
  check(cal.nonWorkingDays, "nonWorkingDays");
  check(cal.workingDays, "workingDays");
});
