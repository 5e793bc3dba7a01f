import { graphqlAsPage as graphql } from '../support/api';
import { expect, test } from '../support/fixtures';
import { signInAsAdmin } from '../support/sign-in';

const SETTINGS = `query($id: ID!) { dataset(id: $id) {
  trainingSettings { head customHyperparameters }
  latestModelVersion { version head hyperparameters }
} }`;

type Settings = {
  dataset: {
    trainingSettings: { head: string; customHyperparameters: Record<string, unknown> };
    latestModelVersion: { version: number; head: string; hyperparameters: Record<string, unknown> } | null;
  };
};

// Whatever happens in the test, the demo dataset goes back to the default settings for the other specs.
test.afterEach(async ({ page }) => {
  const { datasets } = await graphql<{ datasets: { id: string; name: string }[] }>(
    page,
    '{ datasets { id name } }',
  );
  const demo = datasets.find((dataset) => dataset.name === 'demo-abdomen');
  if (demo)
    await graphql(
      page,
      'mutation($id: ID!) { updateTrainingSettings(datasetId: $id, head: LINEAR, hyperparameters: {}) { id } }',
      {
        id: demo.id,
      },
    );
});

test('a data scientist trains the MLP head from the Models screen, then goes back to the defaults', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await signInAsAdmin(page);
  const { datasets } = await graphql<{ datasets: { id: string; name: string }[] }>(
    page,
    '{ datasets { id name } }',
  );
  const datasetId = datasets.find((dataset) => dataset.name === 'demo-abdomen')!.id;
  const read = async () => (await graphql<Settings>(page, SETTINGS, { id: datasetId })).dataset;
  const before = await read();
  expect(before.trainingSettings).toEqual({ head: 'LINEAR', customHyperparameters: {} });

  await page.goto(`/datasets/${encodeURIComponent(datasetId)}/models`);
  const panel = page.getByTestId('training-settings');
  await expect(panel.getByLabel('Learning rate')).toHaveAttribute('placeholder', '0.001');
  // The MLP's own fields appear with its head.
  await expect(panel.getByLabel('Hidden layers', { exact: true })).toHaveCount(0);
  await expect(async () => {
    await panel.getByLabel(/MLP head/).check();
    await expect(panel.getByLabel('Hidden layers', { exact: true })).toBeVisible({ timeout: 1000 });
  }).toPass();
  await panel.getByLabel('Hidden layers', { exact: true }).fill('32');
  await panel.getByLabel('Most epochs').fill('2.5');
  await panel.getByRole('button', { name: 'Save and retrain' }).click();
  await expect(panel.getByText('Enter a whole number.')).toBeVisible();
  expect((await read()).trainingSettings.head).toBe('LINEAR');

  await panel.getByLabel('Most epochs').fill('5');
  await panel.getByRole('button', { name: 'Save and retrain' }).click();
  await expect(panel.getByTestId('training-settings-outcome')).toHaveText(/Saved/);
  expect((await read()).trainingSettings).toEqual({
    head: 'MLP',
    customHyperparameters: { hiddenUnits: [32], maxEpochs: 5 },
  });
  // The run the change asked for writes an MLP version, which appears on the screen without a reload.
  await expect
    .poll(async () => (await read()).latestModelVersion, { timeout: 180_000, intervals: [1000] })
    .toMatchObject({ head: 'mlp', hyperparameters: { hiddenUnits: [32], maxEpochs: 5 } });
  const mlpVersion = (await read()).latestModelVersion!.version;
  await expect(page.locator(`[data-testid="version-row"][data-version="${mlpVersion}"]`)).toBeVisible();

  // An API refusal is shown next to the form, and nothing changes.
  await panel.getByLabel('Hidden layers', { exact: true }).fill('100000');
  await panel.getByRole('button', { name: 'Save and retrain' }).click();
  await expect(panel.getByRole('alert')).toHaveText(/hiddenUnits/);
  expect((await read()).trainingSettings.customHyperparameters).toEqual({ hiddenUnits: [32], maxEpochs: 5 });

  await panel.getByRole('button', { name: 'Back to the defaults' }).click();
  await expect(panel.getByTestId('training-settings-outcome')).toHaveText(/Saved/);
  await expect(panel.getByLabel(/Linear head/)).toBeChecked();
  expect((await read()).trainingSettings).toEqual({ head: 'LINEAR', customHyperparameters: {} });
  await expect
    .poll(async () => (await read()).latestModelVersion?.head, { timeout: 180_000, intervals: [1000] })
    .toBe('linear');
});
