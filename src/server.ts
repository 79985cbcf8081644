import { serve, type ServerType } from '@hono/node-server';
import type { System } from './system.ts';

export interface ServerOptions {
  port: number;
  hostname?: string;
}

/** Serves the system's HTTP application; resolves once the port is listening. */
export async function startServer(system: System, options: ServerOptions): Promise<{ server: ServerType; url: string; close(): Promise<void> }> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: system.app.fetch, port: options.port, hostname: options.hostname ?? '127.0.0.1' }, (info) => {
      resolve({
        server,
        url: `http://${options.hostname ?? '127.0.0.1'}:${info.port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
    server.once('error', reject);
  });
}
