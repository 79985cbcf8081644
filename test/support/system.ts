import { openSystem, type System } from '../../src/system.ts';
import { testDatabase } from './database.ts';

/** The whole system (all modules, HTTP app) on an isolated test database; workers are not started. */
export async function testSystem(): Promise<System> {
  return openSystem({ db: await testDatabase() });
}

/** A JSON request against the in-process app. */
export async function call(system: System, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
  }
  const response = await system.app.request(path, init);
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}
