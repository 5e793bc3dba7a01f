import { randomUUID } from 'node:crypto';
import { type APIRequestContext, expect, type Page, request } from '@playwright/test';
import { adminEmail, readAdminPassword, submitSignIn } from './sign-in';

/** Sends a GraphQL document with the context's session cookie and returns `data`, failing on errors. */
export async function graphql<T>(
  api: APIRequestContext,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const response = await api.post('/graphql', { data: { query, variables } });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(body.errors.map((error) => error.message).join('; '));
  return body.data as T;
}

/** A request context signed in at the API as the administrator. */
export async function adminApi(apiUrl = process.env.LOUPE_E2E_API_URL): Promise<APIRequestContext> {
  if (!apiUrl) throw new Error('LOUPE_E2E_API_URL is not set: run the tests with `playwright test`.');
  const api = await request.newContext({ baseURL: apiUrl });
  await graphql(
    api,
    'mutation($email: String!, $password: String!) { signIn(email: $email, password: $password) { role } }',
    {
      email: adminEmail,
      password: readAdminPassword(),
    },
  );
  return api;
}

export type Annotator = { email: string; password: string; name: string };

/** Creates an ANNOTATOR with a unique address, as the administrator. */
export async function createAnnotator(api: APIRequestContext, name: string): Promise<Annotator> {
  const annotator = {
    email: `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${randomUUID().slice(0, 8)}@example.test`,
    password: `pw-${randomUUID()}`,
    name,
  };
  await graphql(
    api,
    'mutation($email: String!, $name: String!, $password: String!) { createUser(email: $email, name: $name, password: $password, role: ANNOTATOR) { id } }',
    annotator,
  );
  return annotator;
}

/** The demo dataset's ID and its categories, in picker order. */
export async function demoDataset(
  api: APIRequestContext,
): Promise<{ id: string; categories: { id: string; name: string }[] }> {
  const data = await graphql<{
    datasets: { id: string; name: string; categories: { id: string; name: string }[] }[];
  }>(api, '{ datasets { id name categories { id name } } }');
  const dataset = data.datasets.find((candidate) => candidate.name === 'demo-abdomen') ?? data.datasets[0];
  if (!dataset) throw new Error('The stack has no dataset.');
  return dataset;
}

/** Signs a page in through the sign-in form. */
export async function signInAs(page: Page, annotator: Annotator): Promise<void> {
  await page.goto('/sign-in');
  await submitSignIn(page, annotator.email, annotator.password);
  await expect(page.getByRole('heading', { level: 1, name: 'Datasets' })).toBeVisible();
}

export function queuePath(datasetId: string, strategy: string): string {
  return `/datasets/${encodeURIComponent(datasetId)}/queue?${new URLSearchParams({ strategy })}`;
}
