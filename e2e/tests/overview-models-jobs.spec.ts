import type { Page } from '@playwright/test';
import { graphqlAsPage as graphql } from '../support/api';
import { expect, test } from '../support/fixtures';
import { artifactPath } from '../support/paths';
import { signInAsAdmin } from '../support/sign-in';

type Overview = {
  dataset: {
    imageCount: number;
    studyCount: number;
    overview: {
      labelledCount: number;
      labelCounts: { category: { name: string }; labelledCount: number }[];
      queueSizes: { strategy: string; available: number | null }[];
    };
    latestModelVersion: {
      version: number;
      metrics: { accuracy: number | null; top2Accuracy: number | null };
    } | null;
  };
};

const OVERVIEW = `query($id: ID!) { dataset(id: $id) {
  imageCount studyCount
  overview { labelledCount labelCounts { category { name } labelledCount } queueSizes { strategy available } }
  latestModelVersion { version metrics { accuracy top2Accuracy } }
} }`;

const VERSIONS = `query($id: ID!) { dataset(id: $id) {
  modelVersions(first: 100) { edges { node { id version isPromoted } } }
  promotedModelVersion { version }
} }`;

type Versions = {
  dataset: {
    modelVersions: { edges: { node: { id: string; version: number; isPromoted: boolean } }[] };
    promotedModelVersion: { version: number } | null;
  };
};

const PAIRED = `query($a: ID!, $b: ID!) { compareModelVersions(first: $a, second: $b) {
  imageCount onlyFirstCorrect onlySecondCorrect discordantImages(first: 12) { totalCount }
} }`;

type Paired = {
  compareModelVersions: {
    imageCount: number;
    onlyFirstCorrect: number;
    onlySecondCorrect: number;
    discordantImages: { totalCount: number };
  };
};

const ACTIVE_JOBS = `query($id: ID!) { dataset(id: $id) { jobs(first: 50) { edges { node { state } } } } }`;

const percent = (value: number | null) => (value === null ? '–' : `${(value * 100).toFixed(1)} %`);

/** Waits until the dataset has no queued or running job, so counts read now stay put while the page loads. */
async function waitForIdle(page: Page, datasetId: string) {
  await expect
    .poll(
      async () => {
        const { dataset } = await graphql<{ dataset: { jobs: { edges: { node: { state: string } }[] } } }>(
          page,
          ACTIVE_JOBS,
          { id: datasetId },
        );
        return dataset.jobs.edges.filter(({ node }) => node.state === 'QUEUED' || node.state === 'RUNNING')
          .length;
      },
      { timeout: 150_000, intervals: [1000] },
    )
    .toBe(0);
}

const versionRow = (page: Page, version: number) =>
  page.locator(`[data-testid="version-row"][data-version="${version}"]`);

