import { testDatabaseTargets } from '@loupe/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AnalysisFixture,
  type FixtureImage,
  type ServedAnalysisFixture,
  serveAnalysisFixture,
} from '../../test/analysis-fixture';
import { gid } from '../../test/curation-fixtures';
import { dumpTables } from '../../test/database-snapshot';
import { type TestApp } from '../../test/test-app';

const dbId = (globalId: string) => Buffer.from(globalId, 'base64url').toString().split(':')[1]!;

const IMAGES = `query($id: ID!, $first: Int, $after: String, $filter: ImageFilter, $orderBy: ImageOrder) {
  dataset(id: $id) { images(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id sourceFileName } }
  } } }`;

type Page = {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: { id: string; sourceFileName: string } }[];
};

/** The fixture's newest model version: filters and orders read its predictions only. */
const NEWEST_VERSION = 2;
/** An image's prediction as filters and orders see it: the newest model version's, if it made one. */
const scored = (image: FixtureImage) =>
  image.prediction?.version === NEWEST_VERSION ? image.prediction : undefined;

/** Sort values as the API defines them: a missing score sorts last in both directions. */
const SCORES: Record<string, (image: FixtureImage) => number | null | undefined> = {
  CONFIDENCE: (image) => scored(image)?.p1,
  MARGIN: (image) => scored(image)?.margin,
  ENTROPY: (image) => scored(image)?.entropy,
  LABEL_DISAGREEMENT: (image) => scored(image)?.labelDisagreement,
};

function expectedOrder(list: FixtureImage[], field: string, direction: 'ASC' | 'DESC'): string[] {
  const sign = direction === 'ASC' ? 1 : -1;
  const keyOf = (image: FixtureImage): number | string => {
    if (field === 'CREATED_AT') return image.createdAtText;
    if (field === 'SOURCE_FILE_NAME') return image.fileName;
    return SCORES[field]!(image) ?? sign * Number.POSITIVE_INFINITY;
  };
  const compare = (a: number | string, b: number | string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...list]
    .sort((a, b) => sign * (compare(keyOf(a), keyOf(b)) || compare(a.id, b.id)))
    .map((image) => gid('Image', image.id));
}

