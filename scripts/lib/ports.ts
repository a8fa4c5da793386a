/**
 * Ports for the local servers. `npm start` listens on PORT (default 8787); the end-to-end
 * tests on E2E_PORT, or on a port the system picks when it is unset, so a test run never
 * lands on the server a developer already has running.
 */
import { createServer } from "node:net";

/** The port in `env[name]`, or `fallback` when unset; anything but 1–65535 is refused. */
export function portFromEnv(name: string, fallback: number, env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[name]?.trim() || String(fallback);
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 1 || port > 65_535) {
    throw new Error(`${name} must be a port number (1–65535), got ${JSON.stringify(env[name])}`);
  }
  return port;
}

/** Resolves with the port once something could listen on it on `host`, rejects if it is taken. */
function listen(port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen({ port, host, exclusive: true }, () => {
      const address = server.address();
      const bound = typeof address === "object" && address ? address.port : port;
      server.close(() => resolve(bound));
    });
  });
}

/** Throws a readable error when `port` is already in use on `host`. */
export async function assertPortFree(port: number, host: string, hint: string): Promise<void> {
  try {
    await listen(port, host);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(`port ${port} on ${host} is not available (${code}); ${hint}`);
  }
}

/** A port that is free on `host` right now, chosen by the system. */
export const freePort = (host: string): Promise<number> => listen(0, host);
