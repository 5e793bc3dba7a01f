import type { Locator, Page } from '@playwright/test';
import { adminApi, createAnnotator, demoDataset, graphql, queuePath, signInAs } from '../support/annotators';
import { expect, test } from '../support/fixtures';
import { artifactPath } from '../support/paths';

type BoxNumbers = { x: number; y: number; width: number; height: number };

async function boxOf(locator: Locator): Promise<BoxNumbers> {
  const value = (await locator.getAttribute('data-box')) ?? '';
  const [x, y, width, height] = value.split(',').map(Number);
  return { x: x!, y: y!, width: width!, height: height! };
}

async function dragOn(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 4 });
  await page.mouse.up();
}

const imageQuery =
  'query($id: ID!) { image(id: $id) { cropBox { x y width height scope } currentLabel { source category { id } } } }';

test('an annotator labels the review queue from the keyboard, edits a crop box and sees the model change live', async ({
  page,
  context,
}) => {
  test.setTimeout(360_000);
  const admin = await adminApi();
  const dataset = await demoDataset(admin);
  const annotator = await createAnnotator(admin, 'Queue Annotator');
  await signInAs(page, annotator);

  // A second tab keeps the queue screen open all along: it must change without a reload.
  const queuePage = await context.newPage();
  await queuePage.goto(queuePath(dataset.id, 'LEAST_CONFIDENT'));
  await expect(queuePage.getByRole('heading', { level: 2, name: 'Review queue' })).toBeVisible();
  // The queue ranks by the newest model's predictions: the worker trains one on the imported labels first.
  await expect(queuePage.getByTestId('current-model')).not.toHaveAttribute('data-version', '', {
    timeout: 120_000,
  });
  await expect(queuePage.getByTestId('queue-item').first()).toBeVisible({ timeout: 30_000 });
  await expect(queuePage.getByTestId('queue-item-reason').first()).not.toBeEmpty();
  await queuePage.evaluate(() => {
    (window as { loupeNoReload?: boolean }).loupeNoReload = true;
  });
  const firstQueue = await queuePage
    .getByTestId('queue-item')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-image-id')));
  await queuePage.screenshot({ path: artifactPath('queue.png'), fullPage: true });

  await page.goto(queuePath(dataset.id, 'LEAST_CONFIDENT'));
  const startVersion = Number(await page.getByTestId('current-model').getAttribute('data-version'));
  await expect(page.getByTestId('queue-item').first()).toBeVisible();
  await page.getByTestId('start-labeling').click();
  await expect(page).toHaveURL(/\/label\/[^/?]+\?strategy=LEAST_CONFIDENT$/);
  const labeler = page.getByTestId('labeler');
  await expect(labeler).toBeVisible();
  await expect(page.getByTestId('queue-reason')).not.toBeEmpty();
  await expect(page.getByTestId('model-guess')).toHaveCount(2);
  await expect(page.getByTestId('shortcuts')).toContainText('Shift+Enter');
  await expect(page.getByTestId('labeler-image')).toHaveJSProperty('complete', true);
  await page.evaluate(() => {
    (window as { loupeNoReload?: boolean }).loupeNoReload = true;
  });

  // Draw a crop box by dragging on the image.
  const cropImageId = (await labeler.getAttribute('data-image-id'))!;
  const editor = page.getByTestId('crop-editor');
  await editor.scrollIntoViewIfNeeded();
  const area = (await editor.boundingBox())!;
  const at = (fx: number, fy: number) => ({ x: area.x + area.width * fx, y: area.y + area.height * fy });
  await dragOn(page, at(0.2, 0.2), at(0.7, 0.75));
  const cropBox = page.getByTestId('crop-box');
  await expect(page.getByTestId('crop-status')).toHaveText('Saved');
  const drawn = await boxOf(cropBox);
  expect(drawn.width).toBeGreaterThan(0);
  await expect(page.getByTestId('crop-scope')).toHaveText(/own box/);

  // Move it by dragging the box, then resize it by its bottom-right handle.
  await dragOn(page, at(0.45, 0.45), at(0.4, 0.4));
  await expect.poll(async () => (await boxOf(cropBox)).x).toBeLessThan(drawn.x);
  const moved = await boxOf(cropBox);
  expect(moved.width).toBe(drawn.width);
  const handle = (await page.getByTestId('crop-handle-se').boundingBox())!;
  const corner = { x: handle.x + handle.width / 2, y: handle.y + handle.height / 2 };
  await dragOn(page, corner, { x: corner.x - area.width * 0.1, y: corner.y - area.height * 0.1 });
  await expect.poll(async () => (await boxOf(cropBox)).width).toBeLessThan(moved.width);
  const resized = await boxOf(cropBox);
  expect(resized.x).toBe(moved.x);
  expect(resized.height).toBeLessThan(moved.height);

  // Nudge it with the arrow keys: Shift moves ten pixels.
  await editor.focus();
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => boxOf(cropBox)).toEqual({ ...resized, x: resized.x + 10, y: resized.y + 1 });
  await expect(page.getByTestId('crop-status')).toHaveText('Saved');
  // The arrows moved the box, not the queue.
  await expect(labeler).toHaveAttribute('data-image-id', cropImageId);
  await expect
    .poll(
      async () =>
        (await graphql<{ image: { cropBox: BoxNumbers } }>(admin, imageQuery, { id: cropImageId })).image
          .cropBox,
    )
    .toMatchObject({ ...resized, x: resized.x + 10, y: resized.y + 1, scope: 'IMAGE' });

  // A box that does not fit is refused by the API, and the screen says why.
  await page.getByLabel('width', { exact: true }).fill('100000');
  await page.getByRole('button', { name: 'Save box' }).click();
  await expect(page.getByTestId('crop-error')).toContainText('does not fit inside');
  await expect(page.getByTestId('crop-error')).toContainText('BAD_INPUT');
  await page.screenshot({ path: artifactPath('labeler.png'), fullPage: true });
  await page.getByLabel('width', { exact: true }).fill(String(resized.width));
  await page.getByLabel('width', { exact: true }).blur();

  // The same box as the default of every image of the study.
  await page.getByRole('button', { name: 'Apply the box to the whole study' }).click();
  await expect(page.getByTestId('labeler-notice')).toContainText('default of every image of study');
  await expect(page.getByTestId('crop-error')).toHaveCount(0);

  // A suggested box: the scan without the scanner's text around it, drawn to be checked, kept by Save box.
  const { suggestCropBox: suggested } = await graphql<{ suggestCropBox: BoxNumbers }>(
    admin,
    'query($id: ID!) { suggestCropBox(imageId: $id) { x y width height } }',
    { id: cropImageId },
  );
  await page.getByRole('button', { name: 'Suggest a box' }).click();
  await expect(page.getByTestId('crop-status')).toContainText('Suggested: the scan');
  for (const field of ['x', 'y', 'width', 'height'] as const)
    await expect(page.getByLabel(field, { exact: true })).toHaveValue(String(suggested[field]));
  await page.getByRole('button', { name: 'Save box' }).click();
  await expect(page.getByTestId('crop-status')).toHaveText('Saved');
  await expect
    .poll(
      async () =>
        (await graphql<{ image: { cropBox: BoxNumbers } }>(admin, imageQuery, { id: cropImageId })).image
          .cropBox,
    )
    .toEqual({ ...suggested, scope: 'IMAGE' });

  // A label that fails to save says so near the picker, keeps the choice, and can be sent again.
  const failing = (await labeler.getAttribute('data-image-id'))!;
  await page.route('**/graphql', async (route) => {
    if (route.request().postData()?.includes('mutation LabelImage')) {
      await route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({
          errors: [{ message: 'The database is busy.', extensions: { code: 'INTERNAL' } }],
        }),
      });
    } else await route.continue();
  });
  await page.keyboard.press('3');
  await expect(page.getByTestId('label-error')).toContainText(
    `“${dataset.categories[2]!.name}” was not saved`,
  );
  await expect(page.getByTestId('label-error')).toContainText('The database is busy.');
  await expect(page.getByTestId('category-option').nth(2)).toHaveAttribute('aria-pressed', 'true');
  await expect(labeler).toHaveAttribute('data-image-id', failing);
  await page.unroute('**/graphql');
  await page.getByTestId('label-error').getByRole('button', { name: 'Retry' }).click();
  await expect(labeler).not.toHaveAttribute('data-image-id', failing);
  await expect(page.getByTestId('label-error')).toHaveCount(0);
  const retried = await graphql<{ image: { currentLabel: { category: { id: string } } | null } }>(
    admin,
    imageQuery,
    {
      id: failing,
    },
  );
  expect(retried.image.currentLabel?.category.id).toBe(dataset.categories[2]!.id);

  // Label a dozen images with the keyboard: the model's guesses, digits, and the search box.
  const shown: string[] = [];
  for (let index = 0; index < 12; index += 1) {
    const imageId = (await labeler.getAttribute('data-image-id'))!;
    shown.push(imageId);
    if (index % 4 === 0) await page.keyboard.press('Enter');
    else if (index % 4 === 1) await page.keyboard.press('Shift+Enter');
    else if (index % 4 === 2) await page.keyboard.press(String((index % 3) + 1));
    else {
      const name = dataset.categories[index % dataset.categories.length]!.name;
      await page.keyboard.press('/');
      await expect(page.getByRole('searchbox', { name: 'Search categories' })).toBeFocused();
      // Typing a digit or S in the search box filters; it picks and skips nothing.
      await page.keyboard.type(`${name.slice(0, 4)}`);
      await expect(labeler).toHaveAttribute('data-image-id', imageId);
      await page.keyboard.press('Enter');
    }
    await expect(labeler).not.toHaveAttribute('data-image-id', imageId);
    await expect(page.getByTestId('label-error')).toHaveCount(0);
  }
  expect(new Set(shown).size).toBe(12);
  await expect(page.getByTestId('labelled-count')).toHaveText('13');
  // Labels are saved while the next image shows: each is stored, as the annotator's.
  for (const id of shown) {
    await expect
      .poll(async () => {
        const { image } = await graphql<{ image: { currentLabel: { source: string } | null } }>(
          admin,
          imageQuery,
          {
            id,
          },
        );
        return image.currentLabel?.source;
      })
      .toBe('ANNOTATOR');
  }

  // Ctrl+Z takes the last label back and returns to that image; its history shows the undo.
  const lastId = shown.at(-1)!;
  await page.keyboard.press('Control+z');
  await expect(labeler).toHaveAttribute('data-image-id', lastId);
  await expect(page.getByTestId('label-event').first()).toContainText('restored by undo, by you');
  await page.keyboard.press('1');
  await expect(labeler).not.toHaveAttribute('data-image-id', lastId);

  // Skipping moves on and gives the image back to the queue.
  const skipped = (await labeler.getAttribute('data-image-id'))!;
  await page.keyboard.press('s');
  await expect(labeler).not.toHaveAttribute('data-image-id', skipped);

  // The worker retrains on the new labels: the new version arrives live, in the header and as a notice.
  await expect
    .poll(async () => Number(await page.getByTestId('current-model').getAttribute('data-version')), {
      timeout: 90_000,
    })
    .toBeGreaterThan(startVersion);
  await expect(page.getByTestId('model-notice')).toBeVisible();
  await expect(queuePage.getByTestId('model-notice')).toBeVisible();
  // The queue tab followed the labels without a reload: none of the labelled images is listed any more.
  await expect
    .poll(async () =>
      queuePage
        .getByTestId('queue-item')
        .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-image-id'))),
    )
    .not.toEqual(firstQueue);
  // (Eventually: an undo makes an image unlabelled for a moment, and a refetch then may list it once.)
  await expect
    .poll(async () =>
      (
        await queuePage
          .getByTestId('queue-item')
          .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-image-id')))
      ).filter((id) => shown.includes(id!)),
    )
    .toEqual([]);
  expect(await queuePage.evaluate(() => (window as { loupeNoReload?: boolean }).loupeNoReload)).toBe(true);
  expect(await page.evaluate(() => (window as { loupeNoReload?: boolean }).loupeNoReload)).toBe(true);

  // Leaving gives the remaining leases back for the next annotator.
  for (const tab of [page, queuePage]) {
    await tab.getByRole('link', { name: 'Overview' }).click();
    await expect(tab.getByTestId('labeler')).toHaveCount(0);
    await expect(tab.getByTestId('queue-table')).toHaveCount(0);
  }
  await queuePage.close();
  await admin.dispose();
});
