import { categories, cropBoxes, images } from '@loupe/db';
import { type TestDatabase, testDatabaseTargets } from '@loupe/db/testing';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { seedCachedDataset } from '../synthetic/cached-dataset';
import { loadDatasetImages } from './load-dataset-images';

describe.each(testDatabaseTargets())('loading a dataset’s images ($name)', (target) => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.close();
    database = undefined;
  });

  it('reads the same images in pages as in one statement, in content-hash order, with crops and labels', async () => {
    database = await target.open();
    const { db } = database;
    const seeded = await seedCachedDataset(db, { imageCount: 30, dimensions: 4 });
    const [cropped, excluded] = seeded.imageIds as [string, string];
    await db.insert(cropBoxes).values({ imageId: cropped, x: 1, y: 2, width: 30, height: 40 });
    await db.update(images).set({ excludedAt: new Date() }).where(eq(images.id, excluded));

    const whole = await loadDatasetImages(db, seeded.datasetId, { pageSize: null });
    expect(whole).toHaveLength(29);
    const stored = await db.select({ id: images.id, sha256: images.sha256 }).from(images);
    const byHash = stored
      .filter((image) => image.id !== excluded)
      .sort((a, b) => (a.sha256 < b.sha256 ? -1 : 1))
      .map((image) => image.id);
    // Ids are drawn at random, so an order by id would differ from the order by hash.
    expect(byHash).not.toEqual([...byHash].sort());
    expect(whole.map((image) => image.imageId)).toEqual(byHash);
    expect(whole.find((image) => image.imageId === cropped)?.crop).toEqual({
      x: 1,
      y: 2,
      width: 30,
      height: 40,
    });
    const labelled = whole.filter((image) => image.categoryId !== null);
    expect(labelled.length).toBeGreaterThan(0);
    const names = new Map(
      (await db.select({ id: categories.id, name: categories.name }).from(categories)).map((c) => [
        c.id,
        c.name,
      ]),
    );
    for (const image of labelled) expect(image.categoryName).toBe(names.get(image.categoryId!));
    expect(
      whole.filter((image) => image.categoryId === null).every((image) => image.categoryName === null),
    ).toBe(true);
    // Pages that end mid-way, and pages that end exactly at the last image (the next page is empty).
    for (const pageSize of [7, 29, 1]) {
      expect(await loadDatasetImages(db, seeded.datasetId, { pageSize })).toEqual(whole);
    }
    expect(await loadDatasetImages(db, seeded.datasetId)).toEqual(whole);
  });
});
