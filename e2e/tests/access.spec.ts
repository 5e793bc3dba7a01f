import {
  adminCredentials,
  apiUrl,
  createUser,
  firstDatasetImage,
  graphql,
  graphqlData,
  signInCookie,
} from '../support/api';
import { expect, test } from '../support/fixtures';
import { artifactPath } from '../support/paths';
import { submitSignIn } from '../support/sign-in';

const ME = '{ me { role user { email } } }';

test('a data scientist’s API token signs no browser in, and gives no more than its own scope', async ({
  page,
  context,
  baseURL,
}) => {
  const scientist = await createUser('DATA_SCIENTIST');
  const session = await signInCookie(scientist.email, scientist.password);
  const { createApiToken } = await graphqlData<{ createApiToken: { secret: string } }>(
    'mutation { createApiToken(name: "notebook", role: ANNOTATOR) { secret } }',
    {},
    session,
  );
  const token = createApiToken.secret;
  // The token works as what it is: an ANNOTATOR-scoped bearer token for scripts…
  expect((await graphqlData<{ me: { role: string } }>(ME, {}, { token })).me.role).toBe('ANNOTATOR');
  // …and cannot mint a token with more rights than its scope.
  const escalate = await graphql(
    'mutation { createApiToken(name: "more", role: ADMIN) { secret } }',
    {},
    { token },
  );
  expect(escalate.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

  // Put into the browser as the session cookie, the token signs no one in: the app asks to sign in.
  const host = new URL(baseURL!).hostname;
  await context.addCookies([{ name: 'loupe_session', value: token, domain: host, path: '/' }]);
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in\?next=/);
  // Nor is the token a password.
  await submitSignIn(page, scientist.email, token);
  await expect(page.getByTestId('sign-in-error')).toHaveText('The email or password is wrong.');
  await expect(page).toHaveURL(/\/sign-in/);
  // The API itself refuses the token as a cookie, from the web origin and straight.
  const viaWeb = await page.request.post('/graphql', {
    data: { query: ME },
    headers: { cookie: `loupe_session=${token}` },
  });
  expect((await viaWeb.json()).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  const direct = await graphql(ME, {}, { cookie: `loupe_session=${token}` });
  expect(direct.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  expect(apiUrl()).not.toBe(baseURL);
});

test('a reader cannot open the labeler, the queue, the import screens or any image', async ({ page }) => {
  const { datasetId, imageId } = await firstDatasetImage();
  const reader = await createUser('READER');
  await page.goto('/sign-in');
  await submitSignIn(page, reader.email, reader.password);
  await expect(page.getByTestId('signed-in-user')).toHaveText(reader.name);

  const labeler = `/datasets/${encodeURIComponent(datasetId)}/label/${encodeURIComponent(imageId)}`;
  await page.goto(labeler);
  await expect(page.getByTestId('error-panel')).toHaveAttribute('data-error-code', 'FORBIDDEN');
  await expect(page.locator('img')).toHaveCount(0);
  await page.screenshot({ path: artifactPath('reader-refused.png'), fullPage: true });

  await page.goto(`/datasets/${encodeURIComponent(datasetId)}/queue`);
  await expect(page.getByTestId('error-panel')).toHaveAttribute('data-error-code', 'FORBIDDEN');

  // No import either: not into the dataset, nor into a new one.
  await page.goto(`/datasets/${encodeURIComponent(datasetId)}/import`);
  await expect(page.getByTestId('error-panel')).toHaveAttribute('data-error-code', 'FORBIDDEN');
  await page.goto('/import');
  await expect(page.getByTestId('import-not-allowed')).toBeVisible();
  await expect(page.getByTestId('import-form')).toHaveCount(0);
  // A reader's home is their reading list, not the datasets with their import links.
  await page.goto('/');
  await expect(page).toHaveURL(/\/read$/);
  await expect(page.getByRole('link', { name: 'Import into a new dataset' })).toHaveCount(0);

  // The image bytes are refused too, through the web origin with the reader's own session.
  const image = await graphqlData<{ image: { originalUrl: string } }>(
    'query ($id: ID!) { image(id: $id) { originalUrl } }',
    { id: imageId },
    await adminCredentials(),
  );
  const bytes = await page.request.get(image.image.originalUrl);
  expect(bytes.status()).toBe(403);
  // And so is taking queue items as the reader, whatever the client.
  const readerSession = await signInCookie(reader.email, reader.password);
  const take = await graphql(
    'mutation ($d: ID!) { takeQueueItems(datasetId: $d, strategy: "RANDOM", count: 1) { image { id } } }',
    { d: datasetId },
    readerSession,
  );
  expect(take.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
});
