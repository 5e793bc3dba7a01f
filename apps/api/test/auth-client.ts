import type { RunningServer } from '../src/server';

export type AuthResult = {
  status: number;
  setCookie: string | null;
  data?: any;
  errors?: { message: string; extensions?: { code?: string } }[];
};

/** GraphQL over HTTP with a bearer token, a cookie header, or neither; keeps the status and Set-Cookie. */
export function authClient(server: () => RunningServer) {
  return async (
    query: string,
    variables: object = {},
    auth: { token?: string; cookie?: string; headers?: Record<string, string> } = {},
  ): Promise<AuthResult> => {
    const response = await fetch(`${server().url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(auth.token ? { authorization: `Bearer ${auth.token}` } : {}),
        ...(auth.cookie ? { cookie: auth.cookie } : {}),
        ...auth.headers,
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as Omit<AuthResult, 'status' | 'setCookie'>;
    return { status: response.status, setCookie: response.headers.get('set-cookie'), ...body };
  };
}

export const codeOf = (result: { errors?: { extensions?: { code?: string } }[] }) =>
  result.errors?.[0]?.extensions?.code;

/** The `name=value` of a Set-Cookie header, to send back as a Cookie header. */
export const cookieOf = (setCookie: string | null) => setCookie?.split(';')[0] ?? '';
