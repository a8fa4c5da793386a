/**
 * Adding a municipality is adding its content files, and nothing else. A scratch
 * copy of the project gets a third municipality, copied from Ковачевци with another
 * id, index and recipients; its own build and `wrangler dev` must give it a site
 * section, forms, references with its own index and e-mails to its own recipients.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandbox, REPO, run, type Sandbox } from "../unit/support/sandbox";

const PORT = Number(process.env.E2E_PORT ?? 8790) + 7;
const base = `http://127.0.0.1:${PORT}`;
const wrangler = path.join(REPO, "node_modules/.bin/wrangler");
const ID = "treta";
const RECIPIENTS = {
  complaint: "zhalbi@treta.example",
  signal: "signali@treta.example",
  proposal: "predlozheniya@treta.example",
  praise: "pohvali@treta.example",
  survey: "anketi@treta.example",
};

let sandbox: Sandbox;
let state: string;
let server: ChildProcess;
let output = "";

function addMunicipality(s: Sandbox): void {
  const data = JSON.parse(s.read("municipalities/kovachevtsi.json"));
  const municipality = {
    ...data,
    name: "Община Трета",
    shortName: "Трета",
    registryIndex: "94-09",
    recipients: Object.fromEntries(Object.entries(RECIPIENTS).map(([k, v]) => [k, [v]])),
    staff: [{ email: `delovoditel@${ID}.example`, name: "Деловодител на Трета", role: "clerk" }],
  };
  s.write(`municipalities/${ID}.json`, JSON.stringify(municipality, null, 2));
  s.write(
    `charters/${ID}.mdx`,
    s.read("charters/kovachevtsi.mdx").replace("municipality: kovachevtsi", `municipality: ${ID}`),
  );
  s.write(
    `accessibility/${ID}.json`,
    s.read("accessibility/kovachevtsi.json").replace('"municipality": "kovachevtsi"', `"municipality": "${ID}"`),
  );
  for (const name of readdirSync(s.file("services/kovachevtsi"))) {
    const text = s.read(`services/kovachevtsi/${name}`).replace("municipality: kovachevtsi", `municipality: ${ID}`);
    cpSync(s.file(`services/kovachevtsi/${name}`), s.file(`services/${ID}/${name}`));
    s.write(`services/${ID}/${name}`, text);
  }
}

async function waitForServer(): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`wrangler dev exited:\n${output}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`wrangler dev did not start:\n${output}`);
}

beforeAll(async () => {
  sandbox = createSandbox({ project: true });
  addMunicipality(sandbox);
  const built = await sandbox.astro("build");
  if (built.code !== 0) throw new Error(built.output);
  state = mkdtempSync(path.join(tmpdir(), "harta-third-"));
  const migrated = await run(wrangler, ["d1", "migrations", "apply", "DB", "--local", "--persist-to", state], {
    cwd: sandbox.root,
    env: { CI: "true" },
  });
  if (migrated.code !== 0) throw new Error(migrated.output);
  server = spawn(
    wrangler,
    ["dev", "--port", String(PORT), "--ip", "127.0.0.1", "--persist-to", state, "--show-interactive-dev-session=false"],
    {
      cwd: sandbox.root,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NO_COLOR: "1" },
    },
  );
  server.stdout?.on("data", (d) => (output += d));
  server.stderr?.on("data", (d) => (output += d));
  await waitForServer();
}, 240_000);

afterAll(async () => {
  server?.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 500));
  if (server && server.exitCode === null) server.kill("SIGKILL");
  sandbox?.remove();
  if (state) rmSync(state, { recursive: true, force: true });
});

const post = (body: Record<string, string>) =>
  fetch(`${base}/api/submissions`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      Accept: "application/json",
      Origin: base,
      "CF-Connecting-IP": "10.77.0.1",
    },
    body: JSON.stringify(body),
  });

/** The .eml files wrangler dev wrote, by the paths it printed. */
async function emailsTo(address: string, atLeast: number): Promise<string[]> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const files = [...output.matchAll(/(\/\S+\.eml)/g)].map((m) => m[1] as string);
    const mails = files
      .map((f) => readFileSync(f, "utf8"))
      .filter((raw) => new RegExp(`^To: .*${address}`, "mi").test(raw));
    if (mails.length >= atLeast || Date.now() > deadline) return mails;
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe("a third municipality from content files alone", () => {
  it("has its section, its charter and its forms", async () => {
    for (const page of [`/${ID}/`, `/${ID}/harta/`, `/${ID}/uslugi/`, `/${ID}/zhalba/`, `/${ID}/anketa/`]) {
      const response = await fetch(`${base}${page}`);
      expect(response.status, page).toBe(200);
      expect(await response.text(), page).toContain("Община Трета");
    }
  });

  it("numbers its submissions with its own index and mails each kind to its own recipients", async () => {
    const tag = crypto.randomUUID();
    const sender = { municipality: ID, subject: "Тема", name: "Иван Петров", email: "", address: "с. Трета" };
    const complaint = await post({ ...sender, kind: "complaint", message: `Жалба ${tag}` });
    const signal = await post({ ...sender, kind: "signal", message: `Сигнал ${tag}` });
    expect(complaint.status).toBe(201);
    expect(signal.status).toBe(201);
    const [a, b] = (await Promise.all([complaint.json(), signal.json()])) as { reference: string }[];
    expect(a?.reference).toMatch(/^94-09-1\/\d{2}\.\d{2}\.\d{4}$/);
    expect(b?.reference).toMatch(/^94-09-2\/\d{2}\.\d{2}\.\d{4}$/);
    const toComplaints = await emailsTo(RECIPIENTS.complaint, 1);
    const toSignals = await emailsTo(RECIPIENTS.signal, 1);
    expect(toComplaints).toHaveLength(1);
    expect(toSignals).toHaveLength(1);
  });
});
