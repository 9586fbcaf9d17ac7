import { defineConfig } from 'vitest/config';

/**
 * One suite, three projects: pure unit tests once, and every database-backed test (integration and
 * end-to-end) twice — on the embedded SQLite and on MariaDB (127.0.0.1:3306, root, no password).
 */
const dbTests = ['tests/integration/**/*.test.ts', 'tests/e2e/**/*.test.ts'];
/** Texts for tests that render cards without starting the service (see the file). */
const setupFiles = ['tests/helpers/install-texts.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], env: { TEST_DB: 'none' }, setupFiles } },
      {
        test: {
          name: 'sqlite',
          include: dbTests,
          env: { TEST_DB: 'sqlite' },
          setupFiles,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'mariadb',
          include: dbTests,
          env: { TEST_DB: 'mariadb' },
          setupFiles,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      // The sandbox console in headless Chromium (issue #8): once, on SQLite.
      {
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          env: { TEST_DB: 'sqlite' },
          setupFiles,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