test('overview numbers, model versions compared and promoted, and a requested training run', async ({
  page,
}) => {
  test.setTimeout(420_000);
  await signInAsAdmin(page);
  const { datasets } = await graphql<{ datasets: { id: string; name: string }[] }>(
    page,
    '{ datasets { id name } }',
  );
  const demo = datasets.find((dataset) => dataset.name === 'demo-abdomen');
  expect(demo, 'the demo dataset').toBeDefined();
  const datasetId = demo!.id;
  const base = `/datasets/${encodeURIComponent(datasetId)}`;

  // Overview: what the page shows is what GraphQL says.
  await waitForIdle(page, datasetId);
  const { dataset: expected } = await graphql<Overview>(page, OVERVIEW, { id: datasetId });
  await page.goto(base);
  await expect(page.getByTestId('error-panel')).toHaveCount(0);
  await expect(page.getByTestId('overview-images')).toHaveText(String(expected.imageCount));
  await expect(page.getByTestId('overview-studies')).toHaveText(String(expected.studyCount));
  await expect(page.getByTestId('overview-labelled')).toHaveText(String(expected.overview.labelledCount));
  expect(expected.overview.labelCounts.length).toBeGreaterThan(0);
  for (const { category, labelledCount } of expected.overview.labelCounts)
    await expect(
      page.locator(`[data-testid="category-bar"][data-category="${category.name}"]`),
    ).toHaveAttribute('data-count', String(labelledCount));
  await expect(page.getByRole('img', { name: /Labelled images per category/ })).toBeVisible();
  for (const { strategy, available } of expected.overview.queueSizes)
    await expect(page.getByTestId(`queue-size-${strategy}`)).toHaveText(
      available === null ? 'not counted' : String(available),
    );
  const model = expected.latestModelVersion;
  await expect(page.getByTestId('overview-accuracy')).toHaveText(percent(model?.metrics.accuracy ?? null));
  await expect(page.getByTestId('overview-top2')).toHaveText(percent(model?.metrics.top2Accuracy ?? null));
  if (expected.overview.labelledCount > 0) {
    await expect(page.getByTestId('label-progress-chart')).toBeVisible();
    await page.getByRole('button', { name: 'Per hour' }).click();
    await expect(page.getByRole('button', { name: 'Per hour' })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('label-progress-chart')).toBeVisible();
  }
  await page.screenshot({ path: artifactPath('overview.png'), fullPage: true });

  // Models: two versions at least; a training run is requested while the screen is open when there are fewer.
  await page.getByRole('navigation', { name: 'Dataset' }).getByRole('link', { name: 'Models' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Models' })).toBeVisible();
  let versions = (await graphql<Versions>(page, VERSIONS, { id: datasetId })).dataset.modelVersions.edges.map(
    (edge) => edge.node,
  );
  while (versions.length < 2) {
    const before = versions.length;
    await graphql(page, 'mutation($id: ID!) { requestRetrain(datasetId: $id) }', { id: datasetId });
    // The new version appears live, without a reload.
    await expect(page.getByTestId('version-row')).toHaveCount(before + 1, { timeout: 150_000 });
    versions = (await graphql<Versions>(page, VERSIONS, { id: datasetId })).dataset.modelVersions.edges.map(
      (edge) => edge.node,
    );
  }
  const [newest, older] = versions as [(typeof versions)[0], (typeof versions)[0]];
  await page.reload();
  await expect(page.getByTestId('version-row')).toHaveCount(versions.length);

  // The newest version's confusion matrix (counts in the cells), per-class table and reliability diagram.
  const detail = page.getByTestId('version-detail');
  await expect(detail).toHaveAttribute('data-version', String(newest.version));
  await expect(
    detail.getByRole('heading', { name: `Version ${newest.version} on its test images` }),
  ).toBeVisible();
  const cells = detail.getByTestId('confusion-cell');
  expect(await cells.count()).toBeGreaterThan(0);
  for (const text of await cells.allTextContents()) expect(text).toMatch(/^\d+$/);
  await expect(
    detail.getByTestId('per-class-table').getByRole('columnheader', { name: 'Recall' }),
  ).toBeVisible();
  await expect(detail.getByTestId('per-class-table').locator('tbody tr')).not.toHaveCount(0);
  await expect(detail.getByRole('img', { name: /Reliability diagram/ })).toBeVisible();
  await expect(page.getByRole('img', { name: /Test accuracy by model version/ })).toBeVisible();

  // Compare the two newest versions side by side.
  const compare = page.getByTestId('version-compare');
  await compare.getByLabel('First version').selectOption(older.id);
  await compare.getByLabel('Second version').selectOption(newest.id);
  const compareTable = compare.getByTestId('compare-table');
  await expect(
    compareTable.getByRole('columnheader', { name: new RegExp(`^v${older.version}`) }),
  ).toBeVisible();
  await expect(
    compareTable.getByRole('columnheader', { name: new RegExp(`^v${newest.version}`) }),
  ).toBeVisible();
  await expect(
    compareTable.getByRole('columnheader', { name: `Difference (v${newest.version} − v${older.version})` }),
  ).toBeVisible();
  await expect(compareTable.getByRole('row', { name: /Top-1 accuracy/ })).toBeVisible();
  await expect(compare.getByTestId('compare-heatmap-left')).toBeVisible();
  await expect(compare.getByTestId('compare-heatmap-right')).toBeVisible();

  // The same two versions on the same test images: what the page shows is what GraphQL says.
  const { compareModelVersions: paired } = await graphql<Paired>(page, PAIRED, { a: older.id, b: newest.id });
  const pairedView = compare.getByTestId('paired-comparison');
  await expect(pairedView).toHaveAttribute('data-image-count', String(paired.imageCount));
  await expect(pairedView.getByTestId('comparison-verdict')).toHaveText(
    paired.imageCount === 0 ? /cannot be compared yet/ : new RegExp(`v${newest.version}|same`),
  );
  if (paired.imageCount > 0) {
    await expect(pairedView.getByTestId('only-first-correct')).toHaveText(String(paired.onlyFirstCorrect));
    await expect(pairedView.getByTestId('only-second-correct')).toHaveText(String(paired.onlySecondCorrect));
  }
  await expect(pairedView.getByTestId('discordant-image')).toHaveCount(
    Math.min(12, paired.discordantImages.totalCount),
  );
  await compare.getByLabel('First version').selectOption(newest.id);
  await expect(pairedView).toHaveText(/Choose two different versions/);
  await compare.getByLabel('First version').selectOption(older.id);
  await expect(pairedView).toHaveAttribute('data-image-count', String(paired.imageCount));

  // Promote one version, then the other: the mark moves, here and in the API.
  const first = versions.find((version) => !version.isPromoted)!;
  const second = first.id === newest.id ? older : newest;
  await versionRow(page, first.version)
    .getByRole('button', { name: `Promote v${first.version}` })
    .click();
  await expect(versionRow(page, first.version).getByTestId('promoted-mark')).toHaveText('★ Promoted');
  await expect(page.getByTestId('promoted-mark')).toHaveCount(1);
  await versionRow(page, second.version)
    .getByRole('button', { name: `Promote v${second.version}` })
    .click();
  await expect(versionRow(page, second.version).getByTestId('promoted-mark')).toBeVisible();
  await expect(versionRow(page, first.version).getByTestId('promoted-mark')).toHaveCount(0);
  await expect(
    versionRow(page, first.version).getByRole('button', { name: `Promote v${first.version}` }),
  ).toBeVisible();
  await expect(page.getByTestId('promoted-mark')).toHaveCount(1);
  expect((await graphql<Versions>(page, VERSIONS, { id: datasetId })).dataset.promotedModelVersion).toEqual({
    version: second.version,
  });
  await expect(page.getByTestId('accuracy-chart-promoted')).toHaveAttribute(
    'data-version',
    String(second.version),
  );
  await page.screenshot({ path: artifactPath('models.png'), fullPage: true });

  // Jobs: request a training run and follow it live to its end.
  await page.getByRole('navigation', { name: 'Dataset' }).getByRole('link', { name: 'Jobs' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Jobs' })).toBeVisible();
  const rowsBefore = await page
    .getByTestId('job-row')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-job-id')));
  await page.getByRole('button', { name: 'Retrain now' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Training run requested.' })).toBeVisible();
  const newRows = rowsBefore.map((id) => `:not([data-job-id="${id}"])`).join('');
  const retrainRow = page.locator(`[data-testid="job-row"][data-kind="retrain"]${newRows}`).first();
  await expect(retrainRow).toBeVisible();
  await expect(retrainRow.getByRole('rowheader')).toHaveText('Training');
  await expect(retrainRow.getByTestId('job-state')).toHaveText(/Queued|Running|Succeeded/);
  await expect(retrainRow.getByRole('progressbar', { name: 'Training progress' })).toBeVisible();
  await expect(retrainRow.getByTestId('job-state')).toHaveText('Succeeded', { timeout: 150_000 });
  await expect(retrainRow).toHaveAttribute('data-state', 'SUCCEEDED');
  await page.screenshot({ path: artifactPath('jobs.png'), fullPage: true });
});
