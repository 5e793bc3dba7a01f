import type { APIRequestContext, Page } from '@playwright/test';
import { adminApi, createAnnotator, demoDataset, graphql, signInAs } from '../support/annotators';
import { createUser, graphql as graphqlAs, graphqlAsPage, signInCookie } from '../support/api';
import { expect, test } from '../support/fixtures';
import { artifactPath } from '../support/paths';

const TAKE =
  'mutation ($d: ID!) { takeQueueItems(datasetId: $d, strategy: "RANDOM", count: 100) { image { id } } }';
const RELEASE = 'mutation ($id: ID!) { releaseQueueItem(imageId: $id) }';
const EXCLUSION =
  'query ($id: ID!) { image(id: $id) { exclusion { reason by { name } excludedAt } exclusionHistory { excluded reason } } }';
const COUNTS = `query ($d: ID!) {
  dataset(id: $d) { imageCount excludedImageCount excluded: images(first: 1, filter: { excluded: true }) { totalCount } }
}`;

type Exclusion = {
  image: {
    exclusion: { reason: string; by: { name: string } | null; excludedAt: string } | null;
    exclusionHistory: { excluded: boolean; reason: string | null }[];
  };
};

/** Every image the RANDOM review queue hands the page's user now; the leases are given back at once. */
async function servedByQueue(page: Page, datasetId: string): Promise<string[]> {
  const data = await graphqlAsPage<{ takeQueueItems: { image: { id: string } }[] }>(page, TAKE, {
    d: datasetId,
  });
  const ids = data.takeQueueItems.map((item) => item.image.id);
  for (const id of ids) await graphqlAsPage(page, RELEASE, { id });
  return ids;
}

async function exclusionOf(admin: APIRequestContext, imageId: string) {
  return (await graphql<Exclusion>(admin, EXCLUSION, { id: imageId })).image;
}

