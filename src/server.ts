import { serve, type ServerType } from '@hono/node-server';
import type { Zone } from './platform/identity/principal.ts';
import type { System } from './system.ts';

export interface ServerOptions {
  port: number;
  hostname?: string;
  /** The network segment this listener faces; every request it takes is of this zone. */
  zone: Zone;
}

/** Serves the system's HTTP application on one listener; resolves once the port is listening. */
export async function startServer(system: System, options: ServerOptions): Promise<{ server: ServerType; url: string; close(): Promise<void> }> {
  const hostname = options.hostname ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    const server = serve(
      // The zone comes from the listener, never from the request: a header could be forged.
      { fetch: (request, env) => system.app.fetch(request, { ...(env as object), zone: options.zone }), port: options.port, hostname },
      (info) => {
        resolve({
          server,
          url: `http://${hostname}:${info.port}`,
          close: () => new Promise<void>((done) => server.close(() => done())),
        });
      },
    );
    server.once('error', reject);
  });
}
