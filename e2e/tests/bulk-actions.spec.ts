import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { adminApi, createAnnotator, demoDataset, graphql, signInAs } from '../support/annotators';
import { expect, test } from '../support/fixtures';
import { artifactPath } from '../support/paths';

const STATE = `query ($d: ID!) {
  dataset(id: $d) {
    images(first: 500) {
      edges {
        node { id sourceFileName study { id key } currentLabel { id source category { id } } exclusion { reason } }
      }
    }
  }
}`;
const INCLUDE = 'mutation ($ids: [ID!]!) { includeImages(imageIds: $ids) { id } }';
const CLEAR_LABELS = 'mutation ($ids: [ID!]!) { bulkLabel(imageIds: $ids, categoryId: null) { id } }';
const reason = 'Duplicate: same series as the one before';

type ImageState = {
  id: string;
  sourceFileName: string;
  study: { id: string; key: string };
  currentLabel: { id: string; source: string; category: { id: string } | null } | null;
  exclusion: { reason: string } | null;
};

/** Every image of the dataset as the API has it now, by id. */
async function imageStates(admin: APIRequestContext, datasetId: string): Promise<Map<string, ImageState>> {
  const data = await graphql<{ dataset: { images: { edges: { node: ImageState }[] } } }>(admin, STATE, {
    d: datasetId,
  });
  return new Map(data.dataset.images.edges.map(({ node }) => [node.id, node]));
}

/** The ids of the cards the grid shows, in grid order. */
function cardIds(page: Page): Promise<string[]> {
  return page
    .getByTestId('image-card')
    .evaluateAll((cards) => cards.map((card) => card.getAttribute('data-image-id') ?? ''));
}

function card(page: Page, imageId: string): Locator {
  return page.locator(`[data-testid="image-card"][data-image-id="${imageId}"]`);
}

/** The selection checkbox of an image, found by its accessible name, which names the image and its study. */
function checkbox(page: Page, image: ImageState): Locator {
  return card(page, image.id).getByRole('checkbox', {
    name: `Select ${image.sourceFileName} of study ${image.study.key}`,
    exact: true,
  });
}

/**
 * Turns selection mode on. A click that lands before the page has hydrated reaches no handler, so it is
 * repeated until the selection bar is there.
 */
