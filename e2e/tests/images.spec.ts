import { adminCredentials, firstDatasetImage, graphqlData } from '../support/api';
import { expect, test } from '../support/fixtures';
import { artifactPath } from '../support/paths';
import { signInAsAdmin } from '../support/sign-in';

const COUNT = `query ($d: ID!, $f: ImageFilter) { dataset(id: $d) { images(first: 1, filter: $f) { totalCount } } }`;

test('the Images screen filters a dataset’s images as the API does, and opens one in the labeler', async ({
  page,
}) => {
  const { datasetId } = await firstDatasetImage();
  const admin = await adminCredentials();
  const count = async (filter: Record<string, unknown> | null) =>
    (
      await graphqlData<{ dataset: { images: { totalCount: number } } }>(
        COUNT,
        { d: datasetId, f: filter },
        admin,
      )
    ).dataset.images.totalCount;

  await signInAsAdmin(page);
  await page.goto(`/datasets/${encodeURIComponent(datasetId)}/images`);
  await expect(page.getByRole('link', { name: 'Images', exact: true })).toHaveAttribute(
    'aria-current',
    'page',
  );
  const all = await count(null);
  await expect(page.getByTestId('images-summary')).toHaveText(`${all} images`);
  await expect(page.getByTestId('image-card')).toHaveCount(Math.min(all, 100));
  await page.screenshot({ path: artifactPath('images.png'), fullPage: true });

  // The filters live in the URL: choosing "Unlabelled" shows what the API counts as unlabelled.
  const unlabelled = await count({ labelled: false });
  await page.getByLabel('Labelled').selectOption('no');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/labelled=no/);
  const noun = unlabelled === 1 ? 'image matches' : 'images match';
  await expect(page.getByTestId('images-summary')).toHaveText(`${unlabelled} ${noun} the filters`);
  await expect(page.getByTestId('image-card')).toHaveCount(Math.min(unlabelled, 100));
  for (const badge of await page.getByTestId('label-badge').allTextContents())
    expect(badge).toContain('Unlabelled');

  // A text nobody typed matches nothing, and says so.
  await page.getByLabel('Technologist text contains').fill('no technologist typed this');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page.getByTestId('no-images')).toBeVisible();
  await page.getByRole('link', { name: 'Clear' }).click();
  await expect(page.getByTestId('images-summary')).toHaveText(`${all} images`);

  // A thumbnail opens the labeler for that image.
  const first = page.getByTestId('image-card').first();
  const imageId = await first.getAttribute('data-image-id');
  await first.getByRole('link', { name: /^Label / }).click();
  await expect(page).toHaveURL(new RegExp(`/label/${encodeURIComponent(imageId!)}`));
});
