import { logTail, type Service } from './service';

const pollMs = 500;

/**
 * Polls `isReady` until it returns true. Fails early, with the end of the service's log, if the service
 * exits, and after `timeoutMs` otherwise.
 */
export async function waitUntilReady(
  service: Service,
  isReady: () => Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  let exited: string | undefined;
  void service.exit.then((reason) => {
    exited = reason;
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${service.name} ${exited} before it was ready:\n${logTail(service)}`);
    // Refused connections are expected while the service starts; the deadline bounds the wait.
    if (await isReady().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  throw new Error(`${service.name} was not ready after ${timeoutMs / 1000} s:\n${logTail(service)}`);
}

/** Whether the API answers the `health` query with `ok: true`. */
export async function isApiHealthy(apiUrl: string): Promise<boolean> {
  const response = await fetch(`${apiUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ health { ok } }' }),
  });
  const body = (await response.json()) as { data?: { health?: { ok?: boolean } } };
  return body.data?.health?.ok === true;
}

/** Whether the web app renders its home page. */
export async function isWebServing(webUrl: string): Promise<boolean> {
  const response = await fetch(webUrl);
  await response.arrayBuffer();
  return response.ok;
}
