/**
 * The content collections: where each kind of file lives and which schema validates it.
 * Every file under content/ is validated at build time; an invalid file stops the build
 * with a message that names the file and the field (in Bulgarian, through Zod's "bg"
 * locale). The fields themselves are in src/lib/content-schemas.ts and
 * src/shared/municipality.ts; mistakes Astro would report in English or without a line
 * are caught before it runs (src/integrations/content-check.ts).
 */
import { defineCollection, reference } from "astro:content";
import { glob } from "astro/loaders";
import { z } from "astro/zod";
import { calendarSchema } from "./lib/calendar-schema";
import { CONTENT_ROOT } from "./lib/content-root";
import { accessibilitySchema, charterSchema, serviceSchema, synonymsSchema } from "./lib/content-schemas";
import { municipalitySchema } from "./shared/municipality";

z.config(z.locales.bg());

const municipalities = defineCollection({
  loader: glob({ pattern: "*.json", base: `${CONTENT_ROOT}/municipalities` }),
  schema: municipalitySchema,
});

const charters = defineCollection({
  loader: glob({ pattern: "*.mdx", base: `${CONTENT_ROOT}/charters` }),
  schema: charterSchema(reference("municipalities")),
});

const services = defineCollection({
  loader: glob({ pattern: "**/*.mdx", base: `${CONTENT_ROOT}/services` }),
  schema: serviceSchema(reference("municipalities")),
});

/** Non-working days per year, for the staff registry's working-days count. */
const calendar = defineCollection({
  loader: glob({ pattern: "*.json", base: `${CONTENT_ROOT}/calendar` }),
  schema: calendarSchema,
});

/** Each municipality's accessibility statement (ЗЕУ, чл. 58в). */
const accessibility = defineCollection({
  loader: glob({ pattern: "*.json", base: `${CONTENT_ROOT}/accessibility` }),
  schema: accessibilitySchema(reference("municipalities")),
});

/** content/search/synonyms.json: the words search treats as one, and the questions it understands. */
const search = defineCollection({
  loader: glob({ pattern: "*.json", base: `${CONTENT_ROOT}/search` }),
  schema: synonymsSchema,
});

export const collections = { municipalities, charters, services, calendar, accessibility, search };
