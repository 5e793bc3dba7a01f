import { annotations, studies } from '@loupe/db';
import { testDatabaseTargets } from '@loupe/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gid, graphqlClient, seedDataset, tokenFor } from '../../test/curation-fixtures';
import { createTestApp, type TestApp } from '../../test/test-app';
import { type RunningServer, startServer } from '../server';

const STUDY_IMAGES = `query($id: ID!) { study(id: $id) { images(first: 10) { edges { node {
  id sourceFileName annotation { id text createdAt image { id sourceFileName } }
} } } } }`;

describe.each(testDatabaseTargets())('Annotation on $name', (target) => {
  let app: TestApp;
  let server: RunningServer;
  let annotator: string;
  let reader: string;
  let fixture: Awaited<ReturnType<typeof seedDataset>>;
  let studyId: string;
  const gql = graphqlClient(() => server);

  beforeAll(async () => {
    app = await createTestApp(target);
    const { db } = app.database;
    const user = await tokenFor(db, 'ANNOTATOR');
    annotator = user.token;
    reader = (await tokenFor(db, 'READER')).token;
    fixture = await seedDataset(db, {
      name: 'annotated',
      categories: ['liver'],
      authorId: user.userId,
      images: [{ text: 'LIVER LT' }, {}, { text: 'SPLEEN' }],
    });
    const [study] = await db.select().from(studies).where(eq(studies.datasetId, fixture.datasetId));
    studyId = gid('Study', study!.id);
    server = await startServer(app, { port: 0, host: '127.0.0.1' });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await app?.close();
  });

  it("gives each image its technologist's text as an Annotation, and null where it has none", async () => {
    const rows = await app.database.db.select().from(annotations);
    const byImage = new Map(rows.map((row) => [row.imageId, row]));
    const result = await gql(STUDY_IMAGES, { id: studyId }, annotator);
    expect(result.errors).toBeUndefined();
    const nodes = (result.data.study.images.edges as { node: any }[]).map((edge) => edge.node);
    expect(nodes.map((node) => node.sourceFileName).sort()).toEqual(['0.png', '1.png', '2.png']);
    for (const node of nodes) {
      const index = Number(node.sourceFileName.split('.')[0]);
      const row = byImage.get(fixture.imageIds[index]!);
      if (!row) {
        expect(node.annotation).toBeNull();
        continue;
      }
      expect(node.annotation).toEqual({
        id: gid('Annotation', row.id),
        text: row.text,
        createdAt: row.createdAt.toISOString(),
        image: { id: node.id, sourceFileName: node.sourceFileName },
      });
    }
    expect(
      nodes
        .filter((node) => node.annotation)
        .map((node) => node.annotation.text)
        .sort(),
    ).toEqual(['LIVER LT', 'SPLEEN']);
  });

  it('fetches an annotation by its global id through node(id:)', async () => {
    const image = await gql(
      'query($id: ID!) { image(id: $id) { id annotation { id } } }',
      { id: gid('Image', fixture.imageIds[2]!) },
      annotator,
    );
    const annotationId = image.data.image.annotation.id as string;
    const found = await gql(
      'query($id: ID!) { node(id: $id) { __typename id ... on Annotation { text image { id } } } }',
      { id: annotationId },
      annotator,
    );
    expect(found.errors).toBeUndefined();
    expect(found.data.node).toEqual({
      __typename: 'Annotation',
      id: annotationId,
      text: 'SPLEEN',
      image: { id: image.data.image.id },
    });
    const unknown = gid('Annotation', '00000000-0000-4000-8000-000000000000');
    expect((await gql('query($id: ID!) { node(id: $id) { id } }', { id: unknown }, annotator)).data).toEqual({
      node: null,
    });
    // An annotation id is not an image id, and the other way round.
    const asImage = await gql('query($id: ID!) { image(id: $id) { id } }', { id: annotationId }, annotator);
    expect(asImage.errors?.[0]?.extensions?.code).toBe('BAD_INPUT');
  });

  it('shows a reader no annotation, by image or by id', async () => {
    const image = await gql(
      'query($id: ID!) { image(id: $id) { annotation { id } } }',
      { id: gid('Image', fixture.imageIds[0]!) },
      annotator,
    );
    const annotationId = image.data.image.annotation.id as string;
    const byImage = await gql(
      'query($id: ID!) { image(id: $id) { annotation { text } } }',
      { id: gid('Image', fixture.imageIds[0]!) },
      reader,
    );
    expect(byImage.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(byImage.data?.image ?? null).toBeNull();
    const byId = await gql(
      'query($id: ID!) { node(id: $id) { ... on Annotation { text } } }',
      { id: annotationId },
      reader,
    );
    expect(byId.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(byId.data?.node ?? null).toBeNull();
    const signedOut = await gql('query($id: ID!) { node(id: $id) { id } }', { id: annotationId }, null);
    expect(signedOut.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
