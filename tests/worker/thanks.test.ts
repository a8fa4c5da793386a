/**
 * The thank-you page after „Полезна ли беше тази страница?“ word for word (a snapshot; the
 * survey's is in resident-words.test.ts). After a deliberate change, look at the difference
 * and accept it with `npx vitest run --project worker tests/worker/thanks.test.ts -u`.
 */
import { describe, expect, it } from "vitest";
import { FEEDBACK_THANKS_PATH } from "../../functions/pages/paths";
import { call, ORIGIN } from "./support";

const mainOf = async (path: string) => {
  const response = await call(new Request(`${ORIGIN}${path}`));
  expect(response.status).toBe(200);
  const html = await response.text();
  return html
    .slice(html.indexOf("<main"), html.indexOf("</main>") + "</main>".length)
    .replace(/<script type="module" src="\/_astro\/[^"]+"><\/script>/g, "");
};

describe("the thank-you page", () => {
  it("after page feedback, back to the page it was about", async () => {
    expect(
      await mainOf(`${FEEDBACK_THANKS_PATH}?stranitsa=${encodeURIComponent("/kostinbrod/harta/")}`),
    ).toMatchSnapshot();
  });
});