async function startSelecting(page: Page): Promise<void> {
  const mode = page.getByTestId('selection-mode');
  await expect(async () => {
    if ((await mode.getAttribute('aria-pressed')) !== 'true') await mode.click();
    await expect(page.getByTestId('selection-bar')).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
}

async function selectedIds(page: Page): Promise<string[]> {
  return page
    .locator('[data-testid="image-card"][data-selected="true"]')
    .evaluateAll((cards) => cards.map((element) => element.getAttribute('data-image-id') ?? ''));
}

test('an annotator labels a Shift+click range and one more picked with the keyboard, excludes two images and brings them back', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const admin = await adminApi();
  const dataset = await demoDataset(admin);
  const category = dataset.categories[1] ?? dataset.categories[0];
  if (!category) throw new Error('The demo dataset has no category.');
  const annotator = await createAnnotator(admin, 'Bulk Annotator');
  const before = await imageStates(admin, dataset.id);
  const unlabelled = [...before.values()].filter(
    (image) => !image.currentLabel?.category && !image.exclusion,
  );
  expect(unlabelled.length).toBeGreaterThanOrEqual(8);

  await signInAs(page, annotator);
  await page.goto(`/datasets/${encodeURIComponent(dataset.id)}/images`);
  // The classic workflow starts from a filter: the unlabelled images.
  await page.getByLabel('Labelled').selectOption('no');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/labelled=no/);
  const unlabelledCount = [...before.values()].filter((image) => !image.currentLabel?.category).length;
  await expect(page.getByTestId('image-card')).toHaveCount(unlabelledCount);
  // No checkboxes until one chooses to select.
  await expect(page.getByTestId('select-image')).toHaveCount(0);
  await startSelecting(page);
  await expect(page.getByTestId('select-image')).toHaveCount(unlabelledCount);
  const bar = page.getByTestId('selection-bar');
  await expect(bar.getByTestId('selection-count')).toContainText('0 selected');
  await expect(bar.getByRole('button', { name: 'Label as…' })).toBeDisabled();

  const order = (await cardIds(page)).map((id) => before.get(id)!);
  const usable = order.filter((image) => !image.exclusion);
  expect(usable.length).toBeGreaterThanOrEqual(8);
  const at = (index: number) => order.indexOf(usable[index]!);
  // A click on the first, Shift+click three further on: the four between them, in grid order.
  const first = at(0);
  const last = first + 3;
  await checkbox(page, order[first]!).click();
  await checkbox(page, order[last]!).click({ modifiers: ['Shift'] });
  const range = order.slice(first, last + 1);
  expect(range.every((image) => !image.exclusion)).toBe(true);
  expect(await selectedIds(page)).toEqual(range.map((image) => image.id));
  await expect(bar.getByTestId('selection-count')).toContainText('4 selected');

  // One more, skipping the next card: Tab from the range's last checkbox goes through that card's two
  // links and the next card to the checkbox after it; Space selects it.
  const skipped = order[last + 1]!;
  const extra = order[last + 2]!;
  expect(extra.exclusion).toBeNull();
  await checkbox(page, order[last]!).focus();
  for (let tab = 0; tab < 6; tab += 1) await page.keyboard.press('Tab');
  await expect(checkbox(page, extra)).toBeFocused();
  await page.keyboard.press('Space');
  await expect(checkbox(page, extra)).toBeChecked();
  await expect(checkbox(page, skipped)).not.toBeChecked();
  const chosen = [...range, extra].map((image) => image.id);
  expect(await selectedIds(page)).toEqual(chosen);
  await expect(bar.getByTestId('selection-count')).toContainText('5 selected');

  // Label as… the category: the cards show it, the selection is empty again.
  await bar.getByRole('button', { name: 'Label as…' }).click();
  const labelForm = page.getByTestId('bulk-label-form');
  await labelForm.getByRole('button', { name: 'Label 5 images' }).click();
  await expect(labelForm.getByTestId('field-error')).toHaveText(/Choose a category/);
  await labelForm.getByLabel('Category').selectOption({ label: category.name });
  await page.screenshot({ path: artifactPath('bulk-label.png'), fullPage: false });
  await labelForm.getByRole('button', { name: 'Label 5 images' }).click();
  await expect(bar.getByTestId('bulk-outcome')).toHaveText(`✓ Labelled 5 images as ${category.name}.`);
  await expect(bar.getByTestId('selection-count')).toContainText('0 selected');
  await expect(labelForm).toHaveCount(0);
  expect(await selectedIds(page)).toEqual([]);
  for (const id of chosen)
    await expect(card(page, id).getByTestId('label-badge')).toContainText(category.name);
  await expect(card(page, skipped.id).getByTestId('label-badge')).toHaveText('Unlabelled');

  // The API has exactly those five labelled so, by an annotator; no other image changed.
  const labelled = await imageStates(admin, dataset.id);
  for (const [id, image] of labelled) {
    if (chosen.includes(id)) {
      expect(image.currentLabel?.category?.id, id).toBe(category.id);
      expect(image.currentLabel?.source, id).toBe('ANNOTATOR');
    } else {
      expect(image.currentLabel?.id ?? null, id).toBe(before.get(id)!.currentLabel?.id ?? null);
    }
    expect(image.exclusion, id).toEqual(before.get(id)!.exclusion);
  }

  // A new filter is a new list: what was selected does not follow (the Clear link navigates in place).
  await checkbox(page, usable[5]!).click();
  await checkbox(page, usable[6]!).click();
  await expect(bar.getByTestId('selection-count')).toContainText('2 selected');
  await page.getByRole('link', { name: 'Clear', exact: true }).click();
  await expect(page).not.toHaveURL(/labelled=no/);
  await expect(page.getByTestId('image-card')).toHaveCount(before.size);
  await expect(page.getByTestId('selection-bar')).toHaveCount(0);
  await startSelecting(page);
  await expect(bar.getByTestId('selection-count')).toContainText('0 selected');
  expect(await selectedIds(page)).toEqual([]);

  // Exclude two with a reason chosen from the labeler's quick reasons, and details. They are images labelled
  // at import, which the RANDOM review queue never serves (the exclusion spec excludes one it serves).
  const imported = (await cardIds(page))
    .map((id) => before.get(id)!)
    .filter((image) => image.currentLabel?.category && !image.exclusion);
  expect(imported.length).toBeGreaterThanOrEqual(3);
  const pair = imported.slice(0, 2);
  const inUse = imported[2]!;
  for (const image of pair) await checkbox(page, image).click();
  await expect(bar.getByTestId('selection-count')).toContainText('2 selected');
  await bar.getByRole('button', { name: 'Exclude…' }).click();
  const excludeForm = page.getByTestId('bulk-exclude-form');
  await expect(excludeForm.getByRole('radio', { name: 'Not diagnostic' })).toBeFocused();
  await excludeForm.getByRole('radio', { name: 'Duplicate' }).check();
  await excludeForm.getByTestId('exclusion-details').fill('same series as the one before');
  await excludeForm.getByRole('button', { name: 'Exclude 2 images' }).click();
  await expect(bar.getByTestId('bulk-outcome')).toHaveText('✓ Excluded 2 images.');
  for (const image of pair) {
    await expect(card(page, image.id)).toHaveAttribute('data-excluded', 'true');
    await expect(card(page, image.id).getByTestId('excluded-badge')).toHaveAttribute(
      'title',
      new RegExp(reason),
    );
  }
  const excluded = await imageStates(admin, dataset.id);
  for (const [id, image] of excluded) {
    if (pair.some((one) => one.id === id)) expect(image.exclusion?.reason, id).toBe(reason);
    else expect(image.exclusion, id).toEqual(before.get(id)!.exclusion);
  }
  // Their labels stay.
  for (const image of pair) expect(excluded.get(image.id)?.currentLabel?.id).toBe(image.currentLabel?.id);

  // Include again: the two come back; a third image in use is left as it is, and the outcome says so.
  for (const image of [...pair, inUse]) await checkbox(page, image).click();
  await bar.getByRole('button', { name: 'Include again' }).click();
  await expect(bar.getByTestId('bulk-outcome')).toHaveText(
    '✓ Included 2 images again. 1 image was in use already.',
  );
  for (const image of pair) await expect(card(page, image.id)).toHaveAttribute('data-excluded', 'false');
  await expect(page.getByTestId('excluded-badge')).toHaveCount(
    [...before.values()].filter((image) => image.exclusion).length,
  );
  await expect(bar.getByTestId('selection-count')).toContainText('0 selected');
  const included = await imageStates(admin, dataset.id);
  for (const [id, image] of included) expect(image.exclusion, id).toEqual(before.get(id)!.exclusion);

  // The review-queue specs need their unlabelled images: "Clear label" takes the labels off again.
  for (const id of chosen) await checkbox(page, before.get(id)!).click();
  await bar.getByRole('button', { name: 'Label as…' }).click();
  await page.getByTestId('bulk-label-form').getByRole('button', { name: 'Clear label' }).click();
  await expect(bar.getByTestId('bulk-outcome')).toHaveText('✓ Cleared the labels of 5 images.');
  for (const id of chosen) await expect(card(page, id).getByTestId('label-badge')).toHaveText('Unlabelled');
  const cleared = await imageStates(admin, dataset.id);
  for (const id of chosen) expect(cleared.get(id)?.currentLabel?.category ?? null, id).toBeNull();
  await admin.dispose();
});

