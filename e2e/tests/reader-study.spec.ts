import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import {
  adminCredentials,
  type Credentials,
  createUser,
  graphql,
  graphqlData,
  signInCookie,
} from '../support/api';
import { expect, test } from '../support/fixtures';
import { artifactPath } from '../support/paths';
import { adminEmail, readAdminPassword, submitSignIn } from '../support/sign-in';

const STUDY_SIZE = 4;

type DemoDataset = { id: string; name: string; categories: { id: string; name: string }[] };
type TestImage = { id: string; currentLabel: { category: { id: string } | null } | null };

/** The demo dataset with at least STUDY_SIZE labelled test-split images (it labels more when it has fewer). */
async function datasetWithLabelledTestImages(admin: Credentials): Promise<DemoDataset> {
  const { datasets } = await graphqlData<{ datasets: DemoDataset[] }>(
    '{ datasets { id name categories { id name } } }',
    {},
    admin,
  );
  const dataset = datasets.find((candidate) => candidate.name === 'demo-abdomen') ?? datasets[0];
  if (!dataset || dataset.categories.length < 2)
    throw new Error('The demo dataset needs two live categories.');
  const data = await graphqlData<{ dataset: { images: { edges: { node: TestImage }[] } } }>(
    'query ($id: ID!) { dataset(id: $id) { images(first: 200, filter: { split: TEST }) { edges { node { id currentLabel { category { id } } } } } } }',
    { id: dataset.id },
    admin,
  );
  const live = new Set(dataset.categories.map((category) => category.id));
  const images = data.dataset.images.edges.map((edge) => edge.node);
  const labelled = images.filter((image) => live.has(image.currentLabel?.category?.id ?? ''));
  const unlabelled = images.filter((image) => !live.has(image.currentLabel?.category?.id ?? ''));
  const missing = Math.max(0, STUDY_SIZE - labelled.length);
  expect(unlabelled.length, 'enough test-split images to label').toBeGreaterThanOrEqual(missing);
  for (const [index, image] of unlabelled.slice(0, missing).entries()) {
    await graphqlData(
      'mutation ($image: ID!, $category: ID!) { labelImage(imageId: $image, categoryId: $category) { id } }',
      { image: image.id, category: dataset.categories[index % dataset.categories.length]!.id },
      admin,
    );
  }
  return dataset;
}

async function userIdOf(email: string, admin: Credentials): Promise<string> {
  const { users } = await graphqlData<{ users: { edges: { node: { id: string; email: string } }[] } }>(
    '{ users(first: 500) { edges { node { id email } } } }',
    {},
    admin,
  );
  const user = users.edges.find((edge) => edge.node.email === email)?.node;
  if (!user) throw new Error(`No user ${email}`);
  return user.id;
}

/** Answers one image on the reader screen with the keyboard and waits for the next one. */
async function answerWithKeys(page: Page, first: number, second: number | null): Promise<void> {
  const screen = page.getByTestId('reader-screen');
  const position = await screen.getAttribute('data-position');
  await expect(page.getByTestId('reader-image')).toBeVisible();
  await page.keyboard.press(String(first));
  if (second !== null) await page.keyboard.press(`Shift+Digit${second}`);
  await page.getByRole('radio', { name: /^4 sure/ }).check();
  await expect(page.getByRole('radio', { name: /\(first choice\)/ })).toBeChecked();
  // The radio keeps the focus; Enter submits from there too.
  await page.getByRole('radio', { name: /^4 sure/ }).press('Enter');
  await expect(screen).not.toHaveAttribute('data-position', position ?? '');
}

