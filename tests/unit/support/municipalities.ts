/** A municipality from content/, validated by the same schema the site's build uses. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { type Municipality, municipalitySchema } from "../../../src/shared/municipality";
import { REPO } from "./sandbox";

export function contentMunicipality(id: string): Municipality {
  const json = JSON.parse(readFileSync(path.join(REPO, "content/municipalities", `${id}.json`), "utf8"));
  return { ...municipalitySchema.parse(json), id };
}
