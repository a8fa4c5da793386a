/**
 * What the every-minute Cron Trigger does: retries the e-mail outbox, sends the
 * morning digest (from 08:00 Sofia time, once a day), and once an hour blanks
 * expired personal data and forgets old sign-in links, requests and sessions.
 * Each task runs on its own: one failing never stops the others.
 */
import { municipalities } from "./content/municipalities";
import { batch } from "./db/batch";
import { purgeSignIn } from "./db/sign-in";
import { purgeSessions } from "./db/staff-sessions";
import type { Bindings } from "./env";
import { logError } from "./log";
import { drainOutbox } from "./mail/outbox";
import { IDLE_MS } from "./staff/auth/session";
import { sendDigests } from "./staff/digest";
import { applyRetention } from "./submissions/retention";

const HOUR_MS = 60 * 60 * 1000;

async function task(name: string, work: () => Promise<unknown>): Promise<void> {
  try {
    const report = await work();
    console.log(JSON.stringify({ event: `cron.${name}`, ...(typeof report === "object" ? report : { done: report }) }));
  } catch (error) {
    logError(`cron.${name}_failed`, error);
  }
}

export async function everyMinute(env: Bindings, scheduledTime: number): Promise<void> {
  const now = new Date(scheduledTime);
  const hourly = now.getUTCMinutes() === 0;
  const tasks = [task("outbox", () => drainOutbox(env, scheduledTime)), task("digest", () => sendDigests(env, now))];
  if (hourly) {
    tasks.push(
      task("retention", async () => ({
        erased: await applyRetention(env.DB, (await municipalities(env.ASSETS)).all(), now),
      })),
      task("sign_in_purge", () =>
        batch(env.DB, {
          signIn: purgeSignIn(env.DB, scheduledTime - HOUR_MS),
          sessions: purgeSessions(env.DB, scheduledTime, scheduledTime - IDLE_MS),
        }).then(() => ({ purged: true })),
      ),
    );
  }
  await Promise.all(tasks);
}
