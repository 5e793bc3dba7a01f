import { randomUUID } from 'node:crypto';
import { labels, users } from '@loupe/db';
import { testDatabaseTargets } from '@loupe/db/testing';
import {
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  parse,
  subscribe,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authClient } from '../../test/auth-client';
import { seedDataset } from '../../test/curation-fixtures';
import { createTestApp, type TestApp } from '../../test/test-app';
import { AppError } from '../errors';
import { setImagesExcluded } from '../operations/exclude-images';
import { buildSchema } from '../schema';
import { createGraphQLContext } from '../schema/context';
import { type NodeType, toGlobalId } from '../schema/global-id';
import { type RunningServer, startServer } from '../server';
import { createApiToken, ensureAdminUser, findViewerByToken } from './api-tokens';
import { type Capability, type Role, roleCan } from './roles';
import { createUser } from './users';

/**
 * Who may call a root field: anyone (even without a token), any signed-in viewer, a READER (reader-study
 * answering, scoped to their assignments), or a capability.
 */
type Access = 'anyone' | 'signedIn' | 'reader' | Capability;

/**
 * The expected authorization of every root field. A field missing here fails the test: decide who may call
 * it and add a row.
 */
const EXPECTED: Record<string, Access> = {
  'Query.health': 'anyone',
  'Query.me': 'signedIn',
  'Query.node': 'read',
  'Query.systemInfo': 'read',
  'Query.datasets': 'read',
  'Query.dataset': 'read',
  'Query.study': 'read',
  'Query.image': 'read',
  'Query.previewMerge': 'read',
  'Query.users': 'admin',
  'Query.apiTokens': 'read',
  'Query.exportDataset': 'read',
  'Query.testAliasRule': 'read',
  'Query.readerStudies': 'train',
  'Query.readerStudy': 'train',
  'Query.myReaderAssignments': 'reader',
  'Query.compareModelVersions': 'read',
  'Query.suggestCropBox': 'curate',
  'Query.suggestStudyCropBox': 'curate',
  'Mutation.signIn': 'anyone',
  'Mutation.signOut': 'anyone',
  'Mutation.createUser': 'admin',
  'Mutation.updateUser': 'admin',
  'Mutation.changePassword': 'signedIn',
  'Mutation.updateMyName': 'signedIn',
  'Mutation.createApiToken': 'read',
  'Mutation.revokeApiToken': 'read',
  'Mutation.labelImage': 'label',
  'Mutation.undoLabel': 'label',
  'Mutation.bulkLabel': 'label',
  'Mutation.takeQueueItems': 'label',
  'Mutation.releaseQueueItem': 'label',
  'Mutation.requestRetrain': 'train',
  'Mutation.promoteModelVersion': 'train',
  'Mutation.updateTrainingSettings': 'train',
  'Mutation.createCategory': 'curate',
  'Mutation.renameCategory': 'curate',
  'Mutation.archiveCategory': 'curate',
  'Mutation.mergeCategories': 'curate',
  'Mutation.setCropBox': 'curate',
  'Mutation.setStudyCropBox': 'curate',
  'Mutation.setCropBoxes': 'curate',
  'Mutation.excludeImages': 'curate',
  'Mutation.includeImages': 'curate',
  'Mutation.createAliasRule': 'curate',
  'Mutation.deleteAliasRule': 'curate',
  'Mutation.applyAliasRule': 'curate',
  'Mutation.createReaderStudy': 'train',
  'Mutation.openReaderStudy': 'train',
  'Mutation.closeReaderStudy': 'train',
  'Mutation.submitReaderAnswer': 'reader',
  'Mutation.importFiles': 'curate',
  'Subscription.jobProgress': 'read',
  'Subscription.modelVersionCreated': 'read',
  'Subscription.queueChanged': 'read',
  'Subscription.labelChanged': 'read',
};

