import { categories, labels } from '@loupe/db';
import { testDatabaseTargets } from '@loupe/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  domainSnapshot,
  gid,
  graphqlClient,
  recordJobs,
  refusalCheck,
  seedDataset,
  tokenFor,
} from '../../test/curation-fixtures';
import { createTestApp, type TestApp } from '../../test/test-app';
import { type RunningServer, startServer } from '../server';

const PREVIEW = `query($d: ID!, $p: String!, $m: AliasMatch!, $c: ID, $first: Int) {
  testAliasRule(datasetId: $d, pattern: $p, match: $m, categoryId: $c, first: $first) {
    matchCount textCount samples { text imageCount } labelChangeCount keptLabelCount
  } }`;
const CREATE = `mutation($d: ID!, $c: ID!, $p: String!, $m: AliasMatch!) {
  createAliasRule(datasetId: $d, categoryId: $c, pattern: $p, match: $m) {
    id pattern match matchCount createdAt category { name }
  } }`;
const APPLY = 'mutation($id: ID!) { applyAliasRule(id: $id) { labelsWritten aliasRule { pattern } } }';
const DELETE = 'mutation($id: ID!) { deleteAliasRule(id: $id) { deletedId category { name } } }';
const LABEL = 'query($i: ID!) { image(id: $i) { currentLabel { source category { name } } } }';