test('an annotator excludes an image with a reason, finds it as the only excluded one, the queue leaves it out, and brings it back', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const admin = await adminApi();
  const dataset = await demoDataset(admin);
  const annotator = await createAnnotator(admin, 'Exclusion Annotator');
  const imagesPath = `/datasets/${encodeURIComponent(dataset.id)}/images`;
  const counts = async () =>
    (
      await graphql<{
        dataset: { imageCount: number; excludedImageCount: number; excluded: { totalCount: number } };
      }>(admin, COUNTS, { d: dataset.id })
    ).dataset;
  const before = await counts();
  expect(before.excludedImageCount).toBe(0);

  // The queue ranks by the newest model's predictions: the worker trains one on the imported labels first.
  await expect
    .poll(
      async () =>
        (
          await graphql<{ dataset: { latestModelVersion: { id: string } | null } }>(
            admin,
            'query ($d: ID!) { dataset(id: $d) { latestModelVersion { id } } }',
            { d: dataset.id },
          )
        ).dataset.latestModelVersion,
      { timeout: 120_000, intervals: [1_000] },
    )
    .not.toBeNull();
  await signInAs(page, annotator);
  const servedBefore = await servedByQueue(page, dataset.id);
  expect(servedBefore.length).toBeGreaterThan(1);
  // An image the queue serves now: after its exclusion it must not.
  const imageId = servedBefore[0]!;

  await page.goto(`/datasets/${encodeURIComponent(dataset.id)}/label/${encodeURIComponent(imageId)}`);
  const labeler = page.getByTestId('labeler');
  await expect(labeler).toHaveAttribute('data-image-id', imageId);
  await expect(labeler).toHaveAttribute('data-excluded', 'false');
  await expect(page.getByTestId('exclusion-banner')).toHaveCount(0);
  await expect(page.getByTestId('shortcuts')).toContainText('exclude the image');

  // X asks why, with the common reasons to choose from; nothing chosen is refused before any request.
  // A key pressed before the page has hydrated reaches no handler: press again until the form opens.
  const form = page.getByTestId('exclude-form');
  await expect(async () => {
    await page.keyboard.press('x');
    await expect(form).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await expect(form.getByRole('radio', { name: 'Not diagnostic' })).toBeFocused();
  for (const reason of ['Wrong anatomy or modality', 'Duplicate', 'Burned-in patient details'])
    await expect(form.getByRole('radio', { name: reason })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(form.getByTestId('field-error')).toContainText('Choose a reason');
  // Digits choose a reason inside the form: they label nothing meanwhile.
  await page.keyboard.press('3');
  await expect(form.getByRole('radio', { name: 'Duplicate' })).toBeChecked();
  await expect(labeler).toHaveAttribute('data-image-id', imageId);
  await form.getByTestId('exclusion-details').fill('same frame as the one before');

  // The API's refusal is shown beside the form, which stays open with what was typed.
  await page.route('**/graphql', async (route) => {
    if (route.request().postData()?.includes('mutation ExcludeImages')) {
      await route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({
          errors: [{ message: 'Excluding is paused for maintenance.', extensions: { code: 'UNAVAILABLE' } }],
        }),
      });
    } else await route.continue();
  });
  await page.keyboard.press('Enter');
  const refusal = form.getByTestId('field-error');
  await expect(refusal).toContainText('Excluding is paused for maintenance.');
  await expect(refusal).toHaveAttribute('data-error-code', 'UNAVAILABLE');
  await expect(form.getByTestId('exclusion-details')).toHaveValue('same frame as the one before');
  expect((await exclusionOf(admin, imageId)).exclusion).toBeNull();
  await page.unroute('**/graphql');

  const reason = 'Duplicate: same frame as the one before';
  await form.getByTestId('exclude-submit').click();
  const banner = page.getByTestId('exclusion-banner');
  await expect(banner).toBeVisible();
  await expect(form).toHaveCount(0);
  await expect(banner.getByTestId('exclusion-reason')).toHaveText(reason);
  await expect(banner.getByTestId('exclusion-by')).toContainText('by you');
  await expect(labeler).toHaveAttribute('data-excluded', 'true');
  await expect(page.getByTestId('exclude-image')).toHaveCount(0);
  await expect(page.getByTestId('exclusion-event')).toHaveCount(1);
  await expect(page.getByTestId('exclusion-event').first()).toContainText(`Excluded · ${reason}`);
  const stored = await exclusionOf(admin, imageId);
  expect(stored.exclusion?.reason).toBe(reason);
  // The admin is shown who excluded it; the annotator saw "you".
  expect(stored.exclusion?.by).toEqual({ name: 'Exclusion Annotator' });
  expect(stored.exclusionHistory).toEqual([{ excluded: true, reason }]);
  // It is the server's state, not the page's: a reload shows the same.
  await page.reload();
  await expect(page.getByTestId('exclusion-banner').getByTestId('exclusion-reason')).toHaveText(reason);
  await page.screenshot({ path: artifactPath('exclusion-labeler.png'), fullPage: true });

  // The review queue no longer serves it; the other images it served stay served.
  const servedAfter = await servedByQueue(page, dataset.id);
  expect(servedAfter).not.toContain(imageId);
  expect(servedAfter.length).toBeGreaterThan(0);

  // The Images screen: "Only excluded" lists exactly this image, marked, and the choice lives in the URL.
  await page.goto(imagesPath);
  await page.getByLabel('Excluded').selectOption('yes');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/[?&]excluded=yes/);
  await expect(page.getByTestId('images-summary')).toHaveText('1 image matches the filters');
  const cards = page.getByTestId('image-card');
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).toHaveAttribute('data-image-id', imageId);
  await expect(cards.first().getByTestId('excluded-badge')).toContainText('Excluded');
  await expect(cards.first().getByTestId('excluded-badge')).toHaveAttribute('title', new RegExp(reason));
  await expect(page.getByLabel('Excluded')).toHaveValue('yes');
  await page.screenshot({ path: artifactPath('exclusion-images.png'), fullPage: true });
  // "In use" is everything else, none of it marked.
  await page.getByLabel('Excluded').selectOption('no');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/[?&]excluded=no/);
  await expect(page.getByTestId('images-summary')).toHaveText(
    `${before.imageCount - 1} images match the filters`,
  );
  await expect(page.locator(`[data-testid="image-card"][data-image-id="${imageId}"]`)).toHaveCount(0);
  await expect(page.getByTestId('excluded-badge')).toHaveCount(0);

  // The overview counts it, and links to the excluded images.
  await page.getByRole('link', { name: 'Overview' }).click();
  await expect(page.getByTestId('overview-excluded')).toHaveText('1 excluded');
  await page.getByTestId('overview-excluded').getByRole('link').click();
  await expect(page).toHaveURL(/\/images\?excluded=yes$/);
  await expect(cards).toHaveCount(1);
  // A second tab keeps the overview open: it follows the exclusion's end live.
  const overview = await page.context().newPage();
  await overview.goto(`/datasets/${encodeURIComponent(dataset.id)}`);
  await expect(overview.getByTestId('overview-excluded')).toHaveText('1 excluded');

  // From the grid back to the labeler: X goes to "Include again" (it does not open the form), Enter presses it.
  await cards
    .first()
    .getByRole('link', { name: /^Label / })
    .click();
  await expect(labeler).toHaveAttribute('data-image-id', imageId);
  await expect(labeler).toHaveAttribute('data-excluded', 'true');
  await page.keyboard.press('x');
  await expect(page.getByTestId('include-again')).toBeFocused();
  await expect(form).toHaveCount(0);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('exclusion-banner')).toHaveCount(0);
  await expect(labeler).toHaveAttribute('data-excluded', 'false');
  await expect(page.getByTestId('exclude-image')).toBeVisible();
  await expect(page.getByTestId('exclusion-event')).toHaveCount(2);
  await expect(page.getByTestId('exclusion-event').first()).toContainText('Included again');
  await expect(page.getByTestId('exclusion-event').nth(1)).toContainText(reason);
  await expect(page.getByTestId('labeler-notice')).toContainText('is in use again');
  expect((await exclusionOf(admin, imageId)).exclusion).toBeNull();
  await expect(overview.getByTestId('overview-excluded')).toHaveText('none excluded');
  await overview.close();

  // The filter is empty again, and the counts are back.
  await page.goto(`${imagesPath}?excluded=yes`);
  await expect(page.getByTestId('no-images')).toBeVisible();
  await expect(page.getByTestId('image-card')).toHaveCount(0);
  const after = await counts();
  expect(after.excludedImageCount).toBe(0);
  expect(after.excluded.totalCount).toBe(0);
  await admin.dispose();
});

