/**
 * The municipalities the Worker registers submissions for: the same JSON files the
 * site is built from (validated at build time by the content layer). A new
 * municipality is added here too; the form pages fail the build if the two lists differ.
 */
import kostinbrod from "../../../content/municipalities/kostinbrod.json";
import kovachevtsi from "../../../content/municipalities/kovachevtsi.json";
import type { MunicipalityInput } from "../municipality";

/** What the Worker needs of a municipality (the content schema's input shape). */
export type RegisteredMunicipality = MunicipalityInput & { id: string };

const entries = { kostinbrod, kovachevtsi } as unknown as Record<string, MunicipalityInput>;

export const MUNICIPALITIES: ReadonlyMap<string, RegisteredMunicipality> = new Map(
  Object.entries(entries).map(([id, data]) => [id, { ...data, id }]),
);

export function municipalityById(id: string): RegisteredMunicipality | undefined {
  return MUNICIPALITIES.get(id);
}

export const isKnownMunicipality = (id: string) => MUNICIPALITIES.has(id);
