/**
 * The thank-you pages word for word (snapshots): after a survey, and after
 * „Полезна ли беше тази страница?“. After a deliberate change, look at the difference
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
  it.each(["kostinbrod", "kovachevtsi"])("after a survey to %s", async (municipality) => {
    expect(await mainOf(`/obratna-vrazka/anketa/${municipality}/`)).toMatchSnapshot();
  });

  it("after page feedback, back to the page it was about", async () => {
    expect(
      await mainOf(`${FEEDBACK_THANKS_PATH}?stranitsa=${encodeURIComponent("/kostinbrod/harta/")}`),
    ).toMatchSnapshot();
  });
});