test('a reader can neither exclude images nor bring them back', async () => {
  const admin = await adminApi();
  const dataset = await demoDataset(admin);
  const { dataset: withImage } = await graphql<{
    dataset: { images: { edges: { node: { id: string } }[] } };
  }>(admin, 'query ($d: ID!) { dataset(id: $d) { images(first: 1) { edges { node { id } } } } }', {
    d: dataset.id,
  });
  const imageId = withImage.images.edges[0]!.node.id;
  const historyBefore = (await exclusionOf(admin, imageId)).exclusionHistory;
  const reader = await createUser('READER');
  const session = await signInCookie(reader.email, reader.password);
  const exclude = await graphqlAs(
    'mutation ($ids: [ID!]!) { excludeImages(imageIds: $ids, reason: "Not diagnostic") { id } }',
    { ids: [imageId] },
    session,
  );
  expect(exclude.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  const include = await graphqlAs(
    'mutation ($ids: [ID!]!) { includeImages(imageIds: $ids) { id } }',
    { ids: [imageId] },
    session,
  );
  expect(include.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  const unchanged = await exclusionOf(admin, imageId);
  expect(unchanged.exclusion).toBeNull();
  expect(unchanged.exclusionHistory).toEqual(historyBefore);
  await admin.dispose();
});
