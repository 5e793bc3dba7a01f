import { eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { findCurrentLabels } from './queries/current-labels';
import { annotations, categories, cropBoxes, datasets, images, labels, studies, users } from './schema';
import { type TestDatabase, testDatabaseTargets } from './testing';

const sha = (n: number) => n.toString(16).padStart(64, '0');

describe.each(testDatabaseTargets())('database on $name', (target) => {
  let handle: TestDatabase | undefined;
  afterEach(async () => {
    await handle?.close();
    handle = undefined;
  });

  async function seed() {
    handle = await target.open();
    const { db } = handle;
    const [dataset] = await db.insert(datasets).values({ name: 'abdomen' }).returning();
    const [study] = await db.insert(studies).values({ datasetId: dataset!.id, key: 'S1' }).returning();
    const [image] = await db
      .insert(images)
      .values({
        datasetId: dataset!.id,
        studyId: study!.id,
        sha256: sha(1),
        width: 640,
        height: 480,
        format: 'PNG',
        sourceFileName: 'a.png',
      })
      .returning();
    const [liver, kidney] = await db
      .insert(categories)
      .values([
        { datasetId: dataset!.id, name: 'liver' },
        { datasetId: dataset!.id, name: 'kidney' },
      ])
      .returning();
    const [annotator] = await db
      .insert(users)
      .values({ email: 'a@example.org', name: 'Ann', role: 'ANNOTATOR' })
      .returning();
    return {
      db,
      dataset: dataset!,
      study: study!,
      image: image!,
      liver: liver!,
      kidney: kidney!,
      annotator: annotator!,
    };
  }

  it('applies the migrations and round-trips a dataset with its study, image and annotation', async () => {
    const { db, image } = await seed();
    await db
      .insert(annotations)
      .values({ imageId: image.id, text: "RT KIDNEY LONG'; drop table images; --" });
    const [row] = await db.select().from(annotations).where(eq(annotations.imageId, image.id));
    expect(row?.text).toBe("RT KIDNEY LONG'; drop table images; --");
  });

  it('derives the current label from the append-only history', async () => {
    const { db, image, liver, kidney, annotator } = await seed();
    await db.insert(labels).values({ imageId: image.id, categoryId: liver.id, source: 'TECHNOLOGIST' });
    await db
      .insert(labels)
      .values({ imageId: image.id, categoryId: kidney.id, source: 'ANNOTATOR', authorId: annotator.id });
    const current = await findCurrentLabels(db, [image.id]);
    expect(current.get(image.id)?.categoryId).toBe(kidney.id);
    expect(current.get(image.id)?.source).toBe('ANNOTATOR');
    const history = await db.select().from(labels).where(eq(labels.imageId, image.id));
    expect(history).toHaveLength(2);
  });

  it('rejects an annotator label without an author', async () => {
    const { db, image, liver } = await seed();
    await expect(
      db.insert(labels).values({ imageId: image.id, categoryId: liver.id, source: 'ANNOTATOR' }),
    ).rejects.toThrow();
  });

  it('enforces crop boxes with positive area and one owner', async () => {
    const { db, image, study } = await seed();
    await expect(
      db.insert(cropBoxes).values({ imageId: image.id, x: 0, y: 0, width: 0, height: 10 }),
    ).rejects.toThrow();
    await expect(
      db.insert(cropBoxes).values({ imageId: image.id, x: -1, y: 0, width: 5, height: 10 }),
    ).rejects.toThrow();
    await expect(
      db.insert(cropBoxes).values({ imageId: image.id, studyId: study.id, x: 0, y: 0, width: 5, height: 5 }),
    ).rejects.toThrow();
    await db.insert(cropBoxes).values({ studyId: study.id, x: 10, y: 20, width: 300, height: 200 });
    const rows = await db.select().from(cropBoxes);
    expect(rows).toHaveLength(1);
  });

  it('enforces foreign keys, unique content addresses and live category names', async () => {
    const { db, dataset, study, liver } = await seed();
    await expect(
      db
        .insert(labels)
        .values({ imageId: '00000000-0000-0000-0000-000000000000', categoryId: liver.id, source: 'IMPORT' }),
    ).rejects.toThrow();
    await expect(
      db.insert(images).values({
        datasetId: dataset.id,
        studyId: study.id,
        sha256: sha(1),
        width: 1,
        height: 1,
        format: 'PNG',
        sourceFileName: 'dup.png',
      }),
    ).rejects.toThrow();
    await expect(db.insert(categories).values({ datasetId: dataset.id, name: 'LIVER' })).rejects.toThrow();
    const [{ count } = { count: 0 }] = await db.select({ count: sql<number>`count(*)::int` }).from(images);
    expect(count).toBe(1);
  });
});

describe('embedded database', () => {
  it('lets the event loop take a turn between queued statements', async () => {
    const { openDatabase } = await import('./client');
    const handle = await openDatabase({});
    try {
      const order: string[] = [];
      // Fifty statements queued at once, then a callback that is ready on the loop's next turn: it runs long
      // before the last statement, as a request or a file read that arrives during a backlog would.
      const statements = Array.from({ length: 50 }, (_, i) =>
        handle.db.execute(sql`select ${i}::int as n`).then(() => order.push(`statement ${i}`)),
      );
      setImmediate(() => order.push('turn'));
      await Promise.all(statements);
      expect(order).toHaveLength(51);
      expect(order.indexOf('turn')).toBeLessThan(5);
      expect(order.filter((entry) => entry !== 'turn')).toEqual(statements.map((_, i) => `statement ${i}`));
    } finally {
      await handle.close();
    }
  });
});
