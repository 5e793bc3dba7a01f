import { randomUUID } from 'node:crypto';
import { imageExclusions, labels, users } from '@loupe/db';
import { testDatabaseTargets } from '@loupe/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gid, graphqlClient, seedDataset } from '../../test/curation-fixtures';
import { createTestApp, type TestApp } from '../../test/test-app';
import { createApiToken, ensureAdminUser, findViewerByToken } from '../auth/api-tokens';
import { canSeeUser, type Role } from '../auth/roles';
import { type RunningServer, startServer } from '../server';
import { createGraphQLContext } from './context';
import { exclusionResolvers } from './exclusions';
import { labelingResolvers } from './labeling';

const HISTORY = `query($id: ID!) { image(id: $id) {
  labelHistory { source author by { id name } }
  exclusion { author by { id name } }
  exclusionHistory { excluded author by { id name } } } }`;
const LABEL = `mutation($image: ID!, $category: ID) { labelImage(imageId: $image, categoryId: $category) {
  labelHistory { source author by { id name role } } } }`;
const EXCLUDE = `mutation($ids: [ID!]!, $reason: String!) { excludeImages(imageIds: $ids, reason: $reason) {
  exclusion { author by { id name } } exclusionHistory { author by { id name } } } }`;

type Person = { userId: string; token: string; name: string };

