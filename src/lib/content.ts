/** Queries over the content collections that several pages share. */
import { type CollectionEntry, getCollection, getEntry } from "astro:content";
import type { SearchScope } from "./search-scope";

export type MunicipalityEntry = CollectionEntry<"municipalities">;
export type ServiceEntry = CollectionEntry<"services">;
export type CharterEntry = CollectionEntry<"charters">;
export type StatementEntry = CollectionEntry<"accessibility">;

const byName = (a: { data: { name: string } }, b: { data: { name: string } }) =>
  a.data.name.localeCompare(b.data.name, "bg");

export async function municipalities(): Promise<MunicipalityEntry[]> {
  return (await getCollection("municipalities")).sort(byName);
}

export async function servicesOf(municipalityId: string): Promise<ServiceEntry[]> {
  const all = await getCollection("services", (s) => s.data.municipality.id === municipalityId);
  return all.sort((a, b) => a.data.title.localeCompare(b.data.title, "bg"));
}

export async function charterOf(municipalityId: string): Promise<CharterEntry | undefined> {
  return (await getCollection("charters")).find((c) => c.data.municipality.id === municipalityId);
}

export async function statementOf(municipalityId: string): Promise<StatementEntry | undefined> {
  return (await getCollection("accessibility")).find((s) => s.data.municipality.id === municipalityId);
}

export async function municipalityOf(entry: ServiceEntry | CharterEntry | StatementEntry): Promise<MunicipalityEntry> {
  const m = await getEntry(entry.data.municipality);
  if (!m) throw new Error(`${entry.filePath}: municipality: няма община „${entry.data.municipality.id}“`);
  return m;
}

/** The service's own slug: "kostinbrod/zhalbi-i-signali" → "zhalbi-i-signali". */
export const serviceSlug = (service: ServiceEntry) => service.id.split("/").at(-1) ?? service.id;

export const paths = {
  municipality: (id: string) => `/${id}/`,
  charter: (id: string) => `/${id}/harta/`,
  services: (id: string) => `/${id}/uslugi/`,
  accessibility: (id: string) => `/${id}/dostapnost/`,
  /** All the municipalities' statements, for pages that belong to none. */
  accessibilityIndex: "/dostapnost/",
  service: (service: ServiceEntry) => `/${service.data.municipality.id}/uslugi/${serviceSlug(service)}/`,
};

/** Where a resident can ask about a fact the site does not know, in one phrase. */
export function whereToAsk(m: MunicipalityEntry): string {
  const d = m.data;
  const ways = [d.phones[0] && `на тел. ${d.phones[0]}`, d.email && `на ${d.email}`, `на адрес ${d.address}`].filter(
    Boolean,
  );
  return `Попитайте ${d.name} ${ways.join(", ")}.`;
}

/** The municipality as the header's search and the search index see it. */
export const scopeOf = (m: MunicipalityEntry): SearchScope => ({ id: m.id, name: m.data.name });
