/**
 * The A–Z index: every topic a resident might look for, from service titles and
 * topics, charter sections and municipality pages. It is also what search falls back
 * to without JavaScript, so it must list everything search would find.
 */
import { getCollection, render } from "astro:content";
import { formPath, KIND_SPECS, SUBMISSION_KINDS } from "../shared/kinds";
import { municipalities, paths } from "./content";

export interface TopicLink {
  href: string;
  label: string;
}
export interface Topic {
  name: string;
  links: TopicLink[];
}
export interface TopicGroup {
  letter: string;
  /** An id usable as an anchor: the letter's position, since ids stay Latin. */
  id: string;
  topics: Topic[];
}

const capitalise = (s: string) => s.charAt(0).toLocaleUpperCase("bg") + s.slice(1);

export async function topicGroups(): Promise<TopicGroup[]> {
  const all = await municipalities();
  const nameOf = new Map(all.map((m) => [m.id, m.data.name]));
  const topics = new Map<string, Topic>();
  const add = (name: string, href: string, label: string) => {
    const key = name.toLocaleLowerCase("bg").trim();
    const topic = topics.get(key) ?? { name: capitalise(name.trim()), links: [] };
    if (!topic.links.some((l) => l.href === href)) topic.links.push({ href, label });
    topics.set(key, topic);
  };

  for (const m of all) {
    add(m.data.name, paths.municipality(m.id), m.data.name);
    add("Контакти", `${paths.municipality(m.id)}#kontakti`, m.data.name);
    add("Работно време", `${paths.municipality(m.id)}#rabotno-vreme`, m.data.name);
    add("Административни услуги", paths.services(m.id), m.data.name);
    for (const kind of SUBMISSION_KINDS) {
      const spec = KIND_SPECS[kind];
      add(spec.label, formPath(m.id, kind), `формуляр – ${m.data.name}`);
      add(spec.title, formPath(m.id, kind), m.data.name);
    }
  }
  for (const service of await getCollection("services")) {
    const label = nameOf.get(service.data.municipality.id) ?? service.data.municipality.id;
    for (const name of [service.data.title, ...service.data.topics]) add(name, paths.service(service), label);
  }
  for (const charter of await getCollection("charters")) {
    const id = charter.data.municipality.id;
    const label = nameOf.get(id) ?? id;
    add("Харта на клиента", paths.charter(id), label);
    const { headings } = await render(charter);
    for (const h of headings) {
      if (h.depth > 3) continue;
      add(h.text.replace(/[:.,]$/, ""), `${paths.charter(id)}#${h.slug}`, `${label}, харта на клиента`);
    }
  }
  add("Лични данни", "/lichni-danni/", "Защита на личните данни");

  const groups = new Map<string, Topic[]>();
  const sorted = [...topics.values()].sort((a, b) => a.name.localeCompare(b.name, "bg"));
  for (const topic of sorted) {
    const letter = topic.name.charAt(0).toLocaleUpperCase("bg");
    groups.set(letter, [...(groups.get(letter) ?? []), topic]);
  }
  return [...groups.entries()].map(([letter, list], i) => ({ letter, id: `bukva-${i + 1}`, topics: list }));
}
