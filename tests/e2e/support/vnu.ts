/**
 * The W3C Nu HTML Checker (npm vnu-jar), run on a folder of pages: the checker auditors
 * use, not an imitation. It needs a Java runtime (`.ci/run` installs Debian's when the
 * machine has none); without one the test fails and says so.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";

const JAR = path.resolve("node_modules/vnu-jar/build/dist/vnu.jar");

export interface HtmlError {
  /** The file, relative to the folder checked. */
  file: string;
  line?: number;
  message: string;
  extract?: string;
}

export function checkHtml(dir: string): HtmlError[] {
  // --exit-zero-always: the outcome is read from the report, which the checker writes to stderr.
  const run = spawnSync(
    "java",
    ["-jar", JAR, "--format", "json", "--errors-only", "--exit-zero-always", "--skip-non-html", dir],
    { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
  );
  if ((run.error as NodeJS.ErrnoException | undefined)?.code === "ENOENT") {
    throw new Error("the Nu HTML Checker needs Java: apt-get install default-jre-headless");
  }
  if (run.status !== 0) throw new Error(`the Nu HTML Checker failed: ${run.stderr}`);
  return parse(run.stderr, dir);
}

function parse(report: string, dir: string): HtmlError[] {
  const start = report.indexOf("{");
  const json = JSON.parse(report.slice(start)) as {
    messages: { type: string; url?: string; lastLine?: number; message: string; extract?: string }[];
  };
  return json.messages
    .filter((m) => m.type === "error")
    .map((m) => ({
      file: m.url ? path.relative(dir, decodeURIComponent(new URL(m.url).pathname)) : "?",
      line: m.lastLine,
      message: m.message,
      extract: m.extract,
    }));
}
