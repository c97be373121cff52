import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Ports free right now on 127.0.0.1, so test files running in parallel never compete for the same loopback port. */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, async () => {
      const server = createServer();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return server;
    }),
  );
  const ports = servers.map((s) => (s.address() as AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  return ports;
}

/**
 * A port free right now that is none of `registered`: a port freed a moment ago (the ones a sandbox was told to accept
 * as redirect URIs) may be handed out again, which would make "unregistered" registered after all.
 */
export async function freePortOtherThan(registered: readonly number[]): Promise<number> {
  for (;;) {
    const [port] = await freePorts(1);
    if (!registered.includes(port!)) return port!;
  }
}