test('an API refusal of a bulk label is shown, and nothing is reported as done', async ({ page }) => {
  const admin = await adminApi();
  const dataset = await demoDataset(admin);
  const category = dataset.categories[0];
  if (!category) throw new Error('The demo dataset has no category.');
  const annotator = await createAnnotator(admin, 'Refused Annotator');
  const before = await imageStates(admin, dataset.id);

  await signInAs(page, annotator);
  await page.goto(`/datasets/${encodeURIComponent(dataset.id)}/images`);
  await startSelecting(page);
  const order = (await cardIds(page)).map((id) => before.get(id)!);
  const pair = order.slice(0, 2);
  for (const image of pair) await checkbox(page, image).click();
  const bar = page.getByTestId('selection-bar');
  await expect(bar.getByTestId('selection-count')).toContainText('2 selected');

  let refused = 0;
  await page.route('**/graphql', async (route) => {
    if (route.request().postData()?.includes('mutation BulkLabel')) {
      refused += 1;
      await route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({
          errors: [{ message: 'Labelling is paused for maintenance.', extensions: { code: 'UNAVAILABLE' } }],
        }),
      });
    } else await route.continue();
  });
  await bar.getByRole('button', { name: 'Label as…' }).click();
  await page.getByTestId('bulk-label-form').getByLabel('Category').selectOption({ label: category.name });
  await page.getByTestId('bulk-label-form').getByRole('button', { name: 'Label 2 images' }).click();
  const refusal = bar.getByTestId('field-error');
  await expect(refusal).toHaveText(
    '⚠ No image was labelled. The API refused: Labelling is paused for maintenance.',
  );
  await expect(refusal).toHaveAttribute('data-error-code', 'UNAVAILABLE');
  expect(refused).toBe(1);
  await expect(bar.getByTestId('bulk-outcome')).toHaveCount(0);
  // The selection stays, to try again; the cards and the API still have the labels they had.
  await expect(bar.getByTestId('selection-count')).toContainText('2 selected');
  expect(await selectedIds(page)).toEqual(pair.map((image) => image.id));
  for (const image of pair) {
    const badge = card(page, image.id).getByTestId('label-badge');
    const name = image.currentLabel?.category
      ? dataset.categories.find((one) => one.id === image.currentLabel?.category?.id)?.name
      : 'Unlabelled';
    await expect(badge).toContainText(name ?? '');
  }
  const after = await imageStates(admin, dataset.id);
  for (const [id, image] of after)
    expect(image.currentLabel?.id ?? null, id).toBe(before.get(id)!.currentLabel?.id ?? null);
  await page.unroute('**/graphql');
  await admin.dispose();
});

