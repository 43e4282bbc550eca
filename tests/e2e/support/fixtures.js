// `test` for every spec: fails a test on any console error or uncaught
// exception in any page it opened, and gives it `newContext()` for a
// second, fresh browser profile that is watched the same way.
import { test as base, expect } from '@playwright/test';

/** Records console errors and uncaught exceptions of every page in `context`. */
function watch(context, problems) {
  const onPage = (page) => {
    page.on('console', (message) => {
      if (message.type() === 'error') {
        const where = message.location()?.url ?? '';
        problems.push(`console error on ${page.url()}: ${message.text()} ${where}`.trim());
      }
    });
    page.on('pageerror', (error) => problems.push(`uncaught exception on ${page.url()}: ${error.message}`));
  };
  context.pages().forEach(onPage);
  context.on('page', onPage);
}

export const test = base.extend({
  problems: async ({}, use) => {
    await use([]);
  },

  context: async ({ context, problems }, use) => {
    watch(context, problems);
    await use(context);
  },

  /** Opens a new browser context: a fresh profile with empty localStorage. */
  newContext: async ({ browser, problems }, use, testInfo) => {
    const opened = [];
    await use(async () => {
      const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL, acceptDownloads: true });
      watch(context, problems);
      opened.push(context);
      return context;
    });
    await Promise.all(opened.map((context) => context.close()));
  },

  // Runs after the test body, whatever fixtures it used.
  noPageErrors: [
    async ({ problems }, use) => {
      await use();
      expect(problems, 'the app logged console errors or threw uncaught exceptions').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
