import { createHash } from 'node:crypto';
import {
  annotations,
  categories,
  type Database,
  type DatabaseHandle,
  datasets,
  images,
  labels,
  modelVersions,
  studies,
  users,
} from '@loupe/db';
import { stubModelVersion } from '@loupe/db/testing';
import { expect } from 'vitest';
import type { AppContext } from '../src/app-context';
import { createApiToken } from '../src/auth/api-tokens';
import type { Role } from '../src/auth/roles';
import type { RunningServer } from '../src/server';
import { dumpTables } from './database-snapshot';

type LabelSource = (typeof labels.$inferInsert)['source'];

export type FixtureImage = { text?: string; label?: { category: string; source: LabelSource } };

export const gid = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64url');

/**
 * A dataset written straight to the database: one study, categories by name, images with technologist text
 * and a label of a given source. Returns database ids.
 */
export async function seedDataset(
  db: Database,
  options: { name: string; categories: string[]; images: FixtureImage[]; authorId: string },
) {
  const [dataset] = await db.insert(datasets).values({ name: options.name }).returning();
  const [study] = await db.insert(studies).values({ datasetId: dataset!.id, key: 's1' }).returning();
  const categoryRows = options.categories.length
    ? await db
        .insert(categories)
        .values(options.categories.map((name, position) => ({ datasetId: dataset!.id, name, position })))
        .returning()
    : [];
  const categoryIds = Object.fromEntries(categoryRows.map((row) => [row.name, row.id]));
  const imageIds: string[] = [];
  for (const [index, image] of options.images.entries()) {
    const [row] = await db
      .insert(images)
      .values({
        datasetId: dataset!.id,
        studyId: study!.id,
        sha256: createHash('sha256').update(`${options.name}:${index}`).digest('hex'),
        width: 8,
        height: 8,
        format: 'PNG',
        sourceFileName: `${index}.png`,
      })
      .returning();
    imageIds.push(row!.id);
    if (image.text !== undefined) await db.insert(annotations).values({ imageId: row!.id, text: image.text });
    if (image.label)
      await db.insert(labels).values({
        imageId: row!.id,
        categoryId: categoryIds[image.label.category]!,
        source: image.label.source,
        authorId: options.authorId,
      });
  }
  return { datasetId: dataset!.id, categoryIds, imageIds };
}

/** A model version row (no weights needed for the API). */
export async function seedModelVersion(db: Database, datasetId: string, version: number) {
  const [row] = await db.insert(modelVersions).values(stubModelVersion({ datasetId, version })).returning();
  return row!;
}

/** A token of a new user with this role. */
export async function tokenFor(db: Database, role: Role): Promise<{ userId: string; token: string }> {
  const [user] = await db
    .insert(users)
    .values({ email: `${role.toLowerCase()}-${Math.random()}@example.org`, name: role, role })
    .returning();
  return { userId: user!.id, token: (await createApiToken(db, { userId: user!.id, name: 't' })).token };
}

/** Every row of the domain tables (sign-in bookkeeping excluded), to show that a refused request changed nothing. */
export async function domainSnapshot(database: DatabaseHandle): Promise<string> {
  return (await dumpTables(database))
    .split('\n')
    .filter((line) => !/^(api_tokens|users|[a-z_]*sessions?[a-z_]*|[a-z_]*login[a-z_]*):/.test(line))
    .join('\n');
}

export type GqlResult = { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };

/** Runs one GraphQL operation over HTTP, with a bearer token when one is given. */
export function graphqlClient(server: () => RunningServer) {
  return async (query: string, variables: object, token?: string | null): Promise<GqlResult> => {
    const response = await fetch(`${server().url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GqlResult;
  };
}

/** Stands in for the job queue: each request is recorded in `enqueued` as "queue:reason". */
export function recordJobs(app: AppContext, enqueued: string[]): void {
  app.jobs = {
    enqueue: async (queue, data) => {
      enqueued.push(`${queue}:${data.reason}`);
      return 'job';
    },
  };
}

/**
 * A check that a request fails with `code` while no row of any domain table and no job request came of it
 * (and the message names no SQL and shows no stack).
 */
export function refusalCheck(database: () => DatabaseHandle, enqueued: string[]) {
  return async (code: string, request: () => Promise<GqlResult>, what = ''): Promise<GqlResult> => {
    const before = await domainSnapshot(database());
    enqueued.length = 0;
    const result = await request();
    expect(result.errors?.[0]?.extensions?.code, what).toBe(code);
    expect(result.errors?.[0]?.message, what).not.toMatch(/\b(select|insert|update)\b|at \w+ \(/i);
    expect(await domainSnapshot(database()), what).toBe(before);
    expect(enqueued, what).toEqual([]);
    return result;
  };
}
