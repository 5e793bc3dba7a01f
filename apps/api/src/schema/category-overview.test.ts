import { categories, categoryAliases, labels } from '@loupe/db';
import { testDatabaseTargets } from '@loupe/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gid, graphqlClient, seedDataset, tokenFor } from '../../test/curation-fixtures';
import { createTestApp, type TestApp } from '../../test/test-app';
import { type RunningServer, startServer } from '../server';

const CATEGORIES = `query($d: ID!) { dataset(id: $d) {
  categories(includeArchived: true) { name labelCount archived mergedInto { name } }
  mergedCategories { name labelCount archived mergedInto { name } }
} }`;

/** What the categories screen asks for, to count statements. */
const SCREEN = `query($d: ID!) { dataset(id: $d) {
  categories(includeArchived: true) { id name labelCount archived mergedInto { id name }
    aliases { id pattern match matchCount } }
  mergedCategories { id name labelCount mergedInto { id name } }
} }`;

const MERGE = `mutation($s: ID!, $t: ID!) { mergeCategories(sourceId: $s, targetId: $t) {
  labelsMoved target { name labelCount } } }`;
const ARCHIVE = `mutation($c: ID!, $a: Boolean) { archiveCategory(categoryId: $c, archived: $a) {
  name archived labelCount } }`;
const RENAME =
  'mutation($c: ID!, $n: String!) { renameCategory(categoryId: $c, name: $n) { name labelCount } }';
const LABEL = 'mutation($i: ID!, $c: ID) { labelImage(imageId: $i, categoryId: $c) { id } }';

type CategoryView = {
  name: string;
  labelCount: number;
  archived: boolean;
  mergedInto: { name: string } | null;
};

