/**
 * Where the content lives, relative to the project. Tests point HARTA_CONTENT_DIR at a
 * copy of content/ to see what an edited file does; the content collections, the content
 * check and `npm run new:service` all read it from here.
 */
export const CONTENT_ROOT = process.env.HARTA_CONTENT_DIR ?? "./content";
