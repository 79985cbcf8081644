import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testSystem } from '../test/support/system.ts';
import type { System } from '../src/system.ts';
import { apiTypesFrom } from './web-api-types-generate.ts';

describe('the staff UI’s API types', () => {
  let system: System;
  beforeAll(async () => {
    system = await testSystem();
  });
  afterAll(() => system?.close());

  it('match the server’s OpenAPI document (run `npm run web:api` after changing a route)', async () => {
    const document = await (await system.app.request('/api/openapi.json')).json();
    const committed = readFileSync(new URL('../web/src/api/schema.d.ts', import.meta.url), 'utf8');
    expect(committed === (await apiTypesFrom(document)), 'web/src/api/schema.d.ts is stale: run `npm run web:api`').toBe(true);
  });
});
