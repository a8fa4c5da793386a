import { describe, expect, it } from "vitest";
import { withoutTimeouts } from "../../scripts/lib/timed-out";

const mutant = (status: string, line: number) => ({ status, location: { start: { line, column: 3 } }, id: `${line}` });

describe("bench:mutants --retest-timeouts", () => {
  it("drops only the timed-out results, so the next run tests those again and reuses the rest", () => {
    const files = {
      "functions/a.ts": { source: "a", mutants: [mutant("Killed", 1), mutant("Timeout", 2), mutant("Survived", 3)] },
      "functions/b.ts": { source: "b", mutants: [mutant("Timeout", 7)] },
      "src/shared/c.ts": { source: "c", mutants: [mutant("NoCoverage", 4)] },
    };
    const { files: kept, dropped } = withoutTimeouts(files);
    expect(dropped).toEqual(["functions/a.ts:2:3", "functions/b.ts:7:3"]);
    expect(Object.keys(kept)).toEqual(["functions/a.ts", "functions/b.ts", "src/shared/c.ts"]);
    expect(kept["functions/a.ts"]?.mutants.map((m) => m.status)).toEqual(["Killed", "Survived"]);
    expect(kept["functions/a.ts"]?.source).toBe("a");
    expect(kept["functions/b.ts"]?.mutants).toEqual([]);
    expect(kept["src/shared/c.ts"]).toEqual(files["src/shared/c.ts"]);
    // The results read before stay as they were.
    expect(files["functions/a.ts"].mutants).toHaveLength(3);
  });
});
