/**
 * `npm run calendar -- <year>` prints a draft of content/calendar/<year>.json: the
 * Labour Code's non-working days of the year, computed. `--write` writes the file
 * (never over an existing one). An editor then adds what the Council of Ministers
 * moved by decision and marks the file "checked" (docs/redaktori.md).
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { CONTENT_ROOT } from "../src/lib/content-root.ts";
import { draftYear } from "./lib/bg-holidays.ts";

const USAGE = `Употреба: npm run calendar -- <година> [--write]

  <година>   напр. 2027
  --write    записва content/calendar/<година>.json (ако още няма такъв файл)
  --content-dir <папка>  друга папка със съдържание (по подразбиране content/)`;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(1);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { write: { type: "boolean" }, "content-dir": { type: "string" }, help: { type: "boolean" } },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const [arg] = positionals;
if (!arg || !/^\d{4}$/.test(arg) || Number(arg) < 2000 || Number(arg) > 2099) {
  fail(`Посочете година с четири цифри между 2000 и 2099${arg ? `, а не „${arg}“` : ""}.`);
}
const year = Number(arg);
const text = `${JSON.stringify(draftYear(year), null, 2)}\n`;
if (!values.write) {
  process.stdout.write(text);
  process.exit(0);
}
const file = path.join(path.resolve(values["content-dir"] ?? CONTENT_ROOT), "calendar", `${year}.json`);
if (existsSync(file)) fail(`${path.relative(process.cwd(), file)} вече съществува – не го презаписвам.`);
mkdirSync(path.dirname(file), { recursive: true });
writeFileSync(file, text);
console.log(
  `Записах ${path.relative(process.cwd(), file)} като чернова. Добавете разместените с решение на Министерския съвет дни и сменете "status" на "checked".`,
);
