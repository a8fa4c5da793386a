/**
 * The bundler's log, minus one piece of noise. Astro marks every content module with the
 * directive "use astro:head-inject", and Rolldown warns about each one
 * ([MODULE_LEVEL_DIRECTIVE], about ten a build) although Astro reads the directive before
 * bundling and nothing is lost. Every other message still reaches the output.
 */
import type { ViteUserConfig } from "astro";

type OnLog = NonNullable<NonNullable<NonNullable<ViteUserConfig["build"]>["rolldownOptions"]>["onLog"]>;

export const onBuildLog: OnLog = (level, log, forward) => {
  if (level === "warn" && log.code === "MODULE_LEVEL_DIRECTIVE" && log.message.includes('"use astro:head-inject"')) {
    return;
  }
  forward(level, log);
};
