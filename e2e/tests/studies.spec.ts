import { graphqlAsPage as graphql } from '../support/api';
import { expect, test } from '../support/fixtures';
import { artifactPath } from '../support/paths';
import { adminEmail, readAdminPassword, signInAsAdmin, submitSignIn } from '../support/sign-in';

function parseCount(text: string): number {
  return Number(text.replace(/[^0-9]/g, ''));
}

test('browse the demo dataset and see a study’s thumbnails', async ({ page, baseURL }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in\?next=%2F$/);
  await submitSignIn(page, adminEmail, readAdminPassword());
  await expect(page.getByRole('heading', { level: 1, name: 'Datasets' })).toBeVisible();
  await expect(page).toHaveURL(new URL('/', baseURL).href);
  await expect(page.getByTestId('signed-in-user')).toHaveText('Administrator');
  await expect(page.getByTestId('error-panel')).toHaveCount(0);

  const dataset = page.getByTestId('dataset').first();
  await expect(dataset.getByTestId('dataset-name')).not.toBeEmpty();
  const rows = dataset.getByTestId('study-row');
  await expect(rows.first()).toBeVisible();
  const counts = (await rows.getByTestId('study-image-count').allTextContents()).map(parseCount);
  const studyIndex = counts.findIndex((count) => count > 0);
  expect(studyIndex, 'a demo study with images').toBeGreaterThanOrEqual(0);
  const studyLink = rows.nth(studyIndex).getByTestId('study-link');
  const studyKey = (await studyLink.textContent())?.trim() ?? '';
  await page.screenshot({ path: artifactPath('datasets.png'), fullPage: true });

  await studyLink.click();
  await expect(page).toHaveURL(/\/studies\/[^/]+$/);
  await expect(page.getByTestId('study-title')).toHaveText(`Study ${studyKey}`);
  await expect(page.getByTestId('error-panel')).toHaveCount(0);
  // The demo study is small (≤ 100 images), so every image is on the page at once.
  await expect(page.getByTestId('image-card')).toHaveCount(counts[studyIndex]!);
  await expect(page.getByTestId('label-badge')).toHaveCount(counts[studyIndex]!);

  // Every thumbnail decodes (they load lazily, so each is scrolled into view first).
  const thumbnails = await page.getByTestId('thumbnail').all();
  for (const thumbnail of thumbnails) {
    await thumbnail.scrollIntoViewIfNeeded();
    await expect
      .poll(() => thumbnail.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0)))
      .toBeGreaterThan(0);
  }
  // Image bytes reach the browser through the web origin, not from the API's own port.
  const source = await thumbnails[0]!.evaluate((img: HTMLImageElement) => img.currentSrc);
  expect(new URL(source).origin).toBe(new URL(baseURL!).origin);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: artifactPath('study.png'), fullPage: true });
});

test('a study’s default crop box is set from the suggestion, then cleared', async ({ page }) => {
  await signInAsAdmin(page);
  // The demo dataset's frames have the scanner's black border and text (other specs' datasets may not).
  const demo = page
    .getByTestId('dataset')
    .filter({ has: page.getByTestId('dataset-name').filter({ hasText: /^demo-abdomen$/ }) });
  const rows = demo.getByTestId('study-row');
  await expect(rows.first()).toBeVisible();
  await rows.first().getByTestId('study-link').click();
  await expect(page).toHaveURL(/\/studies\/[^/]+$/);
  const studyId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
  type Box = { x: number; y: number; width: number; height: number };
  const read = () =>
    graphql<{ study: { cropBox: Box | null }; suggestStudyCropBox: Box & { imageCount: number } }>(
      page,
      `query($id: ID!) {
        study(id: $id) { cropBox { x y width height } }
        suggestStudyCropBox(studyId: $id) { x y width height imageCount }
      }`,
      { id: studyId },
    );
  const boxText = (box: Box) => `${box.width} × ${box.height} at ${box.x}, ${box.y}`;
  // The labeler spec may have given this study a default already.
  const before = await read();
  const suggested = before.suggestStudyCropBox;
  const text = boxText(suggested);

  const panel = page.getByTestId('study-crop');
  await expect(panel.getByTestId('study-crop-current')).toContainText(
    before.study.cropBox ? boxText(before.study.cropBox) : 'None',
  );
  await panel.getByRole('button', { name: 'Suggest a default' }).click();
  await expect(panel.getByTestId('study-crop-suggestion')).toContainText(
    `Suggested from ${suggested.imageCount} of its images: ${text}`,
  );
  await panel.getByRole('button', { name: 'Use it for the study' }).click();
  await expect(panel.getByTestId('study-crop-saved')).toBeVisible();
  await expect(panel.getByTestId('study-crop-current')).toContainText(text);
  expect((await read()).study.cropBox).toEqual({
    x: suggested.x,
    y: suggested.y,
    width: suggested.width,
    height: suggested.height,
  });
  await page.screenshot({ path: artifactPath('study-crop.png'), fullPage: true });

  await panel.getByRole('button', { name: 'Clear the default' }).click();
  await expect(panel.getByTestId('study-crop-current')).toContainText('None');
  expect((await read()).study.cropBox).toBeNull();
  if (before.study.cropBox)
    await graphql(
      page,
      'mutation($id: ID!, $box: CropBoxInput) { setStudyCropBox(studyId: $id, box: $box) { id } }',
      {
        id: studyId,
        box: before.study.cropBox,
      },
    );
});
