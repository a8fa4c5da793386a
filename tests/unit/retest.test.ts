import { describe, expect, it } from "vitest";
import { onLines, timedOut, withoutResults } from "../../scripts/lib/retest";

const mutant = (status: string, line: number) => ({ status, location: { start: { line, column: 3 } }, id: `${line}` });
const files = () => ({
  "functions/a.ts": { source: "a", mutants: [mutant("Killed", 1), mutant("Timeout", 2), mutant("Survived", 3)] },
  "functions/b.ts": { source: "b", mutants: [mutant("Timeout", 7), mutant("Survived", 3)] },
  "src/shared/c.ts": { source: "c", mutants: [mutant("NoCoverage", 4)] },
});

describe("bench:mutants --retest-timeouts and --retest", () => {
  it("drops only the timed-out results, so the next run tests those again and reuses the rest", () => {
    const before = files();
    const { files: kept, dropped } = withoutResults(before, timedOut);
    expect(dropped).toEqual(["functions/a.ts:2:3", "functions/b.ts:7:3"]);
    expect(Object.keys(kept)).toEqual(["functions/a.ts", "functions/b.ts", "src/shared/c.ts"]);
    expect(kept["functions/a.ts"]?.mutants.map((m) => m.status)).toEqual(["Killed", "Survived"]);
    expect(kept["functions/a.ts"]?.source).toBe("a");
    expect(kept["functions/b.ts"]?.mutants.map((m) => m.status)).toEqual(["Survived"]);
    expect(kept["src/shared/c.ts"]).toEqual(before["src/shared/c.ts"]);
    // The results read before stay as they were.
    expect(before["functions/a.ts"].mutants).toHaveLength(3);
  });

  it("drops every result on the lines named, in those files only", () => {
    const { files: kept, dropped } = withoutResults(files(), onLines("functions/a.ts:3, src/shared/c.ts:4"));
    expect(dropped).toEqual(["functions/a.ts:3:3", "src/shared/c.ts:4:3"]);
    expect(kept["functions/b.ts"]?.mutants).toHaveLength(2);
    expect(kept["src/shared/c.ts"]?.mutants).toEqual([]);
  });
});