describe.each(testDatabaseTargets())('Dataset.images filters and orderings on $name', (target) => {
  let served: ServedAnalysisFixture;
  let app: TestApp;
  let fixture: AnalysisFixture;
  let datasetId: string;
  let tokens: ServedAnalysisFixture['tokens'];
  const gql = (query: string, variables: object = {}, token?: string) => served.gql(query, variables, token);
  const page = async (variables: object): Promise<Page> => {
    const result = await gql(IMAGES, { id: datasetId, ...variables });
    expect(result.errors).toBeUndefined();
    return result.data.dataset.images as Page;
  };
  const ids = async (filter: object, orderBy?: object) =>
    (await page({ first: 500, filter, orderBy })).edges.map((edge) => edge.node.id);
  const byCreation = (predicate: (image: FixtureImage) => boolean) =>
    expectedOrder(fixture.images.filter(predicate), 'CREATED_AT', 'ASC');

  beforeAll(async () => {
    served = await serveAnalysisFixture(target);
    ({ app, fixture, datasetId, tokens } = served);
  }, 120_000);
  afterAll(() => served?.close());

  it('has a fixture worth testing: three splits, labelled and unlabelled, predicted and not', () => {
    expect(new Set(fixture.images.map((image) => image.split)).size).toBe(3);
    expect(fixture.images.filter((image) => !image.label).length).toBeGreaterThan(2);
    expect(fixture.images.filter((image) => !image.prediction).length).toBe(2);
  });

  it('lists every image by default, oldest first', async () => {
    const all = await page({ first: 500 });
    expect(all.totalCount).toBe(24);
    expect(all.edges.map((edge) => edge.node.id)).toEqual(byCreation(() => true));
  });

  it('filters by study, split, label, label source and labelled', async () => {
    const studyIds = [...new Set(fixture.images.slice(0, 2).map((image) => image.studyId))];
    expect(await ids({ studyIds: studyIds.map((id) => gid('Study', id)) })).toEqual(
      byCreation((image) => studyIds.includes(image.studyId)),
    );
    for (const split of ['TRAIN', 'VALIDATION', 'TEST'])
      expect(await ids({ split })).toEqual(byCreation((image) => image.split === split));
    expect(await ids({ categoryIds: [gid('Category', fixture.categoryIds.spleen)] })).toEqual(
      byCreation((image) => image.label === 'spleen'),
    );
    expect(await ids({ labelSources: ['ANNOTATOR'] })).toEqual(
      byCreation((image) => image.labelSource === 'ANNOTATOR'),
    );
    expect(await ids({ labelled: false })).toEqual(byCreation((image) => !image.label));
    expect(await ids({ labelled: true, split: 'TEST' })).toEqual(
      byCreation((image) => Boolean(image.label) && image.split === 'TEST'),
    );
    expect(await ids({ studyIds: [] })).toEqual([]);
  });

  it('filters by the newest model version prediction: first guess, confidence and margin, disagreement', async () => {
    expect(await ids({ predictedCategoryIds: [gid('Category', fixture.categoryIds.kidney)] })).toEqual(
      byCreation((image) => scored(image)?.top1 === 'kidney'),
    );
    // Bounds are inclusive and compared at the stored precision.
    expect(await ids({ confidence: { min: 0.5, max: 0.7 } })).toEqual(
      byCreation((image) => !!scored(image) && scored(image)!.p1 >= 0.45 && scored(image)!.p1 <= 0.75),
    );
    expect(await ids({ margin: { max: 0.3 } })).toEqual(
      byCreation((image) => !!scored(image) && scored(image)!.margin <= Math.fround(0.3)),
    );
    const disagreeing = byCreation(
      (image) => !!image.label && !!scored(image) && scored(image)!.top1 !== image.label,
    );
    expect(disagreeing.length).toBeGreaterThan(0);
    expect(await ids({ disagreesWithLabel: true })).toEqual(disagreeing);
    expect(await ids({ disagreesWithLabel: false })).toEqual(
      byCreation((image) => !!image.label && !!scored(image) && scored(image)!.top1 === image.label),
    );
  });

  it('treats an image only an older model version predicted as unpredicted, as the review queue does', async () => {
    const older = fixture.images.filter((image) => image.prediction && !scored(image));
    expect(older.length).toBe(2);
    const olderIds = older.map((image) => gid('Image', image.id));
    const unscored = fixture.images.filter((image) => !scored(image));
    for (const direction of ['ASC', 'DESC'] as const) {
      const listed = await ids({}, { field: 'MARGIN', direction });
      expect(listed.slice(-unscored.length).sort()).toEqual(
        unscored.map((image) => gid('Image', image.id)).sort(),
      );
    }
    const predicted = await ids({ confidence: { min: 0 } });
    expect(predicted.filter((id) => olderIds.includes(id))).toEqual([]);
    expect(predicted.length).toBe(fixture.images.length - unscored.length);
  });

  it('searches the annotation case-insensitively, with % and _ matching only themselves', async () => {
    expect(await ids({ annotationContains: 'liver' })).toEqual(
      byCreation((image) => !!image.annotation?.toLowerCase().includes('liver')),
    );
    const literal = byCreation((image) => image.annotation === '50%_LIVER');
    expect(literal.length).toBeGreaterThan(0);
    expect(await ids({ annotationContains: '50%_' })).toEqual(literal);
    expect(await ids({ annotationContains: 'o_r' })).toEqual(
      byCreation((image) => image.annotation === 'ao_rta'),
    );
    expect(await ids({ annotationContains: '\\' })).toEqual([]);
  });

  it('finds images by exact file names, as a script holding a list of files would', async () => {
    const names = fixture.images.slice(0, 3).map((image) => image.fileName);
    const wanted = new Set(names);
    const found = await ids({ sourceFileNames: [...names, 'missing.png', names[0]!.toUpperCase()] });
    expect(found).toEqual(byCreation((image) => wanted.has(image.fileName)));
    expect(found.length).toBeGreaterThanOrEqual(3);
    expect(await ids({ sourceFileNames: [] })).toEqual([]);
  });

  it('sorts by every field in both directions, ties broken by id, missing scores last', async () => {
    for (const field of [
      'CREATED_AT',
      'CONFIDENCE',
      'MARGIN',
      'ENTROPY',
      'LABEL_DISAGREEMENT',
      'SOURCE_FILE_NAME',
    ])
      for (const direction of ['ASC', 'DESC'] as const)
        expect(await ids({}, { field, direction }), `${field} ${direction}`).toEqual(
          expectedOrder(fixture.images, field, direction),
        );
  });

  it('pages through a filtered, sorted list with cursors, visiting every image exactly once', async () => {
    const cases = [
      { filter: {}, orderBy: { field: 'CONFIDENCE', direction: 'DESC' } },
      { filter: { labelled: true }, orderBy: { field: 'LABEL_DISAGREEMENT', direction: 'ASC' } },
      { filter: { annotationContains: 'L' }, orderBy: { field: 'CREATED_AT', direction: 'DESC' } },
      { filter: {}, orderBy: { field: 'SOURCE_FILE_NAME', direction: 'ASC' } },
    ];
    for (const { filter, orderBy } of cases) {
      const whole = await ids(filter, orderBy);
      const visited: string[] = [];
      let after: string | null = null;
      for (let pages = 0; pages < 30; pages++) {
        const next: Page = await page({ first: 3, after, filter, orderBy });
        expect(next.totalCount).toBe(whole.length);
        visited.push(...next.edges.map((edge) => edge.node.id));
        if (!next.pageInfo.hasNextPage) break;
        after = next.pageInfo.endCursor;
      }
      expect(visited).toEqual(whole);
      expect(new Set(visited).size).toBe(visited.length);
    }
  });

  it('counts exactly the images that each label filter returns', async () => {
    const filters = [
      { labelled: true },
      { labelled: false },
      { categoryIds: [gid('Category', fixture.categoryIds.spleen)] },
      { labelSources: ['ANNOTATOR'] },
      { labelSources: ['IMPORT', 'TECHNOLOGIST'], labelled: true },
      { disagreesWithLabel: true },
      { disagreesWithLabel: false, margin: { max: 0.9 } },
    ];
    const sizes = new Set<number>();
    for (const filter of filters) {
      const all = await page({ first: 500, filter });
      expect(all.totalCount, JSON.stringify(filter)).toBe(all.edges.length);
      sizes.add(all.edges.length);
    }
    // The filters tell the images apart: not every count is the same.
    expect(sizes.size).toBeGreaterThan(3);
  });

  it('refuses bad filters, page sizes and cursors with BAD_INPUT and changes nothing', async () => {
    const before = await dumpTables(app.database);
    const cursor = (await page({ first: 1, orderBy: { field: 'MARGIN' } })).pageInfo.endCursor;
    const bad = [
      { filter: { confidence: { min: 1.5 } } },
      { filter: { margin: { min: -0.1 } } },
      { filter: { confidence: { min: 0.8, max: 0.2 } } },
      { first: 501 },
      { first: -1 },
      { after: 'not-a-cursor' },
      { after: cursor, orderBy: { field: 'ENTROPY' } },
      { after: cursor, orderBy: { field: 'MARGIN', direction: 'DESC' } },
      { filter: { studyIds: [datasetId] } },
      { filter: { categoryIds: ['nonsense'] } },
      { filter: { sourceFileNames: Array.from({ length: 1001 }, (_, index) => `${index}.png`) } },
    ];
    for (const variables of bad) {
      const result = await gql(IMAGES, { id: datasetId, ...variables });
      expect(result.errors?.[0]?.extensions?.code, JSON.stringify(variables)).toBe('BAD_INPUT');
    }
    const badSplit = await gql(IMAGES, { id: datasetId, filter: { split: 'HOLDOUT' } });
    expect(badSplit.errors?.length).toBeGreaterThan(0);
    expect(await dumpTables(app.database)).toBe(before);
  });

  it('answers a reader and an unauthenticated caller with typed errors', async () => {
    const asReader = await gql(IMAGES, { id: datasetId }, tokens.reader);
    expect(asReader.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await gql(IMAGES, { id: datasetId }, '');
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(anonymous.data?.dataset?.images ?? null).toBeNull();
  });

  it('keeps Study.images working', async () => {
    const study = fixture.images[0]!.studyId;
    const result = await gql(
      'query($id: ID!) { study(id: $id) { images { totalCount edges { node { id } } } } }',
      {
        id: gid('Study', study),
      },
    );
    const listed = result.data.study.images.edges.map((edge: { node: { id: string } }) => dbId(edge.node.id));
    expect(listed.sort()).toEqual(
      fixture.images
        .filter((image) => image.studyId === study)
        .map((image) => image.id)
        .sort(),
    );
  });
});
