import { AppError } from '../errors';

/** GraphQL against the running app, with the admin token it left in its data folder. */
export async function requestRunningApp<T>(
  server: { url: string; token: string },
  query: string,
  variables: object = {},
): Promise<T> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
    body: JSON.stringify({ query, variables }),
  }).catch((error: Error) => {
    throw new AppError(
      'DATA_DIR_LOCKED',
      `The running app at ${server.url} did not answer: ${error.message}`,
    );
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length || !body.data)
    throw new AppError('BAD_INPUT', body.errors?.[0]?.message ?? `HTTP ${response.status}`);
  return body.data;
}
