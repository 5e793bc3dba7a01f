import { test as base } from '@playwright/test';

/** Playwright's `test`, with `baseURL` pointing at the stack that global setup started. */
export const test = base.extend({
  // Playwright reads fixture dependencies from the destructuring pattern, so it must be there, empty.
  // biome-ignore lint/correctness/noEmptyPattern: required by Playwright
  baseURL: async ({}, use) => {
    const url = process.env.LOUPE_E2E_BASE_URL;
    if (!url) throw new Error('LOUPE_E2E_BASE_URL is not set: run the tests with `playwright test`.');
    await use(url);
  },
});

export { expect } from '@playwright/test';