test('readers read a blinded study, and the report compares them with the model', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const admin = await adminCredentials();
  const dataset = await datasetWithLabelledTestImages(admin);
  const [readerOne, readerTwo] = [
    await createUser('READER', 'Reader One'),
    await createUser('READER', 'Reader Two'),
  ];
  const readerIds = [await userIdOf(readerOne.email, admin), await userIdOf(readerTwo.email, admin)];
  const studyName = `Blinded reading ${Date.now().toString(36)}`;
  const { createReaderStudy: study } = await graphqlData<{
    createReaderStudy: { id: string; imageCount: number };
  }>(
    'mutation ($input: CreateReaderStudyInput!) { createReaderStudy(input: $input) { id imageCount } }',
    { input: { datasetId: dataset.id, name: studyName, readerIds, sampleSize: STUDY_SIZE, view: 'CROP' } },
    admin,
  );
  expect(study.imageCount).toBe(STUDY_SIZE);
  await graphqlData('mutation ($id: ID!) { openReaderStudy(id: $id) { state } }', { id: study.id }, admin);

  // Reader one signs in and lands on their studies.
  const readerContext = await browser.newContext({ baseURL });
  const page = await readerContext.newPage();
  await page.goto('/sign-in');
  await submitSignIn(page, readerOne.email, readerOne.password);
  await expect(page).toHaveURL(/\/read$/);
  const row = page.getByTestId('reader-assignment').filter({ hasText: studyName });
  await expect(row).toContainText(`0 of ${STUDY_SIZE} answered`);
  await row.getByRole('link', { name: `Start ${studyName}` }).click();
  await expect(page.getByTestId('reader-screen')).toHaveAttribute('data-position', /\d/);
  await expect(page.getByRole('heading', { level: 1, name: studyName })).toBeVisible();
  // Nothing on the screen tells the reader what the label or the model says.
  await expect(page.getByText(/predict|model|label/i)).toHaveCount(0);
  await page.screenshot({ path: artifactPath('reader-screen.png'), fullPage: true });

  // One image with the keyboard (first, second choice, confidence), one with the mouse.
  await answerWithKeys(page, 1, 2);
  await expect(page.getByTestId('reader-progress')).toHaveAttribute('value', '1');
  await page.getByTestId('reader-choice').nth(1).click();
  await page.getByRole('radio', { name: /^2 unsure/ }).check();
  await page.getByTestId('reader-submit').click();
  await expect(page.getByTestId('reader-progress')).toHaveAttribute('value', '2');

  // Pause, and resume where they left off: two answered, the third image next.
  const resumeAt = await page.getByTestId('reader-screen').getAttribute('data-position');
  await page.getByRole('link', { name: /Pause/ }).click();
  await expect(row).toContainText(`2 of ${STUDY_SIZE} answered`);
  await row.getByRole('link', { name: `Resume ${studyName}` }).click();
  await expect(page.getByTestId('reader-screen')).toHaveAttribute('data-position', resumeAt ?? '');

  // Go back and revise the previous answer, then carry on to the end.
  await page.getByRole('button', { name: '← Previous' }).click();
  await expect(page.getByRole('radio', { name: /\(first choice\)/ })).toBeChecked();
  await expect(page.getByRole('radio', { name: /^2 unsure/ })).toBeChecked();
  await page.keyboard.press('1');
  await page.getByRole('button', { name: /Save and continue/ }).click();
  await expect(page.getByTestId('reader-screen')).toHaveAttribute('data-position', resumeAt ?? '');
  for (let answered = 2; answered < STUDY_SIZE; answered += 1) await answerWithKeys(page, 2, null);
  await expect(page.getByTestId('reader-done')).toContainText(`All ${STUDY_SIZE} images are answered`);
  await expect(page.getByTestId('reader-progress')).toHaveAttribute('value', String(STUDY_SIZE));

  // Reader two answers through the API.
  const readerTwoSession = await signInCookie(readerTwo.email, readerTwo.password);
  for (;;) {
    const { myReaderAssignments } = await graphqlData<{
      myReaderAssignments: {
        studyName: string;
        nextItem: { id: string } | null;
        categories: { id: string }[];
      }[];
    }>('{ myReaderAssignments { studyName nextItem { id } categories { id } } }', {}, readerTwoSession);
    const mine = myReaderAssignments.find((assignment) => assignment.studyName === studyName);
    if (!mine?.nextItem) break;
    await graphqlData(
      'mutation ($input: ReaderAnswerInput!) { submitReaderAnswer(input: $input) { item { id } } }',
      {
        input: { itemId: mine.nextItem.id, categoryId: mine.categories[0]!.id, confidence: 3, timeMs: 2500 },
      },
      readerTwoSession,
    );
  }

  // Blinding: with the reader's session and with a token acting as READER, labels, predictions, technologist
  // text, exports and images by id are all refused.
  const readerSession = await signInCookie(readerOne.email, readerOne.password);
  const { createApiToken } = await graphqlData<{ createApiToken: { secret: string } }>(
    'mutation { createApiToken(name: "reader study e2e", role: READER) { secret } }',
    {},
    admin,
  );
  const { dataset: someImages } = await graphqlData<{
    dataset: { images: { edges: { node: { id: string } }[] } };
  }>(
    'query ($id: ID!) { dataset(id: $id) { images(first: 1, filter: { split: TEST, labelled: true }) { edges { node { id } } } } }',
    { id: dataset.id },
    admin,
  );
  const imageId = someImages.images.edges[0]!.node.id;
  const probes: [string, Record<string, unknown>][] = [
    ['query ($id: ID!) { image(id: $id) { currentLabel { category { name } } } }', { id: imageId }],
    ['query ($id: ID!) { image(id: $id) { prediction { margin } } }', { id: imageId }],
    ['query ($id: ID!) { image(id: $id) { annotation { text } } }', { id: imageId }],
    ['query ($id: ID!) { node(id: $id) { id ... on Image { currentLabel { id } } } }', { id: imageId }],
    [
      'query ($id: ID!) { dataset(id: $id) { images(first: 5) { edges { node { id } } } } }',
      { id: dataset.id },
    ],
    ['query ($id: ID!) { exportDataset(datasetId: $id) { __typename } }', { id: dataset.id }],
    ['query ($id: ID!) { readerStudy(id: $id) { results { imageCount } } }', { id: study.id }],
  ];
  for (const credentials of [readerSession, { token: createApiToken.secret }]) {
    for (const [query, variables] of probes) {
      const reply = await graphql<Record<string, { id?: string } | null>>(query, variables, credentials);
      const leaked = JSON.stringify(reply.data ?? {});
      expect(reply.errors?.[0]?.extensions?.code, `${query} is refused`).toMatch(/FORBIDDEN|UNAUTHENTICATED/);
      expect(leaked, `${query} returns nothing`).not.toMatch(/currentLabel|prediction|annotation|edges/);
    }
  }

  // The admin closes the study; the reader now sees it read-only.
  await graphqlData('mutation ($id: ID!) { closeReaderStudy(id: $id) { state } }', { id: study.id }, admin);
  await page.goto('/read');
  await expect(row).toHaveAttribute('data-state', 'CLOSED');
  await row.getByRole('link', { name: `View ${studyName}` }).click();
  await expect(page.getByTestId('reader-closed')).toContainText('answers are final');
  await expect(page.getByTestId('reader-image')).toHaveCount(0);
  await readerContext.close();

  // The admin reads the report.
  const adminContext = await browser.newContext({ baseURL });
  const adminPage = await adminContext.newPage();
  await adminPage.goto('/sign-in');
  await submitSignIn(adminPage, adminEmail, readAdminPassword());
  await expect(adminPage.getByRole('heading', { level: 1, name: 'Datasets' })).toBeVisible();
  const studiesPath = `/datasets/${encodeURIComponent(dataset.id)}/reader-studies`;
  await adminPage.goto(studiesPath);
  await expect(adminPage.getByRole('link', { name: 'Reader studies' })).toHaveAttribute(
    'aria-current',
    'page',
  );
  const studyRow = adminPage.getByTestId('reader-study-row').filter({ hasText: studyName });
  await expect(studyRow).toHaveAttribute('data-state', 'CLOSED');
  await adminPage.screenshot({ path: artifactPath('reader-studies.png'), fullPage: true });
  await studyRow.getByRole('link', { name: studyName }).click();

  const report = adminPage.getByTestId('reader-report');
  await expect(report.getByRole('heading', { level: 2, name: studyName })).toBeVisible();
  const accuracy = report.getByTestId('report-accuracy');
  await expect(accuracy.getByRole('row', { name: /Reader One/ })).toContainText(`/${STUDY_SIZE})`);
  await expect(accuracy.getByRole('row', { name: /Reader Two/ })).toContainText(`/${STUDY_SIZE})`);
  const heatmaps = report.getByTestId('report-heatmap');
  expect(await heatmaps.count()).toBeGreaterThanOrEqual(2);
  await expect(heatmaps.first().getByRole('img')).toHaveAttribute('aria-label', /confusion matrix/);
  await expect(report.getByTestId('report-comparisons')).toContainText(
    /Reader (One|Two) vs Reader (One|Two)/,
  );
  await expect(report.getByTestId('report-comparisons')).toContainText(/p [=<] [0-9.]+/);
  await expect(
    report.getByTestId('report-reading-time').getByRole('row', { name: /Reader Two/ }),
  ).toContainText('2.5 s');
  await expect(report.getByTestId('report-composition')).toContainText('Test');
  await adminPage.screenshot({ path: artifactPath('reader-report.png'), fullPage: true });

  // The HTML export stands alone: nothing fetched from another origin.
  const exportUrl = await adminPage.getByTestId('export-html').getAttribute('href');
  expect(exportUrl).toMatch(/\/report\.html$/);
  const exported = await adminPage.request.get(exportUrl!);
  expect(exported.status()).toBe(200);
  expect(exported.headers()['content-type']).toContain('text/html');
  const html = await exported.text();
  expect(html).toContain(studyName);
  expect(html).toContain('<svg');
  expect(html).not.toMatch(/\s(?:src|href)\s*=\s*["']?(?:https?:)?\/\//i);
  expect(html).not.toMatch(/<script|<link|@import|url\(/i);

  // The PDF: the export printed by Chromium, with no request leaving the page.
  const requests: string[] = [];
  adminPage.on('request', (request) => requests.push(request.url()));
  await adminPage.goto(exportUrl!);
  await expect(adminPage.getByRole('heading', { level: 2, name: studyName })).toBeVisible();
  const origin = new URL(baseURL ?? '').origin;
  expect(requests.filter((url) => new URL(url).origin !== origin)).toEqual([]);
  const pdfPath = artifactPath('reader-report.pdf');
  await adminPage.pdf({
    path: pdfPath,
    format: 'A4',
    printBackground: true,
    margin: { top: '15mm', bottom: '15mm' },
  });
  const pdf = readFileSync(pdfPath);
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(pdf.length).toBeGreaterThan(10_000);

  // A data scientist's way: create a draft in the form, open it, close it.
  await adminPage.goto(studiesPath);
  const draftName = `Second reading ${Date.now().toString(36)}`;
  const form = adminPage.getByRole('form', { name: 'New reader study' });
  await form.getByLabel('Name').fill(draftName);
  await form.getByRole('checkbox', { name: /Reader Two/ }).check();
  await form.getByLabel('Sample size (optional)').fill('2');
  await form.getByRole('radio', { name: 'The whole image' }).check();
  await form.getByRole('button', { name: 'Create draft' }).click();
  const draftRow = adminPage.getByTestId('reader-study-row').filter({ hasText: draftName });
  await expect(draftRow).toHaveAttribute('data-state', 'DRAFT');
  await expect(draftRow).toContainText('Whole image');
  await expect(form.getByLabel('Name')).toHaveValue('');
  await draftRow.getByRole('button', { name: `Open ${draftName} to readers` }).click();
  await expect(draftRow).toHaveAttribute('data-state', 'OPEN');
  await expect(draftRow).toContainText('Reader Two: 0/2');
  await draftRow.getByRole('button', { name: `Close ${draftName}` }).click();
  await expect(draftRow).toHaveAttribute('data-state', 'CLOSED');
  await adminContext.close();
});