test('every selection checkbox has its own accessible name, which names the image', async ({ page }) => {
  const admin = await adminApi();
  const dataset = await demoDataset(admin);
  const annotator = await createAnnotator(admin, 'Names Annotator');
  const states = await imageStates(admin, dataset.id);
  await signInAs(page, annotator);
  await page.goto(`/datasets/${encodeURIComponent(dataset.id)}/images`);
  await startSelecting(page);
  const boxes = page.getByTestId('select-image');
  await expect(boxes).toHaveCount(states.size);
  const names = await boxes.evaluateAll((inputs) =>
    inputs.map((input) => (input as HTMLInputElement).labels?.[0]?.textContent?.trim() ?? ''),
  );
  expect(new Set(names).size).toBe(names.length);
  // The demo's studies repeat their file names: the study's key tells the checkboxes apart.
  const fileNames = [...states.values()].map((image) => image.sourceFileName);
  expect(new Set(fileNames).size).toBeLessThan(fileNames.length);
  const ids = await cardIds(page);
  for (const [index, name] of names.entries()) {
    const image = states.get(ids[index]!)!;
    expect(name).toBe(`Select ${image.sourceFileName} of study ${image.study.key}`);
    await expect(page.getByRole('checkbox', { name, exact: true })).toHaveCount(1);
  }
  await admin.dispose();
});

/** Images this spec labelled that were unlabelled before: the review-queue specs need them so again. */
const labelledHere = new Set<string>();

