/**
 * `npm run new:service -- <municipality> <slug>` writes content/services/<municipality>/<slug>.mdx:
 * every field of the schema, either filled with a "ПОПЪЛНЕТЕ" placeholder (the required
 * ones) or present as a commented line with a hint (the optional ones, which stay out until
 * the editor has a source for the fact). The build refuses the file while a placeholder is
 * left (src/integrations/placeholders.ts), so an unfinished service is never published.
 * Messages are in Bulgarian: the people who run this are editors, not developers.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { CONTENT_ROOT } from "../src/lib/content-root.ts";
import { SUBMISSION_KINDS, type SubmissionKind } from "../src/shared/municipality.ts";

const USAGE = `Употреба: npm run new:service -- <община> <адрес>

  <община>  името на файла на общината в content/municipalities/ без .json, напр. kostinbrod
  <адрес>   краят на адреса на страницата: малки латински букви, цифри и тирета,
            напр. udostoverenie-za-nasledstvo

Опции:
  --content-dir <папка>  друга папка със съдържание (по подразбиране content/)
  --help                 тази помощ`;

/** Same rule as the URLs of existing services: "dostap-do-obshtestvena-informatsiya". */
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The Bulgarian names of the forms a service may lead to (the `form` field). */
const FORM_NAMES: Record<SubmissionKind, string> = {
  complaint: "жалба",
  signal: "сигнал",
  proposal: "предложение",
  praise: "похвала",
  survey: "анкета",
};

/** Streamlined official transliteration, as the existing slugs use it ("информация" → "informatsiya"). */
const CYRILLIC = [..."абвгдежзийклмнопрстуфхцчшщъьюя"];
const LATIN = "a b v g d e zh z i y k l m n o p r s t u f h ts ch sh sht a y yu ya".split(" ");

