import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DatabaseHandle, openDatabase } from '@loupe/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gid, seedDataset, tokenFor } from '../curation-fixtures';
import { freePort, readyLine, startLoupe, stopLoupe } from '../loupe-cli';
import { type PrivatePostgres, startPrivatePostgres } from './private-postgres';

const IMAGES = 600;
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

type Answer = { status: number; body: { data?: any; errors?: { message: string; extensions?: any }[] } };

/** A write the API acknowledged, to look for in the database afterwards. */
type Acknowledged =
  | { kind: 'label'; imageId: string; categoryId: string }
  | { kind: 'crop'; imageId: string; x: number; width: number }
  | { kind: 'category'; id: string; name: string };

describe('PostgreSQL stopped and started while the API serves label, crop and category changes', () => {
  let postgres: PrivatePostgres;
  let database: DatabaseHandle;
  let dataDir: string;
  beforeAll(async () => {
    postgres = await startPrivatePostgres();
    dataDir = await mkdtemp(join(tmpdir(), 'loupe-restart-'));
  });
  afterAll(async () => {
    await database?.close().catch(() => undefined);
    await postgres?.destroy();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('fails requests cleanly during the outage, serves again without a restart, and loses no acknowledged write', async () => {
    const port = await freePort();
    const serve = startLoupe(['serve', '--json'], dataDir, {
      DATABASE_URL: postgres.url,
      LOUPE_API_PORT: String(port),
    });
    let serverLog = '';
    serve.stderr?.on('data', (chunk: Buffer) => (serverLog += chunk.toString()));
    try {
      const { graphql } = await readyLine(serve);
      database = await openDatabase({ databaseUrl: postgres.url, migrate: false, maxConnections: 2 });
      const { db } = database;
      const { userId, token } = await tokenFor(db, 'ANNOTATOR');
      const seeded = await seedDataset(db, {
        name: 'restart',
        categories: ['liver', 'spleen'],
        images: Array.from({ length: IMAGES }, () => ({})),
        authorId: userId,
      });
      const categoryIds = Object.values(seeded.categoryIds);

      const request = async (query: string, variables: object): Promise<Answer> => {
        const response = await fetch(graphql, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query, variables }),
          signal: AbortSignal.timeout(30_000),
        });
        return { status: response.status, body: (await response.json()) as Answer['body'] };
      };

      const acknowledged: Acknowledged[] = [];
      const refusals: Answer[] = [];
      let next = 0;
      /** One change a request: a label, a crop box or a new category, each on an image no other request touches. */
      const change = async (): Promise<void> => {
        const n = next++;
        const imageId = seeded.imageIds[n % IMAGES]!;
        let answer: Answer;
        if (n % 3 === 0) {
          const categoryId = categoryIds[n % 2]!;
          answer = await request(
            'mutation($i: ID!, $c: ID) { labelImage(imageId: $i, categoryId: $c) { id } }',
            {
              i: gid('Image', imageId),
              c: gid('Category', categoryId),
            },
          );
          if (answer.body.data?.labelImage) acknowledged.push({ kind: 'label', imageId, categoryId });
        } else if (n % 3 === 1) {
          const box = { x: n % 4, y: 0, width: 1 + (n % 4), height: 8 };
          answer = await request(
            'mutation($i: ID!, $b: CropBoxInput) { setCropBox(imageId: $i, box: $b) { id } }',
            {
              i: gid('Image', imageId),
              b: box,
            },
          );
          if (answer.body.data?.setCropBox)
            acknowledged.push({ kind: 'crop', imageId, x: box.x, width: box.width });
        } else {
          const name = `category ${n}`;
          answer = await request(
            'mutation($d: ID!, $n: String!) { createCategory(datasetId: $d, name: $n) { id } }',
            {
              d: gid('Dataset', seeded.datasetId),
              n: name,
            },
          );
          const id = answer.body.data?.createCategory?.id as string | undefined;
          if (id)
            acknowledged.push({
              kind: 'category',
              id: Buffer.from(id, 'base64url').toString().split(':')[1]!,
              name,
            });
        }
        if (answer.body.errors) refusals.push(answer);
      };

      let phase: 'before' | 'outage' | 'after' = 'before';
      const counts = { before: 0, outage: 0, after: 0, failedAfter: 0 };
      let isDriving = true;
      const drive = async () => {
        while (isDriving && next < IMAGES) {
          const during = phase;
          const before = acknowledged.length;
          await change();
          if (acknowledged.length > before) counts[during] += 1;
          else if (during === 'after') counts.failedAfter += 1;
        }
      };
      // Two clients at once, so the stop catches requests in the middle of their transactions.
      const drivers = [drive(), drive()];
      const until = async (what: string, isDone: () => boolean) => {
        for (let waited = 0; !isDone(); waited += 20) {
          if (waited > 60_000) throw new Error(`waited in vain for ${what}`);
          await sleep(20);
        }
      };
      await until('changes before the stop', () => counts.before >= 30);
      phase = 'outage';
      const refusedBefore = refusals.length;
      await postgres.kill();
      await until('requests refused during the outage', () => refusals.length >= refusedBefore + 10);
      await postgres.start();
      phase = 'after';
      await until('changes after the start', () => counts.after >= 30);
      isDriving = false;
      await Promise.all(drivers);

      expect(serve.exitCode, serverLog).toBeNull();
      const outageRefusals = refusals.slice(refusedBefore);
      expect(outageRefusals.length).toBeGreaterThanOrEqual(10);
      for (const refusal of outageRefusals) {
        const [error] = refusal.body.errors!;
        expect(error?.extensions?.code, JSON.stringify(refusal)).toBe('UNAVAILABLE');
        expect(refusal.status).toBe(503);
        expect(error?.message).toBe('The database is unavailable; try again in a moment.');
        expect(JSON.stringify(refusal.body)).not.toMatch(
          /\b(select|insert|update|ECONNREFUSED|postgres)\b|at \w+ \(/i,
        );
      }
      console.info(
        `acknowledged ${counts.before} writes before the stop, ${counts.outage} during it, ${counts.after} after; ` +
          `${outageRefusals.length} refused during the outage, ${counts.failedAfter} after the start`,
      );

      // Every acknowledged change is in the database.
      const { rows: labelRows } = await database.executeSql(
        `select image_id, category_id from labels where source = 'ANNOTATOR'`,
      );
      const labelled = new Set(labelRows.map((row) => `${row.image_id}:${row.category_id}`));
      const { rows: cropRows } = await database.executeSql('select image_id, x, width from crop_boxes');
      const cropped = new Set(cropRows.map((row) => `${row.image_id}:${row.x}:${row.width}`));
      const { rows: categoryRows } = await database.executeSql('select id, name from categories');
      const named = new Set(categoryRows.map((row) => `${row.id}:${row.name}`));
      const lost = acknowledged.filter((write) =>
        write.kind === 'label'
          ? !labelled.has(`${write.imageId}:${write.categoryId}`)
          : write.kind === 'crop'
            ? !cropped.has(`${write.imageId}:${write.x}:${write.width}`)
            : !named.has(`${write.id}:${write.name}`),
      );
      expect(lost).toEqual([]);
      expect(acknowledged.length).toBeGreaterThanOrEqual(60);

      // Reads work again too, on the same process.
      const read = await request('query($i: ID!) { node(id: $i) { id } }', {
        i: gid('Image', seeded.imageIds[0]!),
      });
      expect(read.body.errors).toBeUndefined();
      expect(serve.exitCode).toBeNull();
    } finally {
      await stopLoupe(serve);
    }
  }, 110_000);
});