/**
 * Every field outside the root types that answers with a user, and whom it may name: 'selfOrAdmin' (see
 * canSeeUser: the viewer themselves, anyone for a request that acts as an ADMIN; null otherwise) or 'parent'
 * (whoever may read the object the field hangs on). A field missing here fails the test: decide and add a row.
 */
const USER_FIELDS: Record<string, 'selfOrAdmin' | 'parent'> = {
  'ApiToken.owner': 'parent',
  'ImageExclusion.by': 'selfOrAdmin',
  'ImageExclusionEvent.by': 'selfOrAdmin',
  'ImportBatch.importedBy': 'parent',
  'LabelEvent.by': 'selfOrAdmin',
  'RaterResult.reader': 'parent',
  'ReaderAssignment.reader': 'parent',
  'ReaderStudy.createdBy': 'parent',
  'UserEdge.node': 'parent',
  'Viewer.user': 'parent',
};

const SIGN_IN_USER = { email: 'matrix@example.org', password: 'matrix password' };
/** Arguments that a generated sample would not exercise (a sign-in with a wrong password is UNAUTHENTICATED). */
const ARGUMENTS: Record<string, object> = { 'Mutation.signIn': SIGN_IN_USER };

/** Root fields that take files (GraphQL multipart requests). */
const UPLOADS = new Set(['Mutation.importFiles']);

const WHO = ['ADMIN', 'DATA_SCIENTIST', 'ANNOTATOR', 'READER', 'NO_TOKEN'] as const;
type Who = (typeof WHO)[number];

const schema = buildSchema();
const rootTypes = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter(
  (type): type is GraphQLObjectType => Boolean(type),
);
const rootFields = rootTypes.flatMap((type) =>
  Object.values(type.getFields()).map((field) => ({ key: `${type.name}.${field.name}`, type, field })),
);
const userFields = Object.values(schema.getTypeMap())
  .filter((type): type is GraphQLObjectType => isObjectType(type) && !rootTypes.includes(type))
  .filter((type) => !type.name.startsWith('__'))
  .flatMap((type) =>
    Object.values(type.getFields())
      .filter((field) => getNamedType(field.type).name === 'User')
      .map((field) => `${type.name}.${field.name}`),
  );

function isAllowed(access: Access, who: Who): boolean {
  if (access === 'anyone') return true;
  if (who === 'NO_TOKEN') return false;
  if (access === 'reader') return who === 'READER';
  return access === 'signedIn' || roleCan(who, access);
}

/** Global ids of objects that do not exist, of the type an argument's name suggests. */
const ID_TYPES: Record<string, NodeType> = {
  datasetId: 'Dataset',
  studyId: 'Study',
  imageId: 'Image',
  imageIds: 'Image',
  categoryId: 'Category',
  sourceId: 'Category',
  targetId: 'Category',
  userId: 'User',
  first: 'ModelVersion',
  second: 'ModelVersion',
};

/** A value of the argument's type for a required argument: unknown ids, short strings, the first enum value. */
function sampleValue(type: GraphQLInputType, name: string): unknown {
  if (isNonNullType(type)) return sampleValue(type.ofType, name);
  if (isListType(type)) return [sampleValue(type.ofType, name)];
  if (isEnumType(type)) return type.getValues()[0]!.name;
  if (isInputObjectType(type))
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((field) => isNonNullType(field.type) && field.defaultValue === undefined)
        .map((field) => [field.name, sampleValue(field.type, field.name)]),
    );
  const scalars: Record<string, unknown> = { Int: 1, Float: 0.5, Boolean: true, String: 'matrix' };
  if (type.name === 'ID') return toGlobalId(ID_TYPES[name] ?? 'Dataset', randomUUID());
  return scalars[type.name] ?? {};
}

