/** Sandboxes for one test file, all removed after its tests: `fresh()` as copied, `buildWith(change)` edited and built. */
import { afterAll } from "vitest";
import { createSandbox, type RunResult, type Sandbox } from "./sandbox.ts";

export function sandboxBuilds() {
  const sandboxes: Sandbox[] = [];
  afterAll(() => {
    for (const sandbox of sandboxes) sandbox.remove();
  });
  const fresh = (): Sandbox => {
    const sandbox = createSandbox();
    sandboxes.push(sandbox);
    return sandbox;
  };
  const buildWith = async (change: (sandbox: Sandbox) => void): Promise<RunResult & { sandbox: Sandbox }> => {
    const sandbox = fresh();
    change(sandbox);
    return { sandbox, ...(await sandbox.astro("build")) };
  };
  return { fresh, buildWith };
}
