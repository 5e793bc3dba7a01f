import type { Role } from '../../src/auth/roles';
import type { HostileCase } from './case-types';

/** What the cases run against: a server with one dataset, category and image, and a token of every role. */
export type HttpFixture = {
  url: string;
  tokens: Record<Role, string> & { expired: string; revoked: string; disabledUser: string };
  /** global ids */
  ids: { dataset: string; category: string; image: string; annotator: string; admin: string };
};

export type HttpReply = { status: number; body: any };

/**
 * A refusal: the HTTP status (when it matters) and the typed code, from `errors[0].extensions.code` or the
 * `error` of a non-GraphQL JSON answer; `message` is matched against the first message. An accepted request
 * instead gives the data it must answer with (`data`), and `changes` when it may write rows.
 */
export type HttpExpectation =
  | { status?: number; code: string; message?: RegExp }
  | { data: unknown; changes?: boolean };

export type HttpCase = HostileCase & {
  send: (fixture: HttpFixture) => Promise<HttpReply>;
  expect: HttpExpectation;
};

type Send = {
  /** a role's token, a literal token, or none */
  as?: Role | 'expired' | 'revoked' | 'disabledUser' | null;
  headers?: Record<string, string>;
};

/** POSTs a body (an object as JSON, a string or bytes as they are) to /graphql. */
export async function post(fixture: HttpFixture, body: unknown, options: Send = {}): Promise<HttpReply> {
  const as = options.as === undefined ? 'ADMIN' : options.as;
  const response = await fetch(`${fixture.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(as ? { authorization: `Bearer ${fixture.tokens[as]}` } : {}),
      ...options.headers,
    },
    body: typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = { unparsed: text };
  }
  return { status: response.status, body: parsed };
}

const gql = (fixture: HttpFixture, query: string, variables: object = {}, options: Send = {}) =>
  post(fixture, { query, variables }, options);

export const SQL_TEXT = "'); DROP TABLE labels; --";
const MEGABYTE_TEXT = 'x'.repeat(1_000_000);

const CREATE_CATEGORY = 'mutation($d: ID!, $n: String!) { createCategory(datasetId: $d, name: $n) { name } }';
const CREATE_ALIAS = `mutation($d: ID!, $c: ID!, $p: String!, $m: AliasMatch!) {
  createAliasRule(datasetId: $d, categoryId: $c, pattern: $p, match: $m) { pattern match }
}`;
const CREATE_TOKEN = 'mutation($n: String!, $r: Role) { createApiToken(name: $n, role: $r) { secret } }';
const CREATE_USER = `mutation($e: String!, $r: Role!) {
  createUser(email: $e, name: "Mallory", password: "a long enough password", role: $r) { id }
}`;
const UPDATE_USER = 'mutation($id: ID!, $r: Role) { updateUser(id: $id, role: $r) { role } }';
const SIGN_IN = 'mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { role } }';

/** `{ a { b { a { b … } } } }`-style nesting through image → study → dataset → studies. */
const deepQuery = (levels: number) => {
  const open = 'study { dataset { studies(first: 1) { edges { node { '.repeat(levels);
  return `query($i: ID!) { image(id: $i) { ${open} key ${'} } } } } '.repeat(levels)} } }`;
};

/** A JSON body whose category name holds bytes that are not UTF-8. */
function invalidUtf8Body(fixture: HttpFixture): Uint8Array {
  const [before, after] = JSON.stringify({
    query: CREATE_CATEGORY,
    variables: { d: fixture.ids.dataset, n: 'bad@@@name' },
  }).split('@@@');
  return Buffer.concat([Buffer.from(before!), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from(after!)]);
}

/** Signs in with a wrong password from one forwarded address until the limit, then with anything. */
async function signInFlood(fixture: HttpFixture): Promise<HttpReply> {
  const from = { as: null, headers: { 'x-forwarded-for': '198.51.100.23' } } as const;
  for (let attempt = 0; attempt < 10; attempt += 1) {
    const reply = await gql(fixture, SIGN_IN, { e: `guess${attempt}@example.org`, p: 'wrong wrong' }, from);
    if (reply.body.errors?.[0]?.extensions?.code !== 'UNAUTHENTICATED')
      throw new Error(`attempt ${attempt} was not refused: ${JSON.stringify(reply.body)}`);
  }
  return gql(fixture, SIGN_IN, { e: 'admin@localhost', p: 'wrong wrong' }, from);
}

export const GRAPHQL_CASES: HttpCase[] = [
  {
    kind: 'GraphQL document',
    name: 'nesting 24 levels deep',
    send: (fixture) => gql(fixture, deepQuery(6), { i: fixture.ids.image }),
    expect: { status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message: /exceeds maximum operation depth/ },
  },
  {
    kind: 'GraphQL document',
    name: 'alias flooding: 500 aliases of one field',
    send: (fixture) =>
      gql(fixture, `{ ${Array.from({ length: 500 }, (_, i) => `a${i}: health { ok }`).join(' ')} }`),
    expect: { code: 'GRAPHQL_VALIDATION_FAILED', message: /more than 30 aliases/ },
  },
  {
    kind: 'GraphQL document',
    name: 'a document of 100,000 tokens',
    send: (fixture) => gql(fixture, `{ ${'health { ok } '.repeat(25_000)} }`),
    expect: { code: 'GRAPHQL_PARSE_FAILED' },
  },
  {
    kind: 'GraphQL document',
    name: 'pages multiplying past the cost limit (500 studies × 500 images)',
    send: (fixture) =>
      gql(
        fixture,
        '{ datasets { studies(first: 500) { edges { node { images(first: 500) { edges { node { id } } } } } } } }',
      ),
    expect: { code: 'QUERY_TOO_COMPLEX' },
  },
  {
    kind: 'GraphQL document',
    name: 'introspecting a private field: User.passwordHash',
    send: (fixture) => gql(fixture, '{ users { edges { node { email passwordHash } } } }'),
    expect: { status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message: /passwordHash/ },
  },
  {
    kind: 'GraphQL document',
    name: 'introspecting a private field: ApiToken.tokenHash',
    send: (fixture) => gql(fixture, '{ apiTokens { name tokenHash } }'),
    expect: { status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message: /tokenHash/ },
  },
  {
    kind: 'GraphQL document',
    name: 'introspection lists no hash, salt or stored secret among the fields of any type',
    send: async (fixture) => {
      const reply = await gql(fixture, '{ __schema { types { name fields { name } } } }');
      const fields = (reply.body.data?.__schema.types ?? []).flatMap(
        (type: { name: string; fields: { name: string }[] | null }) =>
          (type.fields ?? []).map((field) => `${type.name}.${field.name}`),
      );
      const body = { data: fields.filter((name: string) => /hash|salt|password|secret/i.test(name)).sort() };
      return { status: reply.status, body };
    },
    // The one secret the API hands out is a new token's, once, to its creator; hasPassword is a yes or no, and
    // changePassword takes passwords and answers true.
    expect: { data: ['CreatedApiToken.secret', 'Mutation.changePassword', 'User.hasPassword'] },
  },
  {
    kind: 'GraphQL document',
    name: 'batched operations: an array of three bodies',
    send: (fixture) =>
      post(fixture, [
        { query: CREATE_CATEGORY, variables: { d: fixture.ids.dataset, n: 'batched 1' } },
        { query: CREATE_CATEGORY, variables: { d: fixture.ids.dataset, n: 'batched 2' } },
        { query: '{ health { ok } }' },
      ]),
    expect: { status: 400, code: 'BAD_REQUEST' },
  },
  {
    kind: 'GraphQL document',
    name: 'a mutation sent with GET',
    send: async (fixture) => {
      const query = encodeURIComponent(
        `mutation { createCategory(datasetId: "${fixture.ids.dataset}", name: "by get") { name } }`,
      );
      const response = await fetch(`${fixture.url}/graphql?query=${query}`, {
        headers: { authorization: `Bearer ${fixture.tokens.ADMIN}`, 'apollo-require-preflight': 'true' },
      });
      return { status: response.status, body: await response.json() };
    },
    expect: { status: 405, code: 'BAD_REQUEST' },
  },
  {
    kind: 'GraphQL value',
    name: 'a page of a million: studies(first: 1000000)',
    send: (fixture) =>
      gql(fixture, 'query($d: ID!) { dataset(id: $d) { studies(first: 1000000) { totalCount } } }', {
        d: fixture.ids.dataset,
      }),
    expect: { code: 'QUERY_TOO_COMPLEX', message: /cost 1000002, limit 20000/ },
  },
  {
    kind: 'GraphQL value',
    name: 'a page of a million: images(first: 1000000)',
    send: (fixture) =>
      gql(
        fixture,
        'query($d: ID!) { dataset(id: $d) { images(first: 1000000) { edges { node { id } } } } }',
        {
          d: fixture.ids.dataset,
        },
      ),
    expect: { code: 'QUERY_TOO_COMPLEX' },
  },
  {
    kind: 'GraphQL value',
    name: 'a page size past 32 bits: first: 10000000000',
    send: (fixture) => gql(fixture, '{ datasets { studies(first: 10000000000) { totalCount } } }'),
    expect: { code: 'GRAPHQL_VALIDATION_FAILED' },
  },
  {
    kind: 'GraphQL value',
    name: 'bulkLabel of 501 images',
    send: (fixture) =>
      gql(fixture, 'mutation($c: ID, $i: [ID!]!) { bulkLabel(categoryId: $c, imageIds: $i) { id } }', {
        c: fixture.ids.category,
        i: Array.from({ length: 501 }, (_, index) =>
          Buffer.from(`Image:00000000-0000-4000-8000-${String(index).padStart(12, '0')}`).toString(
            'base64url',
          ),
        ),
      }),
    expect: { code: 'BAD_INPUT' },
  },
  {
    kind: 'GraphQL value',
    name: 'a category name of 1 MB',
    send: (fixture) => gql(fixture, CREATE_CATEGORY, { d: fixture.ids.dataset, n: MEGABYTE_TEXT }),
    expect: { code: 'BAD_INPUT', message: /1 to 200 characters/ },
  },
  {
    kind: 'GraphQL value',
    name: 'renaming a category to 1 MB',
    send: (fixture) =>
      gql(fixture, 'mutation($c: ID!, $n: String!) { renameCategory(categoryId: $c, name: $n) { name } }', {
        c: fixture.ids.category,
        n: MEGABYTE_TEXT,
      }),
    expect: { code: 'BAD_INPUT' },
  },
  {
    kind: 'GraphQL value',
    name: 'an alias pattern of 1 MB',
    send: (fixture) =>
      gql(fixture, CREATE_ALIAS, {
        d: fixture.ids.dataset,
        c: fixture.ids.category,
        p: MEGABYTE_TEXT,
        m: 'EXACT',
      }),
    expect: { code: 'BAD_INPUT' },
  },
  {
    kind: 'GraphQL value',
    name: 'a body over 1 MiB (a 2 MB category name)',
    send: (fixture) => gql(fixture, CREATE_CATEGORY, { d: fixture.ids.dataset, n: MEGABYTE_TEXT.repeat(2) }),
    expect: { status: 413, code: 'PAYLOAD_TOO_LARGE' },
  },
  {
    kind: 'GraphQL value',
    name: 'a category name holding a NUL character',
    send: (fixture) => gql(fixture, CREATE_CATEGORY, { d: fixture.ids.dataset, n: 'nul\u0000name' }),
    expect: { status: 400, code: 'BAD_INPUT', message: /NUL/ },
  },
  {
    kind: 'GraphQL value',
    name: 'SQL in a global id',
    send: (fixture) => gql(fixture, `{ node(id: "'); DROP TABLE labels; --") { id } }`),
    expect: { code: 'BAD_INPUT' },
  },
  {
    kind: 'GraphQL value',
    name: 'a variable of the wrong type (a list as an ID)',
    send: (fixture) => gql(fixture, CREATE_CATEGORY, { d: [1, 2, 3], n: 'typed' }),
    expect: { status: 400, code: 'BAD_USER_INPUT', message: /ID cannot represent value/ },
  },
  {
    kind: 'GraphQL value',
    name: 'a category name holding a NUL character, written in the document',
    send: (fixture) =>
      gql(
        fixture,
        `mutation { createCategory(datasetId: "${fixture.ids.dataset}", name: "nul\\u0000name") { name } }`,
      ),
    expect: { status: 400, code: 'BAD_INPUT', message: /NUL/ },
  },
  {
    kind: 'GraphQL value',
    name: `SQL-looking text as a category name round-trips as text: ${SQL_TEXT}`,
    send: async (fixture) => {
      const created = await gql(fixture, CREATE_CATEGORY, { d: fixture.ids.dataset, n: SQL_TEXT });
      if (created.body.errors) return created;
      return gql(fixture, 'query($d: ID!) { dataset(id: $d) { categories { name } } }', {
        d: fixture.ids.dataset,
      });
    },
    expect: { data: { dataset: { categories: [{ name: 'liver' }, { name: SQL_TEXT }] } }, changes: true },
  },
  {
    kind: 'GraphQL value',
    name: 'SQL-looking text as an alias pattern round-trips as text',
    send: async (fixture) => {
      const created = await gql(fixture, CREATE_ALIAS, {
        d: fixture.ids.dataset,
        c: fixture.ids.category,
        p: SQL_TEXT,
        m: 'CASE_INSENSITIVE',
      });
      if (created.body.errors) return created;
      return gql(
        fixture,
        'query($d: ID!) { dataset(id: $d) { categories { name aliases { pattern match } } } }',
        { d: fixture.ids.dataset },
      );
    },
    expect: {
      data: {
        dataset: {
          categories: [
            { name: 'liver', aliases: [{ pattern: SQL_TEXT, match: 'CASE_INSENSITIVE' }] },
            { name: SQL_TEXT, aliases: [] },
          ],
        },
      },
      changes: true,
    },
  },
  {
    kind: 'HTTP body',
    name: 'invalid UTF-8 inside a JSON string',
    send: (fixture) => post(fixture, invalidUtf8Body(fixture)),
    expect: { status: 400, code: 'BAD_REQUEST' },
  },
  {
    kind: 'HTTP body',
    name: 'JSON cut short',
    send: (fixture) => post(fixture, '{"query": "mutation { createCategory('),
    expect: { status: 400, code: 'BAD_REQUEST' },
  },
  {
    kind: 'HTTP body',
    name: 'a body that is JSON but not an object (a number)',
    send: (fixture) => post(fixture, '12345'),
    expect: { status: 400, code: 'BAD_REQUEST' },
  },
  {
    kind: 'HTTP body',
    name: 'a form-encoded body (no preflight) carrying a mutation',
    send: (fixture) =>
      post(fixture, `query=mutation{createCategory(datasetId:"${fixture.ids.dataset}",name:"form"){name}}`, {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
    expect: { status: 400, code: 'BAD_REQUEST' },
  },
];

export const AUTH_CASES: HttpCase[] = [
  {
    kind: 'token',
    name: 'an expired token',
    send: (fixture) => gql(fixture, '{ me { role } }', {}, { as: 'expired' }),
    expect: { status: 401, code: 'UNAUTHENTICATED' },
  },
  {
    kind: 'token',
    name: 'a revoked token',
    send: (fixture) => gql(fixture, '{ me { role } }', {}, { as: 'revoked' }),
    expect: { status: 401, code: 'UNAUTHENTICATED' },
  },
  {
    kind: 'token',
    name: 'a token of a disabled user',
    send: (fixture) => gql(fixture, '{ me { role } }', {}, { as: 'disabledUser' }),
    expect: { status: 401, code: 'UNAUTHENTICATED' },
  },
  {
    kind: 'token',
    name: 'a forged token of the right shape',
    send: (fixture) =>
      gql(
        fixture,
        '{ me { role } }',
        {},
        { as: null, headers: { authorization: `Bearer loupe_${'A'.repeat(43)}` } },
      ),
    expect: { status: 401, code: 'UNAUTHENTICATED' },
  },
  {
    kind: 'token',
    name: 'a real token with one character changed',
    send: (fixture) => {
      const token = fixture.tokens.ADMIN;
      const forged = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
      return gql(
        fixture,
        '{ me { role } }',
        {},
        { as: null, headers: { authorization: `Bearer ${forged}` } },
      );
    },
    expect: { status: 401, code: 'UNAUTHENTICATED' },
  },
  {
    kind: 'token',
    name: 'a forged web-session cookie (read as signed out)',
    send: (fixture) =>
      gql(
        fixture,
        '{ me { role } }',
        {},
        { as: null, headers: { cookie: `loupe_session=loupe_${'B'.repeat(43)}` } },
      ),
    expect: { code: 'UNAUTHENTICATED' },
  },
  {
    kind: 'token',
    name: 'a mutation without any token',
    send: (fixture) =>
      gql(fixture, CREATE_CATEGORY, { d: fixture.ids.dataset, n: 'anonymous' }, { as: null }),
    expect: { code: 'UNAUTHENTICATED' },
  },
  {
    kind: 'role escalation',
    name: 'an ANNOTATOR creating an ADMIN token',
    send: (fixture) => gql(fixture, CREATE_TOKEN, { n: 'escalate', r: 'ADMIN' }, { as: 'ANNOTATOR' }),
    expect: { code: 'FORBIDDEN' },
  },
  {
    kind: 'role escalation',
    name: 'an ANNOTATOR creating an ADMIN user',
    send: (fixture) =>
      gql(fixture, CREATE_USER, { e: 'mallory@example.org', r: 'ADMIN' }, { as: 'ANNOTATOR' }),
    expect: { code: 'FORBIDDEN' },
  },
  {
    kind: 'role escalation',
    name: 'an ANNOTATOR making itself ADMIN',
    send: (fixture) =>
      gql(fixture, UPDATE_USER, { id: fixture.ids.annotator, r: 'ADMIN' }, { as: 'ANNOTATOR' }),
    expect: { code: 'FORBIDDEN' },
  },
  {
    kind: 'role escalation',
    name: 'an ANNOTATOR demoting the admin',
    send: (fixture) => gql(fixture, UPDATE_USER, { id: fixture.ids.admin, r: 'READER' }, { as: 'ANNOTATOR' }),
    expect: { code: 'FORBIDDEN' },
  },
  {
    kind: 'role escalation',
    name: 'a DATA_SCIENTIST creating an ADMIN token',
    send: (fixture) => gql(fixture, CREATE_TOKEN, { n: 'escalate', r: 'ADMIN' }, { as: 'DATA_SCIENTIST' }),
    expect: { code: 'FORBIDDEN' },
  },
  {
    kind: 'role escalation',
    name: 'a READER labelling an image',
    send: (fixture) =>
      gql(
        fixture,
        'mutation($i: ID!, $c: ID) { labelImage(imageId: $i, categoryId: $c) { id } }',
        {
          i: fixture.ids.image,
          c: fixture.ids.category,
        },
        { as: 'READER' },
      ),
    expect: { code: 'FORBIDDEN' },
  },
  {
    kind: 'role escalation',
    name: 'an ANNOTATOR requesting a retrain',
    send: (fixture) =>
      gql(
        fixture,
        'mutation($d: ID!) { requestRetrain(datasetId: $d) }',
        { d: fixture.ids.dataset },
        { as: 'ANNOTATOR' },
      ),
    expect: { code: 'FORBIDDEN' },
  },
  {
    kind: 'sign-in',
    name: 'the eleventh sign-in from one address within 15 minutes',
    send: signInFlood,
    expect: { code: 'RATE_LIMITED', message: /15 minutes/ },
  },
  {
    kind: 'sign-in',
    name: 'a sign-in with a password of 1 MB',
    send: (fixture) => gql(fixture, SIGN_IN, { e: 'admin@localhost', p: MEGABYTE_TEXT }, { as: null }),
    expect: { code: 'UNAUTHENTICATED' },
  },
];
