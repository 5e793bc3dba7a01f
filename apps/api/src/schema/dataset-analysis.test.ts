import { testDatabaseTargets } from '@loupe/db/testing';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AnalysisFixture,
  type ServedAnalysisFixture,
  serveAnalysisFixture,
} from '../../test/analysis-fixture';
import { gid } from '../../test/curation-fixtures';
import { dumpTables } from '../../test/database-snapshot';
import { type TestApp } from '../../test/test-app';
import { EXPORT_COLUMNS } from '../operations/export-dataset';

const EMBEDDINGS = `query($id: ID!, $backbone: String, $first: Int, $after: String, $format: EmbeddingFormat) {
  dataset(id: $id) { embeddings(backbone: $backbone, first: $first, after: $after, format: $format) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { image { id } backbone dimensions vector base64 } }
  } } }`;
const EXPORT = `query($id: ID!, $format: DatasetExportFormat) {
  exportDataset(datasetId: $id, format: $format) { format rowCount text } }`;

type EmbeddingNode = {
  image: { id: string };
  backbone: string;
  dimensions: number;
  vector: number[] | null;
  base64: string | null;
};

describe.each(testDatabaseTargets())('embeddings and exports for analysis on $name', (target) => {
  let served: ServedAnalysisFixture;
  let app: TestApp;
  let fixture: AnalysisFixture;
  let datasetId: string;
  let tokens: ServedAnalysisFixture['tokens'];
  const gql = (query: string, variables: object = {}, token?: string) => served.gql(query, variables, token);
  const allEmbeddings = async (variables: object) => {
    const nodes: EmbeddingNode[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 30; pages++) {
      const result = await gql(EMBEDDINGS, { id: datasetId, first: 5, after, ...variables });
      expect(result.errors).toBeUndefined();
      const connection = result.data.dataset.embeddings;
      nodes.push(...connection.edges.map((edge: { node: EmbeddingNode }) => edge.node));
      if (!connection.pageInfo.hasNextPage) return { nodes, totalCount: connection.totalCount as number };
      after = connection.pageInfo.endCursor;
    }
    throw new Error('too many pages');
  };

  beforeAll(async () => {
    served = await serveAnalysisFixture(target);
    ({ app, fixture, datasetId, tokens } = served);
  }, 120_000);
  afterAll(() => served?.close());

  it("pages through every image's embedding under its current crop and the newest version's backbone", async () => {
    const { nodes, totalCount } = await allEmbeddings({});
    expect(totalCount).toBe(24);
    const expected = [...fixture.images].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(nodes.map((node) => node.image.id)).toEqual(expected.map((image) => gid('Image', image.id)));
    nodes.forEach((node, index) => {
      expect(node.backbone).toBe('bb-1');
      expect(node.dimensions).toBe(4);
      expect(node.base64).toBeNull();
      expect(node.vector).toEqual(expected[index]!.vector);
    });
  });

  it('returns base64 float32 bytes that decode to the same floats', async () => {
    const floats = await allEmbeddings({ format: 'FLOATS' });
    const encoded = await allEmbeddings({ format: 'BASE64_FLOAT32' });
    expect(encoded.nodes.map((node) => node.image.id)).toEqual(floats.nodes.map((node) => node.image.id));
    encoded.nodes.forEach((node, index) => {
      expect(node.vector).toBeNull();
      const bytes = Buffer.from(node.base64!, 'base64');
      const decoded = Array.from(new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4));
      expect(decoded).toEqual(floats.nodes[index]!.vector);
    });
  });

  it('reads another backbone when asked, and nothing for an unknown one', async () => {
    const other = await allEmbeddings({ backbone: 'bb-0' });
    expect(other.totalCount).toBe(5);
    expect(other.nodes.every((node) => node.backbone === 'bb-0')).toBe(true);
    expect((await allEmbeddings({ backbone: 'missing' })).totalCount).toBe(0);
  });

  it('refuses pages over 1000 and foreign cursors with BAD_INPUT', async () => {
    const before = await dumpTables(app.database);
    const imageCursor = (
      await gql('query($id: ID!) { dataset(id: $id) { images(first: 1) { pageInfo { endCursor } } } }', {
        id: datasetId,
      })
    ).data.dataset.images.pageInfo.endCursor;
    for (const variables of [{ first: 1001 }, { first: -1 }, { after: imageCursor }, { after: 'x' }]) {
      const result = await gql(EMBEDDINGS, { id: datasetId, ...variables });
      expect(result.errors?.[0]?.extensions?.code, JSON.stringify(variables)).toBe('BAD_INPUT');
    }
    expect((await gql(EMBEDDINGS, { id: datasetId, first: 1000 })).errors).toBeUndefined();
    expect(await dumpTables(app.database)).toBe(before);
  });

  it('exports CSV that parses back to one row per image with split, label and predictions', async () => {
    const result = await gql(EXPORT, { id: datasetId, format: 'CSV' });
    expect(result.errors).toBeUndefined();
    const { text, rowCount, format } = result.data.exportDataset;
    expect(format).toBe('CSV');
    expect(rowCount).toBe(24);
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([...EXPORT_COLUMNS]);
    expect(rows).toHaveLength(24);
    for (const image of fixture.images) {
      const row = rows.find((candidate) => candidate.image_id === gid('Image', image.id))!;
      expect(row).toBeDefined();
      expect(row.sha256).toBe(image.sha256);
      expect(row.source_file_name).toBe(image.fileName);
      expect(row.study_key).toBe(image.studyKey);
      expect(row.split).toBe(image.split);
      expect(row.label).toBe(image.label ?? '');
      expect(row.label_source).toBe(image.labelSource ?? '');
      expect(row.model_version).toBe(image.prediction ? String(image.prediction.version) : '');
      expect(row.top1).toBe(image.prediction?.top1 ?? '');
      expect(row.top2).toBe(image.prediction?.top2 ?? '');
      if (image.prediction) {
        expect(Math.fround(Number(row.top1_probability))).toBe(image.prediction.p1);
        expect(Math.fround(Number(row.top2_probability))).toBe(image.prediction.p2);
      } else {
        expect(row.top1_probability).toBe('');
      }
    }
  });

  it('exports the same rows as JSON', async () => {
    const csv = parse((await gql(EXPORT, { id: datasetId })).data.exportDataset.text, {
      columns: true,
    }) as Record<string, string>[];
    const result = await gql(EXPORT, { id: datasetId, format: 'JSON' });
    const rows = JSON.parse(result.data.exportDataset.text) as Record<string, string | number | null>[];
    expect(result.data.exportDataset.rowCount).toBe(24);
    expect(
      rows.map((row) =>
        Object.fromEntries(Object.entries(row).map(([key, value]) => [key, String(value ?? '')])),
      ),
    ).toEqual(csv);
  });

  it('answers readers, strangers and unknown datasets with typed errors', async () => {
    expect((await gql(EXPORT, { id: datasetId }, tokens.reader)).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect((await gql(EXPORT, { id: datasetId }, '')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await gql(EMBEDDINGS, { id: datasetId }, tokens.reader)).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect((await gql(EMBEDDINGS, { id: datasetId }, '')).errors?.[0]?.extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
    const missing = gid('Dataset', '00000000-0000-4000-8000-000000000000');
    expect((await gql(EXPORT, { id: missing })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await gql(EXPORT, { id: 'junk' })).errors?.[0]?.extensions?.code).toBe('BAD_INPUT');
  });
});
