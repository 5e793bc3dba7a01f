import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { createUser } from '../support/api';
import { expect, test } from '../support/fixtures';
import { artifactPath } from '../support/paths';
import { makeNoisePng, makePng } from '../support/png';
import { submitSignIn } from '../support/sign-in';

/** A folder as a technologist exports it: a sub-folder per study, a corrupt image, a note. */
async function writeScanFolder(): Promise<{ root: string; folder: string }> {
  const root = mkdtempSync(join(tmpdir(), 'loupe-import-'));
  const folder = join(root, 'scans');
  for (const study of ['study-a', 'study-b']) mkdirSync(join(folder, study), { recursive: true });
  writeFileSync(join(folder, 'study-a', 'img-1.png'), await makePng(Date.now()));
  writeFileSync(join(folder, 'study-a', 'img-2.png'), await makePng(Date.now() + 1));
  writeFileSync(join(folder, 'study-b', 'img-1.png'), await makePng(Date.now() + 2));
  writeFileSync(join(folder, 'study-b', 'broken.png'), randomBytes(2048));
  writeFileSync(join(folder, 'notes.txt'), 'scanned on the second floor\n');
  return { root, folder };
}

/** Signs a new annotator in and opens the import screen of a new dataset. */
async function openNewDatasetImport(page: Page, name: string): Promise<void> {
  const annotator = await createUser('ANNOTATOR');
  await page.goto('/sign-in');
  await submitSignIn(page, annotator.email, annotator.password);
  await expect(page.getByRole('heading', { level: 1, name: 'Datasets' })).toBeVisible();
  await page.getByRole('link', { name: 'Import into a new dataset' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New dataset' })).toBeVisible();
  await page.getByLabel('Dataset name').fill(name);
}

async function importFolder(page: Page, folder: string): Promise<void> {
  await page.getByLabel('Or a whole folder').setInputFiles(folder);
  await expect(page.getByTestId('import-selection')).toHaveText(
    /^4 image files \(.+\) to send in 1 request; 1 other file left out\.$/,
  );
  await page.getByRole('button', { name: 'Start import' }).click();
  await expect(page.getByTestId('import-report')).toBeVisible({ timeout: 60_000 });
}

test('an annotator imports a folder from the browser into a new dataset, and again as a no-op', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const { root, folder } = await writeScanFolder();
  const name = `Browser import ${Date.now().toString(36)}`;
  try {
    await openNewDatasetImport(page, name);
    await importFolder(page, folder);

    const report = page.getByTestId('import-report');
    await expect(report.getByRole('heading', { name: 'Import report' })).toBeFocused();
    await expect(report.getByTestId('import-imported')).toHaveText('3');
    await expect(report.getByTestId('import-already-present')).toHaveText('0');
    await expect(report.getByTestId('import-failed')).toHaveText('1');
    const failure = report.getByTestId('import-failure');
    await expect(failure).toHaveCount(1);
    // Random bytes are no image the API can decode (it says NOT_AN_IMAGE; a damaged PNG, TRUNCATED).
    await expect(failure).toHaveAttribute('data-error-code', /^(NOT_AN_IMAGE|TRUNCATED)$/);
    await expect(failure.getByRole('rowheader')).toHaveText('study-b/broken.png');
    await expect(report.getByTestId('import-skipped')).toHaveText('1');
    await report.getByText('1 skipped file').click();
    await expect(report.getByTestId('import-skipped-list')).toContainText('notes.txt');
    await expect(page.getByTestId('import-progress-text')).toContainText('4 of 4 files sent');
    await page.screenshot({ path: artifactPath('import.png'), fullPage: true });

    // The dataset's studies: one per sub-folder of the picked folder (whose own name is no study).
    await report.getByTestId('import-studies-link').click();
    const section = page.getByTestId('dataset').filter({ has: page.getByRole('heading', { name }) });
    await expect(section.getByTestId('study-link')).toHaveText(['study-a', 'study-b']);
    await expect(section.getByTestId('study-image-count')).toHaveText(['2', '1']);

    // The same folder again, from the dataset's own import screen: nothing new, the same failure.
    await section.getByTestId('dataset-name').click();
    await page.getByRole('navigation', { name: 'Dataset' }).getByRole('link', { name: 'Import' }).click();
    await expect(page.getByRole('heading', { level: 2, name: `Import images into ${name}` })).toBeVisible();
    await importFolder(page, folder);
    await expect(report.getByTestId('import-imported')).toHaveText('0');
    await expect(report.getByTestId('import-already-present')).toHaveText('3');
    await expect(report.getByTestId('import-failed')).toHaveText('1');

    // Both imports are listed, newest first, by the annotator who made them.
    const recent = page.getByTestId('recent-import');
    await expect(recent).toHaveCount(2);
    await expect(recent.getByTestId('recent-import-imported')).toHaveText(['0', '3']);
    await expect(recent.getByTestId('recent-import-failed')).toHaveText(['1', '1']);
    await expect(recent.first()).toContainText('upload of 4 file(s)');
    await expect(recent.first()).toContainText('annotator');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a folder too large for one request goes in batches; a failed batch is retried alone', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const root = mkdtempSync(join(tmpdir(), 'loupe-import-'));
  const folder = join(root, 'export');
  const seed = Date.now();
  const rows = ['file,study'];
  for (let index = 0; index < 102; index += 1) {
    const path = `series-${index % 3}/img-${String(index).padStart(3, '0')}.png`;
    mkdirSync(join(folder, `series-${index % 3}`), { recursive: true });
    writeFileSync(join(folder, path), await makePng(seed + index, 16));
    rows.push(`${path},patient-${index % 2}`);
  }
  rows.push('gone/missing.png,patient-0');
  writeFileSync(join(folder, 'manifest.csv'), `${rows.join('\n')}\n`);
  // The first upload request is cut off on its way, as a dropped connection would.
  let isDropped = false;
  await page.route('**/graphql', async (route) => {
    const isUpload = route.request().headers()['content-type']?.startsWith('multipart/form-data');
    if (isUpload && !isDropped) {
      isDropped = true;
      await route.abort('connectionreset');
    } else await route.continue();
  });
  try {
    await openNewDatasetImport(page, `Batched import ${seed.toString(36)}`);
    await page.getByLabel('Or a whole folder').setInputFiles(folder);
    await page.getByLabel('Manifest from the folder').selectOption('manifest.csv');
    await expect(page.getByTestId('import-selection')).toContainText('102 image files');
    await expect(page.getByTestId('import-selection')).toContainText('in 2 requests');
    await page.getByRole('button', { name: 'Start import' }).click();

    const report = page.getByTestId('import-report');
    await expect(report).toBeVisible({ timeout: 60_000 });
    await expect(report.getByRole('heading')).toHaveText('Import report of the requests answered so far');
    await expect(page.getByTestId('import-batch-error')).toHaveAttribute(
      'data-error-code',
      'API_UNREACHABLE',
    );
    await expect(report.getByTestId('import-imported')).toHaveText('2');

    await page.getByRole('button', { name: 'Retry 1 request' }).click();
    await expect(report.getByRole('heading')).toHaveText('Import report', { timeout: 60_000 });
    await expect(page.getByTestId('import-batch-error')).toHaveCount(0);
    await expect(report.getByTestId('import-imported')).toHaveText('102');
    await expect(report.getByTestId('import-failed')).toHaveText('0');
    await expect(report.getByTestId('import-rows-without-file')).toHaveText('1');
    await expect(page.getByTestId('import-progress-text')).toContainText('102 of 102 files sent');

    await report.getByTestId('import-studies-link').click();
    const section = page.getByTestId('dataset').filter({ hasText: `Batched import ${seed.toString(36)}` });
    await expect(section.getByTestId('study-link')).toHaveText(['patient-0', 'patient-1']);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("an image larger than the web origin's default body buffer arrives whole through it", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const root = mkdtempSync(join(tmpdir(), 'loupe-import-'));
  // Over the 10 MB a proxied body is cut at unless next.config.ts raises it: a cut file would fail to decode.
  const large = await makeNoisePng(2000, 2000);
  expect(large.length).toBeGreaterThan(11 * 1024 * 1024);
  writeFileSync(join(root, 'large.png'), large);
  try {
    await openNewDatasetImport(page, `Large image ${Date.now().toString(36)}`);
    await page.getByTestId('import-files-input').setInputFiles(join(root, 'large.png'));
    await page.getByRole('button', { name: 'Start import' }).click();
    const report = page.getByTestId('import-report');
    await expect(report).toBeVisible({ timeout: 120_000 });
    await expect(report.getByTestId('import-imported')).toHaveText('1');
    await expect(report.getByTestId('import-failed')).toHaveText('0');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('Cancel stops before the next request; what was sent stays, and the rest can be sent later', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const root = mkdtempSync(join(tmpdir(), 'loupe-import-'));
  const folder = join(root, 'scans');
  const seed = Date.now();
  for (let index = 0; index < 130; index += 1) {
    mkdirSync(join(folder, `study-${index % 2}`), { recursive: true });
    writeFileSync(join(folder, `study-${index % 2}`, `img-${index}.png`), await makePng(seed + index, 16));
  }
  // The first request waits on its way until Cancel has been pressed.
  let releaseFirst: () => void = () => undefined;
  const cancelled = new Promise<void>((resolve) => {
    releaseFirst = resolve;
  });
  let uploads = 0;
  await page.route('**/graphql', async (route) => {
    const isUpload = route.request().headers()['content-type']?.startsWith('multipart/form-data');
    if (isUpload) {
      uploads += 1;
      if (uploads === 1) await cancelled;
    }
    await route.continue();
  });
  try {
    await openNewDatasetImport(page, `Cancelled import ${seed.toString(36)}`);
    await page.getByLabel('Or a whole folder').setInputFiles(folder);
    await expect(page.getByTestId('import-selection')).toContainText('in 2 requests');
    await page.getByRole('button', { name: 'Start import' }).click();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByTestId('import-progress-text')).toContainText(
      'stopping after the request on its way',
    );
    releaseFirst();

    await expect(page.getByTestId('import-stopped')).toContainText(
      'Stopped with 1 request (30 files) not sent.',
    );
    const report = page.getByTestId('import-report');
    await expect(report.getByTestId('import-imported')).toHaveText('100');
    expect(uploads).toBe(1);

    await page.getByRole('button', { name: 'Send the other 1 request' }).click();
    await expect(report.getByRole('heading')).toHaveText('Import report', { timeout: 60_000 });
    await expect(report.getByTestId('import-imported')).toHaveText('130');
    expect(uploads).toBe(2);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
