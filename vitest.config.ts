import { configDefaults, defineConfig } from 'vitest/config';

/**
 * One suite, three projects, chosen by a test file's suffix (tests/ mirrors src/, see tests/layout.test.ts):
 * `*.test.ts` is pure and runs once; every database-backed test (`*.db.test.ts`) and end-to-end story
 * (`*.e2e.test.ts`) runs twice — on the embedded SQLite and on MariaDB (127.0.0.1:3306, root, no
 * password); `*.browser.test.ts` drives the sandbox console in Chromium.
 */
const dbTests = ['tests/**/*.db.test.ts', 'tests/**/*.e2e.test.ts'];
const browserTests = ['tests/**/*.browser.test.ts'];
/** Texts for tests that render cards without starting the service (see the file). */
const setupFiles = ['tests/helpers/install-texts.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...dbTests, ...browserTests],
          env: { TEST_DB: 'none' },
          setupFiles,
        },
      },
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
      // The sandbox console in headless Chromium: once, on SQLite.
      {
        test: {
          name: 'browser',
          include: browserTests,
          env: { TEST_DB: 'sqlite' },
          setupFiles,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
