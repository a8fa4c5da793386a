/**
 * Syntax mistakes in content files, said in Bulgarian. The parsers answer in English
 * ("bad indentation of a mapping entry", "Expected ',' or '}' after property value"),
 * and Astro adds hints meant for programmers; here each known answer becomes what the
 * mistake usually is, on which line, and what to write instead.
 */
import type { Problem } from "./content-files.ts";

interface YamlException {
  name: "YAMLException";
  reason: string;
  mark: { line: number; column: number };
}

const isYamlException = (error: unknown): error is YamlException =>
  error instanceof Error && error.name === "YAMLException" && "mark" in error && "reason" in error;

/** What js-yaml's reasons usually mean in an editor's frontmatter. */
const YAML_MISTAKES: { reason: RegExp; what: string; fix: string }[] = [
  {
    reason: /^bad indentation of a mapping entry/,
    what:
      "редът е с отстъп, различен от полетата около него, или стойността му съдържа „: “ (двоеточие и " +
      "интервал), започва с „@“ или „`“, или продължава след затварящите кавички",
    fix:
      'Оградете цялата стойност в прави двойни кавички, напр. title: "Предложения: как се подават", ' +
      "или подравнете отстъпа на реда с полетата около него.",
  },
  {
    reason: /^tab characters must not be used in indentation/,
    what: "отстъпът е направен с табулация",
    fix: "Заменете табулацията с интервали – по два за всяко ниво, както на редовете около него.",
  },
  {
    reason: /^duplicated mapping key/,
    what: "това поле вече е написано по-горе",
    fix: "Оставете полето само веднъж.",
  },
  {
    reason: /within a (double|single) quoted scalar/,
    what: "кавичките, отворени на този ред, не са затворени",
    fix: "Затворете ги в края на стойността.",
  },
  {
    reason: /flow collection/,
    what: "списъкът в квадратни скоби [ ] не е затворен или между елементите му липсва запетая",
    fix: "Пишете го на един ред: [първо, второ, трето].",
  },
  {
    reason: /^end of the stream or a document separator is expected|^can not read a block mapping entry/,
    what: "на този или на предишния ред липсва двоеточие след името на полето, или текст е пренесен на нов ред",
    fix: "Всяко поле е на свой ред във вида „име: стойност“; пишете стойността на един ред.",
  },
];

/** The line that opens a quote left open: the parser only notices at the end of the fields. */
function openQuoteLine(lines: string[], from: number, quote: string): number | undefined {
  for (let i = from + 1; i < lines.length && lines[i]?.trimEnd() !== "---"; i++) {
    const line = lines[i] ?? "";
    if (!line.trimStart().startsWith("#") && (line.split(quote).length - 1) % 2 === 1) return i;
  }
  return undefined;
}

/** A frontmatter parse error as a problem; `from` is the index of the line that opens the frontmatter. */
export function yamlProblem(file: string, error: unknown, lines: string[], from: number): Problem {
  if (!isYamlException(error)) throw error;
  const known = YAML_MISTAKES.find((m) => m.reason.test(error.reason));
  const quote = /within a (double|single) quoted scalar/.exec(error.reason)?.[1];
  // The parser counts from the opening "---" line, which is line `from` of the file.
  const open = quote ? openQuoteLine(lines, from, quote === "double" ? '"' : "'") : undefined;
  const index = open ?? from + error.mark.line;
  const what = known?.what ?? `редът не отговаря на правилата за полета (YAML: „${error.reason}“)`;
  const fix =
    known?.fix ?? "Проверете отстъпите, двоеточията и кавичките на този и на предишния ред (docs/redaktori.md).";
  return { file, line: index + 1, message: `полетата не могат да се прочетат: ${what}. ${fix}` };
}

/** Whether JSON.parse fails on `prefix` only because it stops early (so it is fine so far). */
function endsEarly(prefix: string): boolean {
  try {
    JSON.parse(prefix);
    return true;
  } catch (error) {
    const message = (error as Error).message;
    const at = /at position (\d+)/.exec(message);
    return /Unexpected end of JSON input/.test(message) || (at !== null && Number(at[1]) >= prefix.length);
  }
}

/**
 * Where JSON.parse gives up. Its message says so only for some mistakes ("Unexpected
 * token" does not), so this finds the shortest prefix that is already wrong.
 */
function failureOffset(text: string): number {
  if (endsEarly(text)) return text.length;
  let fine = 0;
  let wrong = text.length;
  while (wrong - fine > 1) {
    const middle = (fine + wrong) >>> 1;
    if (endsEarly(text.slice(0, middle))) fine = middle;
    else wrong = middle;
  }
  return wrong - 1;
}

const lineAt = (text: string, offset: number) => text.slice(0, offset).split("\n").length;

/** A municipality file's JSON mistake as a problem, on the line where the fix goes. */
export function jsonProblem(file: string, text: string, error: unknown): Problem {
  const reason = error instanceof Error ? error.message : String(error);
  const offset = failureOffset(text);
  const before = text.slice(0, offset).trimEnd();
  const previousLine = lineAt(text, before.length - 1);
  const at = text[offset] ?? "";
  const problem = (line: number, message: string): Problem => ({ file, line, message });

  if (before.endsWith(",") && (at === "}" || at === "]")) {
    return problem(
      previousLine,
      "излишна запетая: след последното поле в { } и след последния елемент в [ ] запетая не се пише. Махнете я.",
    );
  }
  if (/^Expected ',' or '[}\]]' after/.test(reason)) {
    return problem(
      previousLine,
      "в края на реда липсва запетая: между полетата и между елементите на списък се пише „,“. " +
        "Добавете я след стойността.",
    );
  }
  if (/[„“”‘’'«»]/.test(at)) {
    return problem(
      lineAt(text, offset),
      `текстовете се пишат в прави двойни кавички "…"; знакът ${at} може да стои само вътре в тях.`,
    );
  }
  if (/property name/.test(reason)) {
    return problem(
      lineAt(text, offset),
      'името на полето трябва да е в прави двойни кавички, напр. "name": "Община Костинброд"; ' +
        "коментари (// …) в JSON не се допускат.",
    );
  }
  if (/Bad control character|Unterminated string/.test(reason)) {
    return problem(
      lineAt(text, offset),
      'текстът в кавички не е затворен на същия ред. Затворете кавичките " преди края на реда.',
    );
  }
  if (/Unexpected end of JSON input/.test(reason)) {
    return problem(
      lineAt(text, text.trimEnd().length),
      "файлът свършва, преди да са затворени всички „{“ и „[“. Проверете дали накрая не липсва „}“ или „]“.",
    );
  }
  if (/Unexpected non-whitespace character after JSON/.test(reason)) {
    return problem(
      lineAt(text, offset),
      "след последната „}“ на файла има още знаци. Махнете ги (често това е излишна „}“).",
    );
  }
  return problem(
    lineAt(text, offset),
    `файлът не може да се прочете (JSON: „${reason.split("\n")[0]}“). ` +
      "Проверете кавичките, запетаите и скобите на този и на предишния ред.",
  );
}