describe.each(testDatabaseTargets())('category label counts on $name', (target) => {
  let app: TestApp;
  let server: RunningServer;
  let annotator: string;
  let reader: string;
  let fixture: Awaited<ReturnType<typeof seedDataset>>;
  let large: Awaited<ReturnType<typeof seedDataset>>;
  const statements: string[] = [];
  const gql = graphqlClient(() => server);
  const category = (name: string) => gid('Category', fixture.categoryIds[name]!);
  const image = (index: number) => gid('Image', fixture.imageIds[index]!);

  const counts = async () => {
    const result = await gql(CATEGORIES, { d: gid('Dataset', fixture.datasetId) }, annotator);
    expect(result.errors).toBeUndefined();
    const { categories: live, mergedCategories } = result.data.dataset as {
      categories: CategoryView[];
      mergedCategories: CategoryView[];
    };
    return {
      live: Object.fromEntries(live.map((row) => [row.name, row.labelCount])),
      archived: live.filter((row) => row.archived).map((row) => row.name),
      merged: mergedCategories.map((row) => ({
        name: row.name,
        labelCount: row.labelCount,
        into: row.mergedInto?.name,
      })),
    };
  };

  beforeAll(async () => {
    app = await createTestApp(target, {}, { onQuery: (sql) => statements.push(sql) });
    const { db } = app.database;
    const person = await tokenFor(db, 'ANNOTATOR');
    annotator = person.token;
    reader = (await tokenFor(db, 'READER')).token;
    fixture = await seedDataset(db, {
      name: 'abdomen',
      categories: ['liver', 'kidney', 'spleen', 'unused'],
      authorId: person.userId,
      images: [
        { label: { category: 'liver', source: 'ANNOTATOR' } },
        { label: { category: 'kidney', source: 'IMPORT' } },
        { label: { category: 'kidney', source: 'TECHNOLOGIST' } },
        { label: { category: 'liver', source: 'IMPORT' } },
        { label: { category: 'spleen', source: 'READER' } },
        {},
      ],
    });
    const [, one, , three] = fixture.imageIds;
    // Image 1 was kidney, then liver: only its current label counts. Image 3 was liver, then cleared.
    await db.insert(labels).values([
      { imageId: one!, categoryId: fixture.categoryIds.liver!, source: 'ANNOTATOR', authorId: person.userId },
      { imageId: three!, categoryId: null, source: 'ANNOTATOR', authorId: person.userId },
    ]);
    large = await seedDataset(db, {
      name: 'many categories',
      categories: [...Array.from({ length: 40 }, (_, index) => `category ${index}`), 'merged away'],
      authorId: person.userId,
      images: Array.from({ length: 80 }, (_, index) => ({
        label: { category: `category ${index % 40}`, source: 'IMPORT' as const },
      })),
    });
    await db
      .update(categories)
      .set({ mergedIntoId: large.categoryIds['category 0']! })
      .where(eq(categories.id, large.categoryIds['merged away']!));
    await db.insert(categoryAliases).values([
      {
        datasetId: fixture.datasetId,
        categoryId: fixture.categoryIds.spleen!,
        pattern: 'SPL',
        match: 'EXACT',
      },
      {
        datasetId: large.datasetId,
        categoryId: large.categoryIds['category 1']!,
        pattern: 'c1',
        match: 'EXACT',
      },
    ]);
    server = await startServer(app, { port: 0, host: '127.0.0.1' });
  }, 180_000);
  afterAll(async () => {
    await server?.close();
    await app?.close();
  });

  it('counts the images whose current label is each category, not earlier or cleared labels', async () => {
    expect(await counts()).toEqual({
      live: { liver: 2, kidney: 1, spleen: 1, unused: 0 },
      archived: [],
      merged: [],
    });
  });

  it('follows labelling, archiving and merging', async () => {
    expect((await gql(LABEL, { i: image(5), c: category('spleen') }, annotator)).errors).toBeUndefined();
    expect((await gql(LABEL, { i: image(0), c: null }, annotator)).errors).toBeUndefined();
    expect((await counts()).live).toEqual({ liver: 1, kidney: 1, spleen: 2, unused: 0 });

    const archived = await gql(ARCHIVE, { c: category('spleen'), a: true }, annotator);
    expect(archived.data.archiveCategory).toEqual({ name: 'spleen', archived: true, labelCount: 2 });
    expect((await counts()).archived).toEqual(['spleen']);
    const restored = await gql(ARCHIVE, { c: category('spleen'), a: false }, annotator);
    expect(restored.data.archiveCategory.archived).toBe(false);

    const merged = await gql(MERGE, { s: category('kidney'), t: category('liver') }, annotator);
    expect(merged.errors).toBeUndefined();
    expect(merged.data.mergeCategories).toEqual({ labelsMoved: 1, target: { name: 'liver', labelCount: 2 } });
    expect(await counts()).toEqual({
      live: { liver: 2, spleen: 2, unused: 0 },
      archived: [],
      merged: [{ name: 'kidney', labelCount: 0, into: 'liver' }],
    });
  });

  it('refuses a READER the counts and the merged categories', async () => {
    const result = await gql(CATEGORIES, { d: gid('Dataset', fixture.datasetId) }, reader);
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(result.data?.dataset ?? null).toBeNull();
  });

  it('reads the counts of a list of categories in one statement per list (no N+1)', async () => {
    const statementsFor = async (datasetId: string, size: number) => {
      statements.length = 0;
      const result = await gql(SCREEN, { d: gid('Dataset', datasetId) }, annotator);
      expect(result.errors).toBeUndefined();
      expect(result.data.dataset.categories).toHaveLength(size);
      return [...statements];
    };
    const few = await statementsFor(fixture.datasetId, 3);
    const many = await statementsFor(large.datasetId, 40);
    expect(many.length).toBe(few.length);
    expect(many.length).toBeLessThanOrEqual(15);
    // One count per list (the live categories, the merged ones), whatever its length.
    const labelCounts = (sqls: string[]) =>
      sqls.filter((sql) => /count\(\*\)/i.test(sql) && /"current_labels"/.test(sql));
    expect(labelCounts(many).length).toBe(labelCounts(few).length);
    expect(labelCounts(many).length).toBeGreaterThanOrEqual(1);
    expect(labelCounts(many).length).toBeLessThanOrEqual(2);
  });

  it('counts the large list right, and a renamed category keeps its count', async () => {
    const result = await gql(CATEGORIES, { d: gid('Dataset', large.datasetId) }, annotator);
    const rows = result.data.dataset.categories as CategoryView[];
    expect(rows.map((row) => row.labelCount)).toEqual(Array.from({ length: 40 }, () => 2));
    const renamed = await gql(
      RENAME,
      { c: gid('Category', large.categoryIds['category 0']!), n: 'first' },
      annotator,
    );
    expect(renamed.data.renameCategory).toEqual({ name: 'first', labelCount: 2 });
  });
});
