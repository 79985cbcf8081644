import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

/** `npm run test:browser`: the staff UI in Debian's chromium (test/browser), apart from the unit run. */
export default defineConfig({
  ...base,
  test: { ...base.test, include: ['test/browser/**/*.test.ts'], exclude: ['node_modules/**'], maxWorkers: 1, testTimeout: 120_000, hookTimeout: 180_000 },
});
