/**
 * The A–Z index: the topics a resident might look for — services and their topics, the
 * forms, the charters' topics, each municipality's contacts and hours — with links to
 * the pages about them. It is also what search falls back to without JavaScript, so it
 * lists what search would find. One index of every municipality (/a-z/) and one per
 * municipality (/<id>/a-z/), which its pages link to.
 *
 * A link's label names where it leads (page and municipality), so no two links with
 * the same label lead to different places.
 */
import { getCollection } from "astro:content";
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

/** A page a topic leads to: what it is, and whose (none for the shared pages). */
interface Destination {
  href: string;
  page: string;
  municipality?: { id: string; name: string };
}

const capitalise = (s: string) => s.charAt(0).toLocaleUpperCase("bg") + s.slice(1);

/** The label of a link: the page, and the municipality when the index is of all of them. */
function label(to: Destination, scoped: boolean): string {
  const m = to.municipality;
  if (!m || scoped || to.page === m.name) return to.page;
  return `${to.page} – ${m.name}`;
}

/** The topics of one municipality (and the shared pages), or of all when `scope` is absent. */
export async function topicGroups(scope?: string): Promise<TopicGroup[]> {
  const all = (await municipalities()).filter((m) => !scope || m.id === scope);
  const byId = new Map(all.map((m) => [m.id, { id: m.id, name: m.data.name }]));
  const topics = new Map<string, Topic>();
  const add = (name: string, to: Destination) => {
    const key = name.toLocaleLowerCase("bg").trim();
    const topic = topics.get(key) ?? { name: capitalise(name.trim()), links: [] };
    if (!topic.links.some((l) => l.href === to.href)) topic.links.push({ href: to.href, label: label(to, !!scope) });
    topics.set(key, topic);
  };

  for (const m of all) {
    const municipality = byId.get(m.id);
    const page = (href: string, title: string) => ({ href, page: title, municipality });
    add(m.data.name, page(paths.municipality(m.id), m.data.name));
    add("Контакти", page(`${paths.municipality(m.id)}#kontakti`, "Контакти"));
    add("Работно време", page(`${paths.municipality(m.id)}#rabotno-vreme`, "Работно време"));
    add("Административни услуги", page(paths.services(m.id), "Административни услуги"));
    for (const kind of SUBMISSION_KINDS) {
      const spec = KIND_SPECS[kind];
      const form = page(formPath(m.id, kind), spec.title);
      add(spec.label, form);
      add(spec.title, form);
    }
  }
  for (const service of await getCollection("services")) {
    const municipality = byId.get(service.data.municipality.id);
    if (!municipality) continue;
    const to = { href: paths.service(service), page: service.data.title, municipality };
    for (const name of [service.data.title, ...service.data.topics]) add(name, to);
  }
  for (const charter of await getCollection("charters")) {
    const municipality = byId.get(charter.data.municipality.id);
    if (!municipality) continue;
    const to = { href: paths.charter(municipality.id), page: "Харта на клиента", municipality };
    for (const name of ["Харта на клиента", ...charter.data.topics]) add(name, to);
  }
  add("Лични данни", { href: "/lichni-danni/", page: "Защита на личните данни" });

  const groups = new Map<string, Topic[]>();
  const sorted = [...topics.values()].sort((a, b) => a.name.localeCompare(b.name, "bg"));
  for (const topic of sorted) {
    const letter = topic.name.charAt(0).toLocaleUpperCase("bg");
    groups.set(letter, [...(groups.get(letter) ?? []), topic]);
  }
  return [...groups.entries()].map(([letter, list], i) => ({ letter, id: `bukva-${i + 1}`, topics: list }));
}
