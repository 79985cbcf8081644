import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// One log file per run, shared by every worker and the processes tests spawn (they inherit the
// environment); the global teardown fails the run if a 個人番号 from test/fixtures/my-numbers.ts
// appears in it. Named once here, where the config is evaluated for the whole run; the pid keeps
// runs started at the same moment in the same tree apart.
const runLog = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '.tmp',
  'test-logs',
  `run-${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}.log`,
);

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'scripts/**/*.test.ts', 'web/src/**/*.test.ts'],
    exclude: ['test/browser/**', 'node_modules/**'],
    // PGlite instances are heavy (≈250 MB each): two workers fit the 2-core machines comfortably.
    pool: 'forks',
    maxWorkers: 2,
    globalSetup: ['test/global-setup.ts'],
    // Debug level, so that the log check sees everything the code would ever log.
    env: { LOG_LEVEL: 'debug', YAKUBA_LOG_FILE: runLog },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
