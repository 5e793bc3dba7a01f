import { mkdir } from 'node:fs/promises';
import { apiTokens, users } from '@loupe/db';
import { testDatabaseTargets } from '@loupe/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken, ensureAdminUser } from '../../src/auth/api-tokens';
import type { Role } from '../../src/auth/roles';
import { type RunningServer, startServer } from '../../src/server';
import { gid, seedDataset, tokenFor } from '../curation-fixtures';
import { dumpTables, publicTables, readAllFiles } from '../database-snapshot';
import { createTestApp, type TestApp } from '../test-app';
import { AUTH_CASES, GRAPHQL_CASES, type HttpCase, type HttpFixture } from './http-cases';

const ROLES: Role[] = ['ADMIN', 'DATA_SCIENTIST', 'ANNOTATOR', 'READER'];

describe.each(testDatabaseTargets())('hostile GraphQL requests and credentials ($name)', (target) => {
  let app: TestApp;
  let server: RunningServer;
  let fixture: HttpFixture;

  beforeAll(async () => {
    app = await createTestApp(target);
    const { db } = app.database;
    const adminId = await ensureAdminUser(db);
    const roleTokens = {
      ADMIN: (await createApiToken(db, { userId: adminId, name: 'admin' })).token,
    } as Record<Role, string>;
    const userIds: Partial<Record<Role, string>> = { ADMIN: adminId };
    for (const role of ROLES.slice(1)) {
      const { userId, token } = await tokenFor(db, role);
      roleTokens[role] = token;
      userIds[role] = userId;
    }
    const seeded = await seedDataset(db, {
      name: 'hostile requests',
      categories: ['liver'],
      images: [{ text: 'liver' }],
      authorId: adminId,
    });
    const expired = await createApiToken(db, {
      userId: userIds.DATA_SCIENTIST!,
      name: 'expired',
      expiresAt: new Date(Date.now() - 60_000),
    });
    const revoked = await createApiToken(db, { userId: userIds.DATA_SCIENTIST!, name: 'revoked' });
    await db.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.id, revoked.id));
    const disabled = await tokenFor(db, 'ANNOTATOR');
    await db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, disabled.userId));
    await mkdir(app.settings.blobDir, { recursive: true });
    server = await startServer(app, { port: 0, host: '127.0.0.1' });
    fixture = {
      url: server.url,
      tokens: { ...roleTokens, expired: expired.token, revoked: revoked.token, disabledUser: disabled.token },
      ids: {
        dataset: gid('Dataset', seeded.datasetId),
        category: gid('Category', seeded.categoryIds.liver!),
        image: gid('Image', seeded.imageIds[0]!),
        annotator: gid('User', userIds.ANNOTATOR!),
        admin: gid('User', adminId),
      },
    };
  });
  afterAll(async () => {
    await server?.close();
    await app?.close();
  });

  /** Every row of every table (users and tokens included) and every blob. */
  async function snapshot() {
    const blobs = [...(await readAllFiles(app.settings.blobDir)).keys()].sort();
    return { rows: await dumpTables(app.database), blobs };
  }

  const cases = [...GRAPHQL_CASES, ...AUTH_CASES].map((entry) => [entry.kind, entry.name, entry] as const);

  it.each(cases)('%s: %s', async (_kind, _name, entry: HttpCase) => {
    const tables = await publicTables(app.database);
    const before = await snapshot();
    const reply = await entry.send(fixture);
    const expected = entry.expect;
    expect(await publicTables(app.database)).toEqual(tables);
    if ('data' in expected) {
      expect(reply.body.errors).toBeUndefined();
      expect(reply.body.data).toEqual(expected.data);
      if (!expected.changes) expect(await snapshot()).toEqual(before);
      return;
    }
    const error = reply.body.errors?.[0] ?? {
      message: reply.body.message,
      extensions: { code: reply.body.error },
    };
    if (expected.status !== undefined) expect(reply.status).toBe(expected.status);
    expect(error.extensions?.code, JSON.stringify(reply.body).slice(0, 500)).toBe(expected.code);
    expect(error.message).toEqual(expect.any(String));
    if (expected.message) expect(error.message).toMatch(expected.message);
    // A refusal names no SQL, shows no stack and does not echo a megabyte back.
    expect(JSON.stringify(reply.body)).not.toMatch(
      /\b(select|insert|update) .*\b(from|into|set)\b|at \w+ \(/i,
    );
    expect(JSON.stringify(reply.body).length).toBeLessThan(20_000);
    expect(reply.body.data?.createCategory ?? null).toBeNull();
    expect(await snapshot()).toEqual(before);
  });
});
