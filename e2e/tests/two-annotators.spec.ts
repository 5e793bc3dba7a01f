import type { Page } from '@playwright/test';
import { adminApi, createAnnotator, demoDataset, queuePath, signInAs } from '../support/annotators';
import { expect, test } from '../support/fixtures';

const STRATEGY = 'MARGIN';

/** The images a queue screen lists. */
function listedImages(page: Page): Promise<string[]> {
  return page
    .getByTestId('queue-item')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-image-id') ?? ''));
}

/** Labels `count` images in the labeler with the keyboard and returns every image it showed. */
async function labelSome(page: Page, count: number): Promise<string[]> {
  const labeler = page.getByTestId('labeler');
  const shown: string[] = [];
  for (let index = 0; index < count; index += 1) {
    // The queue ran dry: the labeler gave way to the empty queue, or shows no image.
    if ((await labeler.count()) === 0) break;
    const imageId = await labeler.getAttribute('data-image-id', { timeout: 5_000 }).catch(() => null);
    if (!imageId) break;
    shown.push(imageId);
    await page.keyboard.press(index % 2 === 0 ? 'Enter' : '2');
    await expect(labeler).not.toHaveAttribute('data-image-id', imageId);
  }
  return shown;
}

test('two annotators working the same queue at once are never handed the same image', async ({ browser }) => {
  test.setTimeout(180_000);
  const admin = await adminApi();
  const dataset = await demoDataset(admin);
  const people = await Promise.all([
    createAnnotator(admin, 'Annotator One'),
    createAnnotator(admin, 'Annotator Two'),
  ]);
  const baseURL = process.env.LOUPE_E2E_BASE_URL;
  const contexts = await Promise.all(people.map(() => browser.newContext({ baseURL })));
  const pages = await Promise.all(contexts.map((context) => context.newPage()));
  await Promise.all(pages.map((page, index) => signInAs(page, people[index]!)));

  // Both open the same strategy's queue at the same moment.
  await Promise.all(pages.map((page) => page.goto(queuePath(dataset.id, STRATEGY))));
  for (const page of pages) {
    await expect(page.getByTestId('current-model')).not.toHaveAttribute('data-version', '', {
      timeout: 120_000,
    });
    await expect(page.getByTestId('queue-status')).toContainText('leased to you');
  }
  const listed = await Promise.all(pages.map(listedImages));
  expect(listed[0]!.length + listed[1]!.length, 'the queue hands out images').toBeGreaterThan(0);
  expect(listed[0]!.filter((id) => listed[1]!.includes(id))).toEqual([]);

  // Both label through their queues at the same time; the live refetches never hand over the other's images.
  const starts = await Promise.all(
    pages.map(async (page) => {
      const start = page.getByTestId('start-labeling');
      if ((await start.count()) === 0) return false;
      await start.click();
      await expect(page.getByTestId('labeler')).toBeVisible();
      return true;
    }),
  );
  const labelled = await Promise.all(pages.map((page, index) => (starts[index] ? labelSome(page, 4) : [])));
  const seen = [new Set([...listed[0]!, ...labelled[0]!]), new Set([...listed[1]!, ...labelled[1]!])];
  expect([...seen[0]!].filter((id) => seen[1]!.has(id))).toEqual([]);
  expect(labelled[0]!.length + labelled[1]!.length).toBeGreaterThan(0);

  // What each still has waiting is theirs alone too. An annotator whose queue came back empty (the other one
  // leased the few unlabelled images left in the small demo set) shows no labeler at all.
  const waiting = await Promise.all(
    pages.map(async (page) => {
      const labeler = page.getByTestId('labeler');
      if ((await labeler.count()) === 0) return null;
      return labeler.getAttribute('data-image-id', { timeout: 5_000 }).catch(() => null);
    }),
  );
  if (waiting[0] && waiting[1]) expect(waiting[0]).not.toBe(waiting[1]);

  await Promise.all(contexts.map((context) => context.close()));
  await admin.dispose();
});
