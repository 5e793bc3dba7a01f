import { expect, type Page } from '@playwright/test';
import { adminEmail, readAdminPassword } from './sign-in';

/** The API the stack under test runs (global setup sets LOUPE_E2E_API_URL). */
export function apiUrl(): string {
  const url = process.env.LOUPE_E2E_API_URL;
  if (!url) throw new Error('LOUPE_E2E_API_URL is not set: run the tests with `playwright test`.');
  return url;
}

export type Credentials = { token: string } | { cookie: string } | Record<string, never>;

export type GraphQLReply<T> = { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };

/** One GraphQL request straight to the API, as a token, a session cookie, or no one. */
export async function graphql<T = Record<string, unknown>>(
  query: string,
  variables: Record<string, unknown> = {},
  credentials: Credentials = {},
): Promise<GraphQLReply<T> & { setCookie: string | null }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if ('token' in credentials) headers.authorization = `Bearer ${credentials.token}`;
  if ('cookie' in credentials) headers.cookie = credentials.cookie;
  const response = await fetch(`${apiUrl()}/graphql`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables }),
  });
  return { ...((await response.json()) as GraphQLReply<T>), setCookie: response.headers.get('set-cookie') };
}

/** Like `graphql`, but any error fails the test with the API's message. */
export async function graphqlData<T = Record<string, unknown>>(
  query: string,
  variables: Record<string, unknown> = {},
  credentials: Credentials = {},
): Promise<T> {
  const reply = await graphql<T>(query, variables, credentials);
  if (reply.errors?.length || !reply.data)
    throw new Error(`GraphQL failed: ${JSON.stringify(reply.errors)} for ${query.slice(0, 80)}`);
  return reply.data;
}

/** Opens a session for an email and password and returns its Cookie header. */
export async function signInCookie(email: string, password: string): Promise<{ cookie: string }> {
  const reply = await graphql(
    'mutation SignIn($email: String!, $password: String!) { signIn(email: $email, password: $password) { role } }',
    { email, password },
  );
  const cookie = reply.setCookie?.split(';')[0];
  if (reply.errors?.length || !cookie)
    throw new Error(`Sign-in of ${email} failed: ${JSON.stringify(reply.errors)}`);
  return { cookie };
}

/** The first administrator's session. */
export function adminCredentials(): Promise<{ cookie: string }> {
  return signInCookie(adminEmail, readAdminPassword());
}

let userCount = 0;

/**
 * Creates a user of a role with a unique email (the admin does it) and returns their email and password.
 */
export async function createUser(
  role: 'ADMIN' | 'ANNOTATOR' | 'DATA_SCIENTIST' | 'READER',
  name = `${role.toLowerCase()} ${++userCount}`,
): Promise<{ email: string; password: string; name: string }> {
  const email = `${role.toLowerCase()}-${Date.now().toString(36)}-${++userCount}@example.org`;
  const password = `password of ${email}`;
  await graphqlData(
    'mutation CreateUser($email: String!, $name: String!, $password: String!, $role: Role!) { createUser(email: $email, name: $name, password: $password, role: $role) { id } }',
    { email, name, password, role },
    await adminCredentials(),
  );
  return { email, password, name };
}

/** The first dataset's id and one of its images, as the admin sees them. */
export async function firstDatasetImage(): Promise<{ datasetId: string; imageId: string }> {
  const data = await graphqlData<{
    datasets: { id: string; images: { edges: { node: { id: string } }[] } }[];
  }>('{ datasets { id images(first: 1) { edges { node { id } } } } }', {}, await adminCredentials());
  const dataset = data.datasets[0];
  const imageId = dataset?.images.edges[0]?.node.id;
  if (!dataset || !imageId) throw new Error('The demo dataset has no images.');
  return { datasetId: dataset.id, imageId };
}

/** Runs a GraphQL operation through the web origin with the page's session cookie; any error fails the test. */
export async function graphqlAsPage<T>(page: Page, query: string, variables: object = {}): Promise<T> {
  const response = await page.request.post('/graphql', { data: { query, variables } });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data as T;
}
