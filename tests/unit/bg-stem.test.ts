import { describe, expect, it } from "vitest";
import { queryWords, stemQuery, stemWord } from "../../src/lib/bg-stem";

/** A stem works when it is a prefix of every form a resident might mean. */
const covers = (query: string, forms: string[]) => {
  const stem = stemWord(query);
  for (const form of forms) expect(form.startsWith(stem), `${query} → ${stem} should find ${form}`).toBe(true);
};

describe("Bulgarian query stemming", () => {
  it("finds the singular from the plural and the article forms", () => {
    covers("жалби", ["жалба", "жалбата", "жалби", "жалбите"]);
    covers("сигналите", ["сигнал", "сигнали", "сигнала"]);
    covers("служителят", ["служител", "служители", "служителите"]);
    covers("оплакването", ["оплакване", "оплаквания"]);
    covers("корупцията", ["корупция", "корупции"]);
    covers("таблата", ["табла", "табло"]);
  });

  it("bridges the fleeting е of adjectives", () => {
    covers("работно", ["работен", "работна", "работни", "работното"]);
    covers("едномесечна", ["едномесечен", "едномесечно"]);
    covers("информационни", ["информационните", "информационна"]);
  });

  it("keeps short words and words without endings", () => {
    expect(stemWord("срок")).toBe("срок");
    expect(stemWord("Охрид")).toBe("охрид");
    expect(stemWord("формуляр")).toBe("формуляр");
    expect(stemWord("iso")).toBe("iso");
  });

  it("never cuts a word below three letters", () => {
    for (const word of ["лято", "ята", "вода", "шише", "данни", "лични"]) {
      expect(stemWord(word).length).toBeGreaterThanOrEqual(3);
    }
  });

  it("drops stop words unless the query is only stop words", () => {
    expect(queryWords("Срок за отговор")).toEqual(["срок", "отговор"]);
    expect(queryWords("за")).toEqual(["за"]);
    expect(stemQuery("  лични,  данни! ")).toBe("лич дан");
  });
});