test('a bulk label that moves images out of the filter: the count drops at once, the outcome stays, and the screen says which are left', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const admin = await adminApi();
  const dataset = await demoDataset(admin);
  const category = dataset.categories[0];
  if (!category) throw new Error('The demo dataset has no category.');
  const annotator = await createAnnotator(admin, 'Count Annotator');
  const before = await imageStates(admin, dataset.id);
  const unlabelledCount = [...before.values()].filter((image) => !image.currentLabel?.category).length;
  expect(unlabelledCount).toBeGreaterThanOrEqual(5);

  await signInAs(page, annotator);
  await page.goto(`/datasets/${encodeURIComponent(dataset.id)}/images?labelled=no`);
  const summary = page.getByTestId('images-summary');
  const unmatched = page.getByTestId('no-longer-matching');
  await expect(summary).toHaveText(`${unlabelledCount} images match the filters`);
  await expect(unmatched).toHaveCount(0);
  await startSelecting(page);
  const bar = page.getByTestId('selection-bar');
  const pair = (await cardIds(page))
    .map((id) => before.get(id)!)
    .filter((image) => !image.exclusion)
    .slice(0, 2);
  expect(pair).toHaveLength(2);
  for (const image of pair) labelledHere.add(image.id);

  const labelPair = async () => {
    for (const image of pair) await checkbox(page, image).click();
    await expect(bar.getByTestId('selection-count')).toContainText('2 selected');
    await bar.getByRole('button', { name: 'Label as…' }).click();
    const form = page.getByTestId('bulk-label-form');
    await form.getByLabel('Category').selectOption({ label: category.name });
    await form.getByRole('button', { name: 'Label 2 images' }).click();
  };

  // Labelled, the two no longer match "Unlabelled": the count says so without applying the filters again,
  // the outcome stays, and the two cards stay in view (with their new label) under a notice that says so.
  await labelPair();
  const outcome = bar.getByTestId('bulk-outcome');
  await expect(outcome).toHaveText(`✓ Labelled 2 images as ${category.name}.`);
  await expect(summary).toHaveText(`${unlabelledCount - 2} images match the filters`);
  await expect(unmatched).toContainText('2 images shown no longer match the filters.');
  await expect(page.getByTestId('image-card')).toHaveCount(unlabelledCount);
  for (const image of pair)
    await expect(card(page, image.id).getByTestId('label-badge')).toContainText(category.name);
  await expect(outcome).toBeVisible();

  // Cleared again, they match again: the count goes back up and the notice goes.
  for (const image of pair) await checkbox(page, image).click();
  await bar.getByRole('button', { name: 'Label as…' }).click();
  await page.getByTestId('bulk-label-form').getByRole('button', { name: 'Clear label' }).click();
  await expect(outcome).toHaveText('✓ Cleared the labels of 2 images.');
  await expect(summary).toHaveText(`${unlabelledCount} images match the filters`);
  await expect(unmatched).toHaveCount(0);

  // Labelled once more, and taken off the list: the grid then shows only the images that match.
  await labelPair();
  await expect(outcome).toHaveText(`✓ Labelled 2 images as ${category.name}.`);
  await expect(summary).toHaveText(`${unlabelledCount - 2} images match the filters`);
  await unmatched.getByRole('button', { name: 'Remove them from the list' }).click();
  await expect(unmatched).toHaveCount(0);
  await expect(page.getByTestId('image-card')).toHaveCount(unlabelledCount - 2);
  for (const image of pair) await expect(card(page, image.id)).toHaveCount(0);
  await expect(summary).toHaveText(`${unlabelledCount - 2} images match the filters`);
  await expect(outcome).toBeVisible();

  // The API agrees, and a fresh load of the filter lists exactly what the screen said.
  const after = await imageStates(admin, dataset.id);
  for (const image of pair) expect(after.get(image.id)?.currentLabel?.category?.id).toBe(category.id);
  await page.reload();
  await expect(summary).toHaveText(`${unlabelledCount - 2} images match the filters`);
  await expect(page.getByTestId('image-card')).toHaveCount(unlabelledCount - 2);

  await graphql(admin, CLEAR_LABELS, { ids: pair.map((image) => image.id) });
  labelledHere.clear();
  await admin.dispose();
});