/** One operation calling the field with its required arguments, selecting only `__typename` below it. */
function operationFor(key: string, type: GraphQLObjectType, field: GraphQLField<unknown, unknown>) {
  const required = field.args.filter((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined);
  const variables =
    ARGUMENTS[key] ?? Object.fromEntries(required.map((arg) => [arg.name, sampleValue(arg.type, arg.name)]));
  const definitions = required.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
  const passed = required.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const selection = isLeafType(getNamedType(field.type)) ? '' : '{ __typename }';
  const keyword = type.name.toLowerCase();
  const query = `${keyword} Matrix${definitions ? `(${definitions})` : ''} { ${field.name}${passed ? `(${passed})` : ''} ${selection} }`;
  return { query, variables };
}

describe.each(testDatabaseTargets())('authorization of every root field on $name', (target) => {
  let app: TestApp;
  let server: RunningServer;
  const tokens: Partial<Record<Who, string>> = {};
  const userIds: Partial<Record<Who, string>> = {};
  const gql = authClient(() => server);

  beforeAll(async () => {
    app = await createTestApp(target);
    const { db } = app.database;
    userIds.ADMIN = await ensureAdminUser(db);
    tokens.ADMIN = (await createApiToken(db, { userId: userIds.ADMIN, name: 'matrix' })).token;
    for (const role of ['DATA_SCIENTIST', 'ANNOTATOR', 'READER'] as const) {
      const [user] = await db
        .insert(users)
        .values({ email: `${role.toLowerCase()}@example.org`, name: role, role })
        .returning();
      userIds[role] = user!.id;
      tokens[role] = (await createApiToken(db, { userId: user!.id, name: 'matrix' })).token;
    }
    await createUser(db, { ...SIGN_IN_USER, name: 'Matrix', role: 'READER' });
    server = await startServer(app, { port: 0, host: '127.0.0.1' });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await app?.close();
  });

  it('has a row for every root field of the schema, and none for a field that is gone', () => {
    const keys = rootFields.map((root) => root.key);
    const missing = keys.filter((key) => !(key in EXPECTED));
    const stale = Object.keys(EXPECTED).filter((key) => !keys.includes(key));
    expect(
      missing,
      `root fields without a row in EXPECTED (authorization-matrix.test.ts): ${missing.join(', ')}`,
    ).toEqual([]);
    expect(stale, `rows in EXPECTED for fields the schema no longer has: ${stale.join(', ')}`).toEqual([]);
  });

  /** The error code a role gets from a field, or 'OK' when the call got past authorization. */
  async function outcome(key: string, who: Who): Promise<string> {
    const root = rootFields.find((candidate) => candidate.key === key)!;
    const { query, variables } = operationFor(key, root.type, root.field);
    const token = tokens[who as Role];
    if (root.type.name === 'Subscription') return subscriptionOutcome(query, variables, token);
    if (UPLOADS.has(key)) return uploadOutcome(query, variables, token);
    const result = await gql(query, variables, { token });
    return result.errors?.[0]?.extensions?.code ?? 'OK';
  }

  /** An upload field takes files only in a multipart request, whose caller is checked before the body is read. */
  async function uploadOutcome(query: string, variables: object, token: string | undefined) {
    const form = new FormData();
    form.append('operations', JSON.stringify({ query, variables: { ...variables, files: [null] } }));
    form.append('map', JSON.stringify({ 0: ['variables.files.0'] }));
    form.append('0', new Blob(['matrix']), 'matrix.png');
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'apollo-require-preflight': 'true', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: form,
    });
    const body = (await response.json()) as { error?: string; errors?: { extensions?: { code?: string } }[] };
    return body.error ?? body.errors?.[0]?.extensions?.code ?? 'OK';
  }

  async function subscriptionOutcome(query: string, variables: object, token: string | undefined) {
    const viewer = token ? await findViewerByToken(app.database.db, token) : undefined;
    const result = await subscribe({
      schema,
      document: parse(query),
      variableValues: variables as Record<string, unknown>,
      contextValue: createGraphQLContext(app, randomUUID(), viewer),
    });
    if (Symbol.asyncIterator in result) {
      await result.return?.();
      return 'OK';
    }
    const error = result.errors?.[0];
    if (!error) return 'OK';
    return error.originalError instanceof AppError
      ? error.originalError.code
      : String(error.extensions?.code);
  }

  it('has a row for every field that names a user, and none for a field that is gone', () => {
    const missing = userFields.filter((key) => !(key in USER_FIELDS));
    const stale = Object.keys(USER_FIELDS).filter((key) => !userFields.includes(key));
    expect(missing, `fields without a row in USER_FIELDS: ${missing.join(', ')}`).toEqual([]);
    expect(stale, `rows in USER_FIELDS for fields the schema no longer has: ${stale.join(', ')}`).toEqual([]);
  });

  it('names in label and exclusion events only the viewer themselves, or anyone for an ADMIN', async () => {
    const { db } = app.database;
    const fixture = await seedDataset(db, {
      name: 'matrix authors',
      categories: ['liver'],
      authorId: userIds.ANNOTATOR!,
      images: [{}],
    });
    const imageId = fixture.imageIds[0]!;
    // A label event by each role's user (the reader's as a reader), and exclusion events by three of them.
    for (const who of ['ADMIN', 'DATA_SCIENTIST', 'ANNOTATOR', 'READER'] as const)
      await db.insert(labels).values({
        imageId,
        categoryId: fixture.categoryIds.liver!,
        source: who === 'READER' ? 'READER' : 'ANNOTATOR',
        authorId: userIds[who]!,
      });
    for (const [who, excluded] of [
      ['ANNOTATOR', true],
      ['DATA_SCIENTIST', false],
      ['ADMIN', true],
    ] as const)
      await setImagesExcluded(app, {
        imageIds: [imageId],
        excluded,
        reason: 'matrix',
        authorId: userIds[who]!,
      });
    const query = `query($id: ID!) { image(id: $id) {
      labelHistory { author by { id } } exclusion { author by { id } } exclusionHistory { author by { id } } } }`;
    const selfOrAdmin = Object.entries(USER_FIELDS).filter(([, rule]) => rule === 'selfOrAdmin');
    expect(selfOrAdmin.map(([key]) => key).sort()).toEqual(
      ['ImageExclusion.by', 'ImageExclusionEvent.by', 'LabelEvent.by'].sort(),
    );
    for (const who of WHO) {
      const result = await gql(query, { id: toGlobalId('Image', imageId) }, { token: tokens[who as Role] });
      if (!isAllowed('read', who)) {
        expect(result.errors?.[0]?.extensions?.code, who).toBe(
          who === 'NO_TOKEN' ? 'UNAUTHENTICATED' : 'FORBIDDEN',
        );
        continue;
      }
      expect(result.errors, who).toBeUndefined();
      const { labelHistory, exclusion, exclusionHistory } = result.data.image;
      const events: { author: string | null; by: { id: string } | null }[] = [
        ...labelHistory,
        exclusion,
        ...exclusionHistory,
      ];
      expect(events).toHaveLength(8);
      for (const event of events) {
        const visible = event.author === userIds[who] || roleCan(who as Role, 'admin');
        expect(event.by, `${who} on ${event.author}`).toEqual(
          visible ? { id: toGlobalId('User', event.author!) } : null,
        );
      }
    }
  });

  it.each(rootFields.map((root) => root.key))('%s answers each role as the matrix expects', async (key) => {
    const access = EXPECTED[key];
    if (!access) throw new Error(`${key} has no row in EXPECTED (authorization-matrix.test.ts): add one.`);
    const observed: Record<string, string> = {};
    const wanted: Record<string, string> = {};
    for (const who of WHO) {
      // Any other outcome (data, NOT_FOUND, BAD_INPUT for the sample arguments) got past authorization.
      const code = await outcome(key, who);
      observed[who] = code === 'FORBIDDEN' || code === 'UNAUTHENTICATED' ? code : 'allowed';
      const denial = who === 'NO_TOKEN' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
      wanted[who] = isAllowed(access, who) ? 'allowed' : denial;
    }
    expect(observed, `${key} (${access})`).toEqual(wanted);
  });
});
