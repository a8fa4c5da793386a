/**
 * Results that a run should test again. Stryker counts a timed-out mutant as caught, but on a
 * busy machine a mutant the tests would not kill can time out too; and a survivor that a new
 * test kills when planted by hand can keep its old result when Stryker sees no covering test
 * change. An incremental run never tests a result again while its code and tests stay the same:
 * `bench:mutants --retest-timeouts` and `--retest file:line,…` drop those results first, so the
 * run tests them again.
 */
interface Mutant {
  status: string;
  location: { start: { line: number; column: number } };
}

/** The results without the mutants `drop` picks, and where each dropped one was (`file:line:column`). */
export function withoutResults<F extends { mutants: Mutant[] }>(
  files: Record<string, F>,
  drop: (file: string, m: Mutant) => boolean,
): { files: Record<string, F>; dropped: string[] } {
  const dropped: string[] = [];
  const kept = Object.fromEntries(
    Object.entries(files).map(([name, file]) => {
      const mutants = file.mutants.filter((m) => {
        if (!drop(name, m)) return true;
        dropped.push(`${name}:${m.location.start.line}:${m.location.start.column}`);
        return false;
      });
      return [name, { ...file, mutants }];
    }),
  );
  return { files: kept, dropped };
}

export const timedOut = (_file: string, m: Mutant) => m.status === "Timeout";

/** `functions/staff/registry.ts:128,src/shared/html.ts:27`: every result on those lines. */
export function onLines(list: string): (file: string, m: Mutant) => boolean {
  const wanted = new Set(list.split(",").map((s) => s.trim()));
  return (file, m) => wanted.has(`${file}:${m.location.start.line}`);
}
