/**
 * Stryker counts a timed-out mutant as caught, but on a busy machine a mutant the tests would
 * not kill can time out too, and an incremental run never tests a result again while its code
 * and its tests stay the same. `bench:mutants --retest-timeouts` drops those results first, so
 * the run (on a quiet machine) tests them again.
 */
interface Mutant {
  status: string;
  location: { start: { line: number; column: number } };
}

/** The results without their timed-out mutants, and where each dropped one was (`file:line:column`). */
export function withoutTimeouts<F extends { mutants: Mutant[] }>(
  files: Record<string, F>,
): { files: Record<string, F>; dropped: string[] } {
  const dropped: string[] = [];
  const kept = Object.fromEntries(
    Object.entries(files).map(([name, file]) => {
      for (const m of file.mutants) {
        if (m.status === "Timeout") dropped.push(`${name}:${m.location.start.line}:${m.location.start.column}`);
      }
      return [name, { ...file, mutants: file.mutants.filter((m) => m.status !== "Timeout") }];
    }),
  );
  return { files: kept, dropped };
}