/** A slug to suggest for what the editor typed, e.g. "Удостоверение за наследници". */
function suggestSlug(text: string): string {
  return [...text.toLowerCase()]
    .map((ch) => LATIN[CYRILLIC.indexOf(ch)] ?? ch)
    .join("")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

class UserError extends Error {}

interface Municipality {
  id: string;
  name: string;
}

function knownMunicipalities(contentDir: string): Municipality[] {
  const dir = path.join(contentDir, "municipalities");
  let files: string[];
  try {
    files = readdirSync(dir).filter((name) => name.endsWith(".json"));
  } catch {
    throw new UserError(`Няма папка ${dir}. Проверете дали сте в папката на проекта.`);
  }
  return files.sort().map((file) => {
    const id = file.slice(0, -".json".length);
    let name = id;
    try {
      const data: unknown = JSON.parse(readFileSync(path.join(dir, file), "utf8"));
      if (data && typeof data === "object" && "name" in data && typeof data.name === "string") name = data.name;
    } catch {
      // A broken file still names a municipality; the build explains what is wrong with it.
    }
    return { id, name };
  });
}

/** The new file's text. Optional fields are commented out: an unknown fact stays unsaid. */
function template(municipality: Municipality): string {
  const forms = SUBMISSION_KINDS.map((kind) => `${kind} (${FORM_NAMES[kind]})`).join(", ");
  return `---
# Услуга на ${municipality.name}. Какво значи всяко поле: docs/redaktori.md.
#
# Пишете само факти от източник: хартата, закон, регистъра на административните
# услуги (ИИСДА) или официален документ на общината. Никога не измисляйте такси,
# телефони, документи или срокове. Ако не знаете нещо, оставете реда му със „#“
# отпред: тогава страницата казва, че не е посочено, и къде да се попита.
# За да попълните поле, махнете „# “ от началото на редовете му и заменете „ПОПЪЛНЕТЕ“.

# Общината: името на файла ѝ в content/municipalities/ без .json. Не го променяйте.
municipality: ${municipality.id}

# Име на услугата, както жителите я търсят (поне 5 знака).
title: "ПОПЪЛНЕТЕ: име на услугата"

# Какво е услугата, в едно-две изречения (поне 10 знака). Показва се и в резултатите от търсенето.
description: "ПОПЪЛНЕТЕ: какво представлява услугата, в едно-две изречения."

# Номер на услугата в регистъра на административните услуги (ИИСДА), само цифрите, напр. 2016.
# iisdaNumber: ПОПЪЛНЕТЕ

# Думи, с които жителите търсят услугата; влизат в азбучния указател. Напр. [удостоверение, наследници]
# topics: [ПОПЪЛНЕТЕ]

# Кой може да заяви услугата.
# whoMayApply: "ПОПЪЛНЕТЕ"

# Закони и други актове, на които се основава услугата, по един на ред.
# legalBasis:
#   - "ПОПЪЛНЕТЕ"

# Документи, които заявителят носи или прилага, по един на ред.
# documents:
#   - "ПОПЪЛНЕТЕ"

# Начини за подаване (на място, по пощата, по електронна поща, онлайн), по един на ред, с адреса или номера.
# channels:
#   - "ПОПЪЛНЕТЕ"

# Срокът, в който администрацията отговаря, и откъде идва той (закон и член).
# deadline:
#   text: "ПОПЪЛНЕТЕ: срокът с думи, напр. 14 дни от регистрирането на заявлението"
#   source: "ПОПЪЛНЕТЕ: източникът, напр. ЗДОИ, чл. 28, ал. 1"

# Таксата, с думи, както я посочва източникът (напр. наредбата за местните такси).
# fee: "ПОПЪЛНЕТЕ"

# Какво получава заявителят накрая (документ, решение, отговор).
# result: "ПОПЪЛНЕТЕ"

# Колко време е валиден резултатът.
# validity: "ПОПЪЛНЕТЕ"

# Как и пред кого може да се обжалва.
# appeal: "ПОПЪЛНЕТЕ"

# Формулярът на сайта, към който води услугата, един от: ${forms}.
# form: ПОПЪЛНЕТЕ
---

{/* Под чертата може да напишете по-подробно обяснение – с обикновен текст, заглавия (## Заглавие)
    и списъци (- точка). Тази бележка не се вижда на сайта; изтрийте я, когато пишете. */}
`;
}

const parse = (args: string[]) =>
  parseArgs({
    args,
    allowPositionals: true,
    options: { "content-dir": { type: "string" }, help: { type: "boolean", short: "h" } },
  });

function main(argv: string[]): string {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch {
    throw new UserError(`Непозната опция.\n\n${USAGE}`);
  }
  if (parsed.values.help) return USAGE;
  const [municipalityId, slug, ...extra] = parsed.positionals;
  if (!municipalityId || !slug || extra.length) {
    throw new UserError(`Посочете точно две неща: общината и адреса на услугата.\n\n${USAGE}`);
  }

  // Relative paths are from where npm runs (the project).
  const contentDir = path.resolve(parsed.values["content-dir"] ?? CONTENT_ROOT);
  const known = knownMunicipalities(contentDir);
  const municipality = known.find((m) => m.id === municipalityId);
  if (!municipality) {
    const list = known.map((m) => `  ${m.id} – ${m.name}`).join("\n") || "  (няма нито една)";
    throw new UserError(
      `Няма община „${municipalityId}“. Познати общини:\n${list}\n` +
        "Нова община се добавя с файл в content/municipalities/ (вижте docs/redaktori.md).",
    );
  }

  if (!SLUG.test(slug)) {
    const suggestion = suggestSlug(slug);
    throw new UserError(
      `„${slug}“ не става за адрес на страница: използвайте само малки латински букви, цифри и ` +
        "тирета между думите, без интервали." +
        (SLUG.test(suggestion) ? ` Например: ${suggestion}` : ""),
    );
  }

  const file = path.join(contentDir, "services", municipality.id, `${slug}.mdx`);
  const relative = path.relative(process.cwd(), file);
  const shown = relative.startsWith("..") ? file : relative;
  if (existsSync(file)) {
    throw new UserError(`Файлът ${shown} вече съществува. Отворете него или изберете друг адрес.`);
  }
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, template(municipality), { flag: "wx" });
  return [
    `Създаден е ${shown}.`,
    "Следващи стъпки:",
    "  1. Заменете „ПОПЪЛНЕТЕ“ в title и description. Докато някъде пише „ПОПЪЛНЕТЕ“, сайтът не се построява.",
    "  2. Махнете „# “ само пред полетата, за които имате източник, и ги попълнете.",
    `  3. Прегледайте: npm start, после http://localhost:8787/${municipality.id}/uslugi/${slug}/`,
  ].join("\n");
}

try {
  console.log(main(process.argv.slice(2)));
} catch (error) {
  if (!(error instanceof UserError)) throw error;
  console.error(`Грешка: ${error.message}`);
  process.exitCode = 1;
}
