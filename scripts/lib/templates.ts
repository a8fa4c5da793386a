/** One address per page template of the site, for the benchmarks that measure each template. */
export const TEMPLATES: Record<string, string> = {
  home: "/",
  municipality: "/kovachevtsi/",
  charter: "/kostinbrod/harta/",
  "charter (long)": "/kovachevtsi/harta/",
  services: "/kostinbrod/uslugi/",
  service: "/kostinbrod/uslugi/dostap-do-obshtestvena-informatsiya/",
  form: "/kostinbrod/zhalba/",
  "search (empty)": "/search/",
  "search (query)": `/search/?q=${encodeURIComponent("жалби")}`,
  "a-z": "/a-z/",
  privacy: "/lichni-danni/",
  accessibility: "/kostinbrod/dostapnost/",
  "404": "/nyama-takava-stranitsa/",
};