describe.each(testDatabaseTargets())('who made label and exclusion events on $name', (target) => {
  let app: TestApp;
  let server: RunningServer;
  let admin: Person;
  let ann: Person;
  let bob: Person;
  let dana: Person;
  let rita: Person;
  let fixture: Awaited<ReturnType<typeof seedDataset>>;
  const gql = graphqlClient(() => server);
  const image = (index: number) => gid('Image', fixture.imageIds[index]!);
  const userOf = (person: Person) => ({ id: gid('User', person.userId), name: person.name });

  async function person(name: string, role: Role): Promise<Person> {
    const { db } = app.database;
    const [user] = await db
      .insert(users)
      .values({ email: `${name.toLowerCase()}@example.org`, name, role })
      .returning();
    return {
      userId: user!.id,
      name,
      token: (await createApiToken(db, { userId: user!.id, name: 't' })).token,
    };
  }

  beforeAll(async () => {
    app = await createTestApp(target);
    const { db } = app.database;
    const adminId = await ensureAdminUser(db);
    admin = {
      userId: adminId,
      name: 'Administrator',
      token: (await createApiToken(db, { userId: adminId, name: 't' })).token,
    };
    ann = await person('Ann', 'ANNOTATOR');
    bob = await person('Bob', 'ANNOTATOR');
    dana = await person('Dana', 'DATA_SCIENTIST');
    rita = await person('Rita', 'READER');
    fixture = await seedDataset(db, {
      name: 'authors',
      categories: ['liver', 'kidney'],
      authorId: ann.userId,
      images: [{}, {}],
    });
    // Labels read at import and from technologist text have no author.
    await db.insert(labels).values([
      { imageId: fixture.imageIds[0]!, categoryId: fixture.categoryIds.liver!, source: 'IMPORT' },
      { imageId: fixture.imageIds[1]!, categoryId: fixture.categoryIds.kidney!, source: 'TECHNOLOGIST' },
    ]);
    server = await startServer(app, { port: 0, host: '127.0.0.1' });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await app?.close();
  });

  it('names the annotator of a label and no one for an imported or technologist label', async () => {
    const labelled = await gql(
      LABEL,
      { image: image(0), category: gid('Category', fixture.categoryIds.kidney!) },
      ann.token,
    );
    expect(labelled.errors).toBeUndefined();
    expect(labelled.data.labelImage.labelHistory).toEqual([
      { source: 'ANNOTATOR', author: ann.userId, by: { ...userOf(ann), role: 'ANNOTATOR' } },
      { source: 'IMPORT', author: null, by: null },
    ]);
    const technologist = await gql(HISTORY, { id: image(1) }, admin.token);
    expect(technologist.errors).toBeUndefined();
    expect(technologist.data.image.labelHistory).toEqual([
      { source: 'TECHNOLOGIST', author: null, by: null },
    ]);
  });

  it('names who excluded an image, on the exclusion and in its history', async () => {
    const excluded = await gql(EXCLUDE, { ids: [image(0)], reason: 'Duplicate' }, ann.token);
    expect(excluded.errors).toBeUndefined();
    expect(excluded.data.excludeImages).toEqual([
      {
        exclusion: { author: ann.userId, by: userOf(ann) },
        exclusionHistory: [{ author: ann.userId, by: userOf(ann) }],
      },
    ]);
  });

  it('shows a user to themselves and to an admin, and to no one else', async () => {
    const seenBy = async (viewer: Person) => {
      const result = await gql(HISTORY, { id: image(0) }, viewer.token);
      expect(result.errors).toBeUndefined();
      return result.data.image;
    };
    // The admin sees who did it.
    expect(await seenBy(admin)).toEqual({
      labelHistory: [
        { source: 'ANNOTATOR', author: ann.userId, by: userOf(ann) },
        { source: 'IMPORT', author: null, by: null },
      ],
      exclusion: { author: ann.userId, by: userOf(ann) },
      exclusionHistory: [{ excluded: true, author: ann.userId, by: userOf(ann) }],
    });
    // Another annotator and a data scientist see that someone did (the deprecated raw id), not who.
    for (const viewer of [bob, dana])
      expect(await seenBy(viewer)).toEqual({
        labelHistory: [
          { source: 'ANNOTATOR', author: ann.userId, by: null },
          { source: 'IMPORT', author: null, by: null },
        ],
        exclusion: { author: ann.userId, by: null },
        exclusionHistory: [{ excluded: true, author: ann.userId, by: null }],
      });
    // Bob's own label names him to himself, Ann's still nobody.
    await gql(LABEL, { image: image(0), category: gid('Category', fixture.categoryIds.liver!) }, bob.token);
    expect((await seenBy(bob)).labelHistory.map((event: { by: unknown }) => event.by)).toEqual([
      userOf(bob),
      null,
      null,
    ]);
    // The same rule as looking a user up by id.
    const node = (viewer: Person, of: Person) =>
      gql('query($id: ID!) { node(id: $id) { id } }', { id: gid('User', of.userId) }, viewer.token);
    expect((await node(bob, ann)).data.node).toBeNull();
    expect((await node(bob, bob)).data.node).toEqual({ id: gid('User', bob.userId) });
    expect((await node(admin, ann)).data.node).toEqual({ id: gid('User', ann.userId) });
  });

  it('goes by the role a request acts with: an admin’s narrower token sees only its own user', async () => {
    const { db } = app.database;
    for (const role of ['DATA_SCIENTIST', 'ANNOTATOR'] as const) {
      const { token } = await createApiToken(db, { userId: admin.userId, name: role, role });
      const result = await gql(HISTORY, { id: image(0) }, token);
      expect(result.errors).toBeUndefined();
      expect(result.data.image.exclusion).toEqual({ author: ann.userId, by: null });
    }
  });

  it('tells a READER no other rater’s identity, whatever reaches them', async () => {
    const { db } = app.database;
    // A reader reads no image, label or user by id at all.
    const refused = await gql(HISTORY, { id: image(0) }, rita.token);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const [annLabel] = await db.select().from(labels).where(eq(labels.authorId, ann.userId));
    const byNode = await gql(
      'query($id: ID!) { node(id: $id) { id } }',
      { id: gid('Label', annLabel!.id) },
      rita.token,
    );
    expect(byNode.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // Should an event reach one, it names the reader themselves and no one else, even for an admin's READER token.
    const [ritaLabel] = await db
      .insert(labels)
      .values({
        imageId: fixture.imageIds[1]!,
        categoryId: fixture.categoryIds.liver!,
        source: 'READER',
        authorId: rita.userId,
      })
      .returning();
    const [annExclusion] = await db
      .select()
      .from(imageExclusions)
      .where(eq(imageExclusions.authorId, ann.userId));
    const adminAsReader = (await createApiToken(db, { userId: admin.userId, name: 'reader', role: 'READER' }))
      .token;
    for (const token of [rita.token, adminAsReader]) {
      const ctx = createGraphQLContext(app, randomUUID(), await findViewerByToken(db, token));
      const ownName = ctx.viewer?.userId === rita.userId ? 'Rita' : null;
      expect((await labelingResolvers.LabelEvent.by(ritaLabel!, null, ctx))?.name ?? null).toBe(ownName);
      expect(await labelingResolvers.LabelEvent.by(annLabel!, null, ctx)).toBeNull();
      expect(await exclusionResolvers.ImageExclusion.by(annExclusion!, null, ctx)).toBeNull();
      expect(await exclusionResolvers.ImageExclusionEvent.by(annExclusion!, null, ctx)).toBeNull();
    }
  });

  it('decides who sees whom by the acting role alone', () => {
    const viewer = (role: Role, userId = 'me') => ({ userId, email: '', name: '', role, tokenId: null });
    expect(canSeeUser(undefined, 'someone')).toBe(false);
    for (const role of ['ADMIN', 'DATA_SCIENTIST', 'ANNOTATOR', 'READER'] as const) {
      expect(canSeeUser(viewer(role), 'me')).toBe(true);
      expect(canSeeUser(viewer(role), 'someone')).toBe(role === 'ADMIN');
    }
  });
});
