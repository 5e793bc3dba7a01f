import type { Page } from '@playwright/test';
import { graphqlAsPage as graphql } from '../support/api';
import { expect, test } from '../support/fixtures';
import { artifactPath } from '../support/paths';
import { signInAsAdmin } from '../support/sign-in';

type DemoImage = {
  id: string;
  annotation: { text: string } | null;
  currentLabel: { source: string; category: { id: string } | null } | null;
};

/** The row of a category in the categories table. */
const categoryRow = (page: Page, name: string) =>
  page
    .getByTestId('category-row')
    .filter({ has: page.getByTestId('category-name').getByText(name, { exact: true }) });

async function labelCountOf(page: Page, name: string): Promise<number> {
  return Number(await categoryRow(page, name).getByTestId('category-label-count').textContent());
}

test('curate categories: create, merge with a preview, and label by an alias rule, counts live', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signInAsAdmin(page);

  const { datasets } = await graphql<{ datasets: { id: string; name: string }[] }>(
    page,
    '{ datasets { id name } }',
  );
  const dataset = datasets.find((candidate) => candidate.name === 'demo-abdomen') ?? datasets[0]!;
  const { dataset: demo } = await graphql<{ dataset: { images: { edges: { node: DemoImage }[] } } }>(
    page,
    `query($id: ID!) { dataset(id: $id) { images(first: 100) { edges { node {
      id annotation { text } currentLabel { source category { id } } } } } } }`,
    { id: dataset.id },
  );
  const images = demo.images.edges.map((edge) => edge.node);

  // A technologist text whose images an applied rule would relabel: unlabelled, or labelled by text or import.
  const byText = new Map<string, DemoImage[]>();
  for (const image of images) {
    const text = image.annotation?.text.trim();
    if (!text) continue;
    const changeable =
      !image.currentLabel?.category || ['TECHNOLOGIST', 'IMPORT'].includes(image.currentLabel.source);
    if (changeable) byText.set(text, [...(byText.get(text) ?? []), image]);
  }
  const [aliasText, aliasImages] = [...byText.entries()].sort((a, b) => b[1].length - a[1].length)[0]!;
  expect(aliasImages.length, 'a demo text with images a rule may relabel').toBeGreaterThan(0);
  const others = images.filter((image) => image.annotation?.text.trim() !== aliasText);
  expect(others.length).toBeGreaterThanOrEqual(5);

  const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  const keep = `Keep ${suffix}`;
  const fold = `Fold ${suffix}`;

  await page.goto(`/datasets/${encodeURIComponent(dataset.id)}/categories`);
  await expect(page.getByRole('heading', { level: 2, name: 'Categories' })).toBeVisible();
  await expect(page.getByTestId('error-panel')).toHaveCount(0);

  // Create both categories in the UI; a duplicate name is refused next to the field, the input kept.
  const newCategory = page.getByLabel('New category', { exact: true });
  for (const name of [keep, fold]) {
    await newCategory.fill(name);
    await page.getByRole('button', { name: 'Create category' }).click();
    await expect(categoryRow(page, name)).toBeVisible();
    await expect(newCategory).toHaveValue('');
  }
  await newCategory.fill(keep.toUpperCase());
  await page.getByRole('button', { name: 'Create category' }).click();
  const createForm = page.getByTestId('create-category');
  await expect(createForm.getByTestId('field-error')).toHaveAttribute('data-error-code', 'CONFLICT');
  await expect(newCategory).toHaveValue(keep.toUpperCase());
  await expect(newCategory).toHaveAttribute('aria-invalid', 'true');
  await newCategory.fill('');
  await expect(createForm.getByTestId('field-error')).toHaveCount(0);

  // Label two images into each (as the admin, through GraphQL): the counts follow live.
  const { dataset: withNew } = await graphql<{ dataset: { categories: { id: string; name: string }[] } }>(
    page,
    'query($id: ID!) { dataset(id: $id) { categories { id name } } }',
    { id: dataset.id },
  );
  const idOf = (name: string) => withNew.categories.find((category) => category.name === name)!.id;
  const label = (imageId: string, categoryId: string) =>
    graphql(page, 'mutation($i: ID!, $c: ID) { labelImage(imageId: $i, categoryId: $c) { id } }', {
      i: imageId,
      c: categoryId,
    });
  await label(others[0]!.id, idOf(keep));
  await label(others[1]!.id, idOf(keep));
  await label(others[2]!.id, idOf(fold));
  await label(others[3]!.id, idOf(fold));
  await expect(categoryRow(page, keep).getByTestId('category-label-count')).toHaveText('2');
  await expect(categoryRow(page, fold).getByTestId('category-label-count')).toHaveText('2');

  // Merge: a real dialog with a preview of what moves, then confirm.
  const mergeButton = categoryRow(page, fold).getByRole('button', {
    name: `Merge ${fold} into another category`,
  });
  await mergeButton.click();
  const dialog = page.getByRole('dialog', { name: `Merge “${fold}” into another category` });
  await expect(dialog).toBeVisible();
  const target = dialog.getByLabel('Merge into');
  await expect(target).toBeFocused();
  await target.selectOption({ label: keep });
  await expect(dialog.getByTestId('merge-preview')).toContainText(
    `2 labels and 0 alias rules will move from “${fold}” to “${keep}”`,
  );
  await dialog.getByRole('button', { name: 'Merge', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('categories-notice')).toContainText(
    `Merged “${fold}” into “${keep}”: 2 labels moved.`,
  );
  await expect(categoryRow(page, keep).getByTestId('category-label-count')).toHaveText('4');
  await expect(categoryRow(page, fold)).toHaveCount(0);
  const merged = page.getByTestId('merged-category').filter({ hasText: fold });
  await expect(merged).toContainText(`${fold} Merged into ${keep}`);
  await expect(merged.getByTestId('category-label-count')).toHaveText('0');
  // Focus came back to the page (the merged row and its button are gone).
  await expect(page.getByRole('heading', { level: 2, name: 'Categories' })).toBeFocused();

  // A label written elsewhere moves the count without a reload.
  await label(others[4]!.id, idOf(keep));
  await expect(categoryRow(page, keep).getByTestId('category-label-count')).toHaveText('5');

  // An alias rule: an invalid regular expression is refused beside the field; then a live preview.
  const rules = page.getByTestId('alias-rule-form');
  const pattern = rules.getByLabel('Technologist text');
  await rules.getByLabel('Category').selectOption({ label: keep });
  await rules.getByLabel('Match').selectOption({ label: 'Regular expression (contains a match)' });
  await pattern.fill('(unclosed');
  await expect(rules.getByTestId('field-error')).toHaveAttribute('data-error-code', 'BAD_INPUT');
  await expect(pattern).toHaveValue('(unclosed');
  await rules.getByLabel('Match').selectOption({ label: 'Exact text' });
  await pattern.fill(aliasText);
  await expect(rules.getByTestId('field-error')).toHaveCount(0);
  const samples = rules.getByTestId('alias-preview-sample');
  await expect(samples.filter({ hasText: aliasText }).first()).toBeVisible();
  const changes = rules.getByTestId('alias-preview-changes');
  await expect(changes).toHaveText(/^\d+ labels?$/);
  const changing = Number((await changes.textContent())?.replace(/\D/g, ''));
  expect(changing, 'the rule relabels some images').toBeGreaterThan(0);

  await rules.getByRole('button', { name: 'Create rule' }).click();
  const row = page.locator(
    `[data-testid="alias-rule-row"][data-pattern="${aliasText.replace(/"/g, '\\"')}"]`,
  );
  await expect(row).toHaveCount(1);
  await expect(categoryRow(page, keep).getByRole('list', { name: `Alias rules of ${keep}` })).toContainText(
    aliasText,
  );
  await row.getByRole('button', { name: `Apply the rule ${aliasText}` }).click();
  await expect(row.getByTestId('alias-rule-applied')).toHaveText(
    `✓ ${changing} ${changing === 1 ? 'label' : 'labels'} changed`,
  );
  await expect(categoryRow(page, keep).getByTestId('category-label-count')).toHaveText(String(5 + changing));
  expect(await labelCountOf(page, keep)).toBe(5 + changing);
  await page.screenshot({ path: artifactPath('categories.png'), fullPage: true });
});