test('when an action leaves no image matching the filters, its outcome stays on screen with the images it moved out', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const admin = await adminApi();
  const dataset = await demoDataset(admin);
  const annotator = await createAnnotator(admin, 'Zero Annotator');
  const before = [...(await imageStates(admin, dataset.id)).values()];
  // A study with no excluded image and two labelled ones (the review queue does not serve those).
  const byStudy = new Map<string, ImageState[]>();
  for (const image of before) byStudy.set(image.study.id, [...(byStudy.get(image.study.id) ?? []), image]);
  const study = [...byStudy.values()].find(
    (images) =>
      images.every((image) => !image.exclusion) &&
      images.filter((image) => image.currentLabel?.category).length >= 2,
  );
  if (!study) throw new Error('The demo dataset has no study to exclude two images of.');
  const studyId = study[0]!.study.id;
  const pair = study.filter((image) => image.currentLabel?.category).slice(0, 2);
  const images = `/datasets/${encodeURIComponent(dataset.id)}/images`;
  const summary = page.getByTestId('images-summary');
  const unmatched = page.getByTestId('no-longer-matching');

  await signInAs(page, annotator);
  await page.goto(`${images}?study=${encodeURIComponent(studyId)}`);
  await expect(summary).toHaveText(`${study.length} images match the filters`);
  await startSelecting(page);
  const bar = page.getByTestId('selection-bar');
  for (const image of pair) await checkbox(page, image).click();
  await bar.getByRole('button', { name: 'Exclude…' }).click();
  const excludeForm = page.getByTestId('bulk-exclude-form');
  await excludeForm.getByRole('radio', { name: 'Duplicate' }).check();
  await excludeForm.getByTestId('exclusion-details').fill('same series as the one before');
  await excludeForm.getByRole('button', { name: 'Exclude 2 images' }).click();
  await expect(bar.getByTestId('bulk-outcome')).toHaveText('✓ Excluded 2 images.');
  // Excluded images still belong to the study: nothing left this filter.
  await expect(summary).toHaveText(`${study.length} images match the filters`);
  await expect(unmatched).toHaveCount(0);

  await page.goto(`${images}?study=${encodeURIComponent(studyId)}&excluded=yes`);
  await expect(summary).toHaveText('2 images match the filters');
  await startSelecting(page);
  await bar.getByRole('button', { name: 'Select all loaded' }).click();
  await expect(bar.getByTestId('selection-count')).toContainText('2 selected');
  await bar.getByRole('button', { name: 'Include again' }).click();
  const outcome = bar.getByTestId('bulk-outcome');
  await expect(outcome).toHaveText('✓ Included 2 images again.');
  await expect(summary).toHaveText('0 images match the filters');
  await expect(unmatched).toContainText('2 images shown no longer match the filters.');
  await expect(page.getByTestId('image-card')).toHaveCount(2);
  await expect(page.getByTestId('no-images')).toHaveCount(0);
  await page.screenshot({ path: artifactPath('bulk-no-longer-matching.png'), fullPage: false });

  await unmatched.getByRole('button', { name: 'Remove them from the list' }).click();
  await expect(page.getByTestId('no-images')).toBeVisible();
  await expect(page.getByTestId('image-card')).toHaveCount(0);
  await expect(outcome).toHaveText('✓ Included 2 images again.');
  await expect(summary).toHaveText('0 images match the filters');
  const after = await imageStates(admin, dataset.id);
  for (const image of pair) expect(after.get(image.id)?.exclusion, image.id).toBeNull();
  await admin.dispose();
});

test.afterAll(async () => {
  // Leave none of this spec's exclusions behind for the specs that count them, whatever happened above.
  const admin = await adminApi();
  const dataset = await demoDataset(admin);
  const excluded = [...(await imageStates(admin, dataset.id)).values()].filter(
    (image) => image.exclusion?.reason === reason,
  );
  if (excluded.length > 0) await graphql(admin, INCLUDE, { ids: excluded.map((image) => image.id) });
  if (labelledHere.size > 0) await graphql(admin, CLEAR_LABELS, { ids: [...labelledHere] });
  await admin.dispose();
});