describe.each(testDatabaseTargets())('alias rules on $name', (target) => {
  let app: TestApp;
  let server: RunningServer;
  let admin: string;
  let reader: string;
  let fixture: Awaited<ReturnType<typeof seedDataset>>;
  let other: Awaited<ReturnType<typeof seedDataset>>;
  const enqueued: string[] = [];
  const statements: string[] = [];
  const gql = graphqlClient(() => server);
  const asAdmin = (query: string, variables: object) => gql(query, variables, admin);
  const category = (name: string) => gid('Category', fixture.categoryIds[name]!);
  const datasetId = () => gid('Dataset', fixture.datasetId);
  const image = (index: number) => gid('Image', fixture.imageIds[index]!);
  const currentLabel = async (index: number) =>
    (await asAdmin(LABEL, { i: image(index) })).data.image.currentLabel;

  const expectRefused = refusalCheck(() => app.database, enqueued);

  beforeAll(async () => {
    app = await createTestApp(target, {}, { onQuery: (sql) => statements.push(sql) });
    recordJobs(app, enqueued);
    const { db } = app.database;
    const annotator = await tokenFor(db, 'ANNOTATOR');
    admin = annotator.token;
    reader = (await tokenFor(db, 'READER')).token;
    fixture = await seedDataset(db, {
      name: 'abdomen',
      categories: ['liver', 'kidney', 'spleen', 'old', 'hepar'],
      authorId: annotator.userId,
      images: [
        { text: 'LIVER' },
        { text: 'liver ', label: { category: 'kidney', source: 'IMPORT' } },
        { text: 'LIVER', label: { category: 'kidney', source: 'ANNOTATOR' } },
        { text: 'LIVER', label: { category: 'liver', source: 'TECHNOLOGIST' } },
        { text: 'LT KIDNEY' },
        { text: 'RT KIDNEY', label: { category: 'spleen', source: 'READER' } },
        {},
        { text: 'Liver lobe', label: { category: 'spleen', source: 'TECHNOLOGIST' } },
      ],
    });
    await db.update(categories).set({ archivedAt: new Date() }).where(eq(categories.name, 'old'));
    await db
      .update(categories)
      .set({ mergedIntoId: fixture.categoryIds.liver! })
      .where(eq(categories.id, fixture.categoryIds.hepar!));
    other = await seedDataset(db, {
      name: 'other',
      categories: ['liver'],
      authorId: annotator.userId,
      images: [{ text: 'LIVER' }],
    });
    server = await startServer(app, { port: 0, host: '127.0.0.1' });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await app?.close();
  });

  it('previews a rule: matching images, frequent texts and, given a category, the labels it would change', async () => {
    const before = await domainSnapshot(app.database);
    const plain = await asAdmin(PREVIEW, { d: datasetId(), p: ' Liver', m: 'CASE_INSENSITIVE', first: 1 });
    expect(plain.data.testAliasRule).toEqual({
      matchCount: 4,
      textCount: 2,
      samples: [{ text: 'LIVER', imageCount: 3 }],
      labelChangeCount: null,
      keptLabelCount: null,
    });
    const withCategory = await asAdmin(PREVIEW, {
      d: datasetId(),
      p: 'liver',
      m: 'CASE_INSENSITIVE',
      c: category('liver'),
    });
    // Image 0 has no label, image 1 an imported other one; image 2 is an annotator's, image 3 already says liver.
    expect(withCategory.data.testAliasRule).toMatchObject({
      matchCount: 4,
      labelChangeCount: 2,
      keptLabelCount: 1,
    });
    const regex = await asAdmin(PREVIEW, { d: datasetId(), p: '^liv', m: 'REGEX', c: category('liver') });
    expect(regex.data.testAliasRule).toMatchObject({ matchCount: 5, textCount: 3, labelChangeCount: 3 });
    const exact = await asAdmin(PREVIEW, { d: datasetId(), p: 'LIVER', m: 'EXACT' });
    expect(exact.data.testAliasRule).toMatchObject({ matchCount: 3, textCount: 1 });
    expect(await domainSnapshot(app.database)).toBe(before);
  });

  it('refuses a preview of a bad pattern, an unknown dataset, a foreign category or without the right', async () => {
    const preview = (variables: object, token: string | null = admin) =>
      gql(PREVIEW, { d: datasetId(), p: 'liver', m: 'REGEX', ...variables }, token);
    await expectRefused('BAD_INPUT', () => preview({ p: '(unclosed' }));
    await expectRefused('BAD_INPUT', () => preview({ p: '  ' }));
    await expectRefused('BAD_INPUT', () => preview({ first: -1 }));
    await expectRefused('NOT_FOUND', () => preview({ d: gid('Dataset', fixture.imageIds[0]!) }));
    await expectRefused('BAD_INPUT', () => preview({ c: gid('Category', other.categoryIds.liver!) }));
    await expectRefused('FORBIDDEN', () => preview({}, reader));
    await expectRefused('UNAUTHENTICATED', () => preview({}, null));
  });

  it('creates a rule, lists it on the dataset, its category and as a node', async () => {
    const created = await asAdmin(CREATE, {
      d: datasetId(),
      c: category('liver'),
      p: ' liver ',
      m: 'CASE_INSENSITIVE',
    });
    const rule = created.data.createAliasRule;
    expect(rule).toMatchObject({ pattern: 'liver', match: 'CASE_INSENSITIVE', matchCount: 4 });
    expect(rule.category).toEqual({ name: 'liver' });
    const listed = await asAdmin(
      `query($d: ID!, $id: ID!) {
        dataset(id: $d) { aliasRules { id matchCount } categories { name aliases { pattern } } }
        node(id: $id) { ... on CategoryAlias { pattern category { name } } }
      }`,
      { d: datasetId(), id: rule.id },
    );
    expect(listed.data.dataset.aliasRules).toEqual([{ id: rule.id, matchCount: 4 }]);
    expect(listed.data.dataset.categories.find((c: any) => c.name === 'liver').aliases).toEqual([
      { pattern: 'liver' },
    ]);
    expect(listed.data.node).toEqual({ pattern: 'liver', category: { name: 'liver' } });
  });

  it('lists rules with their match counts in a constant number of statements (no N+1)', async () => {
    const RULES = `query($d: ID!) { dataset(id: $d) {
      aliasRules { matchCount category { name } }
      categories { aliases { pattern matchCount category { aliases { matchCount } } } }
    } }`;
    const statementsFor = async () => {
      statements.length = 0;
      const result = await asAdmin(RULES, { d: datasetId() });
      expect(result.errors).toBeUndefined();
      return statements.filter((sql) => !/api_tokens/.test(sql)).length;
    };
    const withOne = await statementsFor();
    const spare = await asAdmin(CREATE, { d: datasetId(), c: category('spleen'), p: 'SPL', m: 'EXACT' });
    const more = await asAdmin(CREATE, { d: datasetId(), c: category('kidney'), p: 'KID', m: 'EXACT' });
    expect(await statementsFor()).toBe(withOne);
    for (const created of [spare, more]) await asAdmin(DELETE, { id: created.data.createAliasRule.id });
  });

  it('refuses bad rules with a typed error and writes nothing', async () => {
    const create = (variables: object, token: string | null = admin) =>
      gql(CREATE, { d: datasetId(), c: category('kidney'), p: 'kidney$', m: 'REGEX', ...variables }, token);
    await expectRefused('BAD_INPUT', () => create({ p: '' }));
    await expectRefused('BAD_INPUT', () => create({ p: '   ', m: 'EXACT' }));
    await expectRefused('BAD_INPUT', () => create({ p: '[a-' }));
    await expectRefused('CONFLICT', () => create({ p: 'LIVER', m: 'CASE_INSENSITIVE' }));
    await expectRefused('BAD_INPUT', () => create({ c: category('old') }));
    await expectRefused('BAD_INPUT', () => create({ c: category('hepar') }));
    await expectRefused('BAD_INPUT', () => create({ c: gid('Category', other.categoryIds.liver!) }));
    await expectRefused('NOT_FOUND', () => create({ c: gid('Category', fixture.imageIds[0]!) }));
    await expectRefused('NOT_FOUND', () => create({ d: gid('Dataset', fixture.imageIds[0]!) }));
    await expectRefused('BAD_INPUT', () => create({ c: image(0) }));
    await expectRefused('BAD_INPUT', () => create({ d: 'not-an-id' }));
    await expectRefused('FORBIDDEN', () => create({}, reader));
    await expectRefused('UNAUTHENTICATED', () => create({}, null));
  });

  it('applies a rule: labels missing and imported ones, keeps annotator labels, asks for one retrain', async () => {
    const rules = await asAdmin('query($d: ID!) { dataset(id: $d) { aliasRules { id pattern } } }', {
      d: datasetId(),
    });
    const ruleId = rules.data.dataset.aliasRules.find((rule: any) => rule.pattern === 'liver').id;
    await expectRefused('FORBIDDEN', () => gql(APPLY, { id: ruleId }, reader));
    await expectRefused('UNAUTHENTICATED', () => gql(APPLY, { id: ruleId }));
    await expectRefused('NOT_FOUND', () =>
      asAdmin(APPLY, { id: gid('CategoryAlias', fixture.imageIds[0]!) }),
    );
    await expectRefused('BAD_INPUT', () => asAdmin(APPLY, { id: category('liver') }));
    enqueued.length = 0;
    const applied = await asAdmin(APPLY, { id: ruleId });
    expect(applied.data.applyAliasRule).toEqual({ labelsWritten: 2, aliasRule: { pattern: 'liver' } });
    expect(enqueued).toEqual(['retrain:alias rule applied']);
    expect(await currentLabel(0)).toEqual({ source: 'TECHNOLOGIST', category: { name: 'liver' } });
    expect(await currentLabel(1)).toEqual({ source: 'TECHNOLOGIST', category: { name: 'liver' } });
    expect(await currentLabel(2)).toEqual({ source: 'ANNOTATOR', category: { name: 'kidney' } });
    const written = await app.database.db
      .select()
      .from(labels)
      .where(eq(labels.aliasId, Buffer.from(ruleId, 'base64url').toString().split(':')[1]!));
    expect(written.map((label) => label.imageId).sort()).toEqual(
      [fixture.imageIds[0]!, fixture.imageIds[1]!].sort(),
    );
    // Applying again changes nothing: every matching label is already the rule's or a person's.
    await expectRefused('NOT_FOUND', () => asAdmin(APPLY, { id: gid('CategoryAlias', fixture.datasetId) }));
    const before = await domainSnapshot(app.database);
    enqueued.length = 0;
    const again = await asAdmin(APPLY, { id: ruleId });
    expect(again.data.applyAliasRule.labelsWritten).toBe(0);
    expect(await domainSnapshot(app.database)).toBe(before);
    expect(enqueued).toEqual([]);
  });

  it('refuses to apply a rule whose category was archived since', async () => {
    const created = await asAdmin(CREATE, {
      d: datasetId(),
      c: category('kidney'),
      p: 'kidney$',
      m: 'REGEX',
    });
    const ruleId = created.data.createAliasRule.id;
    expect(created.data.createAliasRule.matchCount).toBe(2);
    await app.database.db
      .update(categories)
      .set({ archivedAt: new Date() })
      .where(eq(categories.id, fixture.categoryIds.kidney!));
    await expectRefused('BAD_INPUT', () => asAdmin(APPLY, { id: ruleId }));
    await app.database.db
      .update(categories)
      .set({ archivedAt: null })
      .where(eq(categories.id, fixture.categoryIds.kidney!));
    const applied = await asAdmin(APPLY, { id: ruleId });
    // Image 4 had no label; image 5's reader label stays.
    expect(applied.data.applyAliasRule.labelsWritten).toBe(1);
    expect(await currentLabel(5)).toEqual({ source: 'READER', category: { name: 'spleen' } });
  });

  it('deletes a rule; the labels it wrote stay', async () => {
    const rules = await asAdmin('query($d: ID!) { dataset(id: $d) { aliasRules { id pattern } } }', {
      d: datasetId(),
    });
    const ruleId = rules.data.dataset.aliasRules.find((rule: any) => rule.pattern === 'liver').id;
    await expectRefused('FORBIDDEN', () => gql(DELETE, { id: ruleId }, reader));
    await expectRefused('UNAUTHENTICATED', () => gql(DELETE, { id: ruleId }));
    await expectRefused('BAD_INPUT', () => asAdmin(DELETE, { id: image(0) }));
    const deleted = await asAdmin(DELETE, { id: ruleId });
    expect(deleted.data.deleteAliasRule).toEqual({ deletedId: ruleId, category: { name: 'liver' } });
    const after = await asAdmin('query($d: ID!) { dataset(id: $d) { aliasRules { pattern } } }', {
      d: datasetId(),
    });
    expect(after.data.dataset.aliasRules).toEqual([{ pattern: 'kidney$' }]);
    expect(await currentLabel(0)).toEqual({ source: 'TECHNOLOGIST', category: { name: 'liver' } });
    await expectRefused('NOT_FOUND', () => asAdmin(DELETE, { id: ruleId }));
    // The same rule may be created again once deleted.
    const recreated = await asAdmin(CREATE, {
      d: datasetId(),
      c: category('liver'),
      p: 'liver',
      m: 'CASE_INSENSITIVE',
    });
    expect(recreated.data.createAliasRule.pattern).toBe('liver');
  });
});
