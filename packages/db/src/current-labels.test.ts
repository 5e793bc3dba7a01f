import { desc, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { type Database } from './client';
import { findCurrentLabels } from './queries/current-labels';
import { currentLabels, images, labels } from './schema';
import { openDatabaseBefore, seedImages, type TestDatabase, testDatabaseTargets } from './testing';

/** The current labels derived from the label events themselves: each image's event with the highest seq. */
async function deriveCurrentLabels(db: Database): Promise<Map<string, string>> {
  const rows = await db
    .selectDistinctOn([labels.imageId], { imageId: labels.imageId, labelId: labels.id })
    .from(labels)
    .orderBy(labels.imageId, desc(labels.seq));
  return new Map(rows.map((row) => [row.imageId, row.labelId]));
}

/** `current_labels` as image → label id, to compare with the labels derived from the events. */
async function storedCurrentLabels(db: Database): Promise<Map<string, string>> {
  const rows = await db.select().from(currentLabels);
  return new Map(rows.map((row) => [row.imageId, row.labelId]));
}

describe.each(testDatabaseTargets())('current labels on $name', (target) => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.close();
    database = undefined;
  });

  it('follow every way label events are inserted: one by one, many per statement, clears', async () => {
    database = await target.open();
    const { db } = database;
    const { imageIds, categoryIds } = await seedImages(db, 30);
    const [a, b, c] = categoryIds as [string, string, string];
    await db.insert(labels).values({ imageId: imageIds[0]!, categoryId: a, source: 'IMPORT' });
    await db.insert(labels).values({ imageId: imageIds[0]!, categoryId: b, source: 'TECHNOLOGIST' });
    // One statement that labels an image several times: the last row of the statement wins.
    await db.insert(labels).values([
      { imageId: imageIds[1]!, categoryId: a, source: 'IMPORT' },
      { imageId: imageIds[1]!, categoryId: c, source: 'IMPORT' },
      { imageId: imageIds[2]!, categoryId: b, source: 'IMPORT' },
    ]);
    // A clear: the image keeps a current label without a category.
    await db.insert(labels).values({ imageId: imageIds[2]!, categoryId: null, source: 'IMPORT' });
    // Many images in random order, some labelled many times.
    const random = Array.from({ length: 200 }, (_, index) => ({
      imageId: imageIds[(index * 7919) % imageIds.length]!,
      categoryId: index % 5 === 0 ? null : categoryIds[index % 3]!,
      source: 'IMPORT' as const,
    }));
    for (let start = 0; start < random.length; start += 37) {
      await db.insert(labels).values(random.slice(start, start + 37));
    }
    expect(await storedCurrentLabels(db)).toEqual(await deriveCurrentLabels(db));

    const current = await findCurrentLabels(db, [imageIds[0]!, imageIds[2]!, imageIds[29]!]);
    expect(current.get(imageIds[0]!)?.source).toBeDefined();
    const [row] = await db.select().from(currentLabels).where(eq(currentLabels.imageId, imageIds[2]!));
    expect(row?.seq).toBeGreaterThan(0);
  });

  it('go with their image when the image is deleted', async () => {
    database = await target.open();
    const { db } = database;
    const { imageIds, categoryIds } = await seedImages(db, 2);
    await db.insert(labels).values({ imageId: imageIds[0]!, categoryId: categoryIds[0]!, source: 'IMPORT' });
    await db.delete(images).where(eq(images.id, imageIds[0]!));
    expect((await db.select().from(currentLabels)).length).toBe(0);
  });

  // Concurrent transactions need a server; the embedded database runs one at a time.
  if (target.name !== 'postgres') return;
  it('stay on the highest seq when transactions label the same images at once, in opposite orders', async () => {
    database = await target.open();
    const { db } = database;
    const { imageIds, categoryIds } = await seedImages(db, 20);
    await db
      .insert(labels)
      .values(
        imageIds.map((imageId) => ({ imageId, categoryId: categoryIds[0]!, source: 'IMPORT' as const })),
      );
    const write = (order: string[], categoryId: string) =>
      db.transaction(async (tx) => {
        for (let round = 0; round < 5; round++) {
          await tx
            .insert(labels)
            .values(order.map((imageId) => ({ imageId, categoryId, source: 'IMPORT' as const })));
        }
      });
    await Promise.all([
      write(imageIds, categoryIds[1]!),
      write([...imageIds].reverse(), categoryIds[2]!),
      write(imageIds.slice(5, 15), categoryIds[0]!),
    ]);
    expect(await storedCurrentLabels(db)).toEqual(await deriveCurrentLabels(db));
  });
});

describe('the current-labels migration', () => {
  it('fills current_labels from the label events already stored', async () => {
    // A database migrated up to the migration before, with labels, then migrated on.
    const { database, migrateTheRest } = await openDatabaseBefore('0004_current_labels');
    try {
      const { db } = database;
      const { imageIds, categoryIds } = await seedImages(db, 5);
      await db.insert(labels).values([
        { imageId: imageIds[0]!, categoryId: categoryIds[0]!, source: 'IMPORT' },
        { imageId: imageIds[0]!, categoryId: categoryIds[1]!, source: 'IMPORT' },
        { imageId: imageIds[3]!, categoryId: null, source: 'IMPORT' },
      ]);
      await migrateTheRest();
      const stored = await storedCurrentLabels(db);
      expect(stored.size).toBe(2);
      expect(stored).toEqual(await deriveCurrentLabels(db));
      // And the trigger runs from then on.
      await db
        .insert(labels)
        .values({ imageId: imageIds[4]!, categoryId: categoryIds[2]!, source: 'IMPORT' });
      expect(await storedCurrentLabels(db)).toEqual(await deriveCurrentLabels(db));
    } finally {
      await database.close();
    }
  });
});
