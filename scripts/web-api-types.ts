/**
 * Writes web/src/api/schema.d.ts, the staff UI's types of every route, from the server's own OpenAPI
 * document (openapi-typescript): the UI calls the API through openapi-fetch with these, never with a
 * hand-written fetch per route. Run after changing a route: `npm run web:api`. A test compares the file
 * with a fresh generation, so a stale one fails CI.
 */
import { writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { createKeyRing } from '../src/platform/my-number/index.ts';
import { openSystem } from '../src/system.ts';
import { apiTypesFrom } from './web-api-types-generate.ts';

const system = await openSystem({
  database: { engine: 'pglite', dataDir: 'memory://' },
  log: pino({ level: 'warn' }),
  // The document needs no key; the system asks for one all the same.
  myNumberKeys: createKeyRing({ keys: [{ id: 'types', key: randomBytes(32) }], lookupKey: randomBytes(32) }),
});
try {
  const document = await (await system.app.request('/api/openapi.json')).json();
  const target = new URL('../web/src/api/schema.d.ts', import.meta.url);
  writeFileSync(target, await apiTypesFrom(document));
  console.log(`書き出しました: ${target.pathname}`);
} finally {
  await system.close();
}
