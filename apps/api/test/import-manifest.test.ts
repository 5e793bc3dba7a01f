import { join } from 'node:path';
import {
  annotations,
  categories,
  categoryAliases,
  cropBoxes,
  findCurrentLabels,
  images,
  labels,
  studies,
  users,
} from '@loupe/db';
import { testDatabaseTargets } from '@loupe/db/testing';
import { generateDataset, writeDataset } from '@loupe/ml/synthetic';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOrCreateCategory } from '../src/operations/find-or-create-category';
import { findOrCreateDataset } from '../src/operations/find-or-create-dataset';
import { importFolder } from '../src/operations/import-folder';
import { countRows } from './database-snapshot';
import { csv, makePng, writeFiles } from './image-fixtures';
import { createTestApp, type TestApp } from './test-app';

describe.each(testDatabaseTargets())('importing with a manifest ($name)', (target) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(target);
  });
  afterAll(() => app?.close());

  /** Each image of a dataset, by `study/file`, with its annotation, crop box and label history (oldest first). */
  async function importedImages(datasetId: string) {
    const { db } = app.database;
    const rows = await db
      .select({
        id: images.id,
        file: images.sourceFileName,
        study: studies.key,
        annotation: annotations.text,
        crop: cropBoxes,
      })
      .from(images)
      .innerJoin(studies, eq(studies.id, images.studyId))
      .leftJoin(annotations, eq(annotations.imageId, images.id))
      .leftJoin(cropBoxes, eq(cropBoxes.imageId, images.id))
      .where(eq(images.datasetId, datasetId));
    const history = await db
      .select({
        imageId: labels.imageId,
        category: categories.name,
        source: labels.source,
        aliasId: labels.aliasId,
      })
      .from(labels)
      .innerJoin(categories, eq(categories.id, labels.categoryId))
      .orderBy(asc(labels.seq));
    return new Map(
      rows.map((row) => [
        `${row.study}/${row.file}`,
        {
          ...row,
          labels: history
            .filter((label) => label.imageId === row.id)
            .map(({ imageId: _, ...label }) => label),
        },
      ]),
    );
  }

  it('stores studies, annotations, crop boxes and IMPORT labels, creating each category once whatever its case', async () => {
    const folder = join(app.tempDir, 'synthetic');
    const plan = generateDataset({ seed: 11, studies: 3, imagesPerStudy: 3, width: 128, height: 96 });
    await writeDataset(folder, plan);
    const planned = plan.studies.flatMap((study) =>
      study.images.map((image) => ({ study: study.key, ...image })),
    );
    const rows = planned.map((image, index) => [
      `${image.study}/${image.fileName}`,
      image.study,
      image.text,
      index % 2 === 0 ? image.category.toUpperCase() : image.category,
      `${image.sector.x},${image.sector.y},${image.sector.width},${image.sector.height}`,
    ]);
    const manifestPath = join(folder, 'curated.csv');
    await writeFiles(folder, { 'curated.csv': csv(['file', 'study', 'annotation', 'label', 'crop'], rows) });

    const report = await importFolder(app, { folder, manifestPath, datasetName: 'curated' });
    expect(report).toMatchObject({
      files: 9,
      imported: 9,
      alreadyPresent: 0,
      failed: 0,
      manifestRowsMatched: 9,
    });
    const stored = await importedImages(report.datasetId);
    expect(stored.size).toBe(9);
    for (const image of planned) {
      const row = stored.get(`${image.study}/${image.fileName}`);
      expect(row).toMatchObject({ annotation: image.text, crop: image.sector });
      expect(row?.labels).toEqual([
        {
          category: expect.stringMatching(new RegExp(`^${image.category}$`, 'i')),
          source: 'IMPORT',
          aliasId: null,
        },
      ]);
    }
    const names = await app.database.db
      .select({ name: categories.name })
      .from(categories)
      .where(eq(categories.datasetId, report.datasetId));
    const distinct = new Set(planned.map((image) => image.category));
    expect(names.map((row) => row.name.toLowerCase()).sort()).toEqual([...distinct].sort());

    const before = await countRows(app.database);
    const again = await importFolder(app, { folder, manifestPath, datasetName: 'curated' });
    expect(again).toMatchObject({ imported: 0, alreadyPresent: 9, failed: 0 });
    expect(await countRows(app.database)).toEqual({ ...before, import_batches: before.import_batches! + 1 });
  });

  it('maps the columns of a BUS-BRA style manifest (file,label,group) with the column options', async () => {
    const folder = join(app.tempDir, 'busbra');
    await writeFiles(folder, {
      'bus_0001-l.png': await makePng(21),
      'bus_0001-r.png': await makePng(22),
      'bus_0002-l.png': await makePng(23),
      'manifest.csv': csv(
        ['file', 'label', 'group'],
        [
          ['bus_0001-l.png', 'benign', 'P1'],
          ['bus_0001-r.png', 'Malignant', 'P1'],
          ['bus_0002-l.png', 'BENIGN', 'P2'],
        ],
      ),
    });
    const manifestPath = join(folder, 'manifest.csv');
    const report = await importFolder(app, {
      folder,
      manifestPath,
      datasetName: 'busbra',
      columns: { study: 'group', label: 'label' },
    });
    expect(report).toMatchObject({ imported: 3, failed: 0 });
    const stored = await importedImages(report.datasetId);
    expect(
      [...stored.values()]
        .map((row) => [row.file, row.study, row.labels.map((label) => `${label.source}:${label.category}`)])
        .sort(),
    ).toEqual([
      ['bus_0001-l.png', 'P1', ['IMPORT:benign']],
      ['bus_0001-r.png', 'P1', ['IMPORT:Malignant']],
      ['bus_0002-l.png', 'P2', ['IMPORT:benign']],
    ]);
    // Without --study-column the group column means nothing: each top-level file is its own study.
    const unmapped = await importFolder(app, { folder, manifestPath, datasetName: 'busbra-unmapped' });
    const keys = await app.database.db
      .select({ key: studies.key })
      .from(studies)
      .where(eq(studies.datasetId, unmapped.datasetId));
    expect(keys.map((row) => row.key).sort()).toEqual(['bus_0001-l', 'bus_0001-r', 'bus_0002-l']);
  });

  it('labels by alias rules from technologist text; a later IMPORT or annotator label wins and history stays', async () => {
    const { db } = app.database;
    const dataset = await findOrCreateDataset(db, { name: 'aliases' });
    const kidney = await findOrCreateCategory(db, { datasetId: dataset.id, name: 'Right kidney' });
    const liver = await findOrCreateCategory(db, { datasetId: dataset.id, name: 'liver' });
    const [kidneyRule] = await db
      .insert(categoryAliases)
      .values({
        datasetId: dataset.id,
        categoryId: kidney.id,
        pattern: 'RT KIDNEY',
        match: 'CASE_INSENSITIVE',
      })
      .returning();
    const [liverRule] = await db
      .insert(categoryAliases)
      .values({ datasetId: dataset.id, categoryId: liver.id, pattern: '^liver\\b', match: 'REGEX' })
      .returning();
    const folder = join(app.tempDir, 'aliases');
    await writeFiles(folder, {
      'a.png': await makePng(31),
      'b.png': await makePng(32),
      'c.png': await makePng(33),
      'd.png': await makePng(34),
      'e.png': await makePng(35),
      'manifest.csv': csv(
        ['file', 'study', 'annotation', 'label'],
        [
          ['a.png', 's1', 'rt kidney', ''],
          ['b.png', 's1', 'Liver rt lobe', ''],
          ['c.png', 's2', 'RT KIDNEY', 'left kidney'],
          ['d.png', 's2', 'gallbladder', ''],
          ['e.png', 's2', '', 'RIGHT KIDNEY'],
        ],
      ),
    });
    const report = await importFolder(app, {
      folder,
      manifestPath: join(folder, 'manifest.csv'),
      datasetName: 'aliases',
    });
    expect(report).toMatchObject({ imported: 5, failed: 0 });
    const stored = await importedImages(dataset.id);
    const history = (file: string) =>
      stored.get(file)?.labels.map((label) => [label.source, label.category, label.aliasId]);
    expect(history('s1/a.png')).toEqual([['TECHNOLOGIST', 'Right kidney', kidneyRule!.id]]);
    expect(history('s1/b.png')).toEqual([['TECHNOLOGIST', 'liver', liverRule!.id]]);
    expect(history('s2/c.png')).toEqual([
      ['TECHNOLOGIST', 'Right kidney', kidneyRule!.id],
      ['IMPORT', 'left kidney', null],
    ]);
    expect(history('s2/d.png')).toEqual([]);
    expect(stored.get('s2/d.png')?.annotation).toBe('gallbladder');
    expect(history('s2/e.png')).toEqual([['IMPORT', 'Right kidney', null]]);
    const names = await db
      .select({ name: categories.name })
      .from(categories)
      .where(eq(categories.datasetId, dataset.id));
    expect(names.map((row) => row.name).sort()).toEqual(['Right kidney', 'left kidney', 'liver']);

    const [annotator] = await db
      .insert(users)
      .values({ email: 'ann@example.org', name: 'Ann', role: 'ANNOTATOR' })
      .returning();
    const a = stored.get('s1/a.png')!;
    await db
      .insert(labels)
      .values({ imageId: a.id, categoryId: liver.id, source: 'ANNOTATOR', authorId: annotator!.id });
    const current = await findCurrentLabels(db, [a.id, stored.get('s2/c.png')!.id]);
    expect(current.get(a.id)).toMatchObject({ categoryId: liver.id, source: 'ANNOTATOR' });
    expect(current.get(stored.get('s2/c.png')!.id)).toMatchObject({ source: 'IMPORT' });
    expect((await importedImages(dataset.id)).get('s1/a.png')?.labels.map((label) => label.source)).toEqual([
      'TECHNOLOGIST',
      'ANNOTATOR',
    ]);
  });

  it('asks for embedding after an import, and for a training run after it when images came with labels', async () => {
    const { db } = app.database;
    const dataset = await findOrCreateDataset(db, { name: 'jobs' });
    const rule = await findOrCreateCategory(db, { datasetId: dataset.id, name: 'liver' });
    await db
      .insert(categoryAliases)
      .values({ datasetId: dataset.id, categoryId: rule.id, pattern: 'LIVER', match: 'CASE_INSENSITIVE' });
    const asked: { kind: string; data: object }[] = [];
    let answer: string | null = 'queued';
    app.jobs = {
      enqueue: async (kind, data) => {
        asked.push({ kind, data });
        return kind === 'embed' ? answer : 'queued';
      },
    };
    const importOne = async (name: string, seed: number, row: { annotation?: string; label?: string }) => {
      const folder = join(app.tempDir, 'jobs', name);
      await writeFiles(folder, {
        'a.png': await makePng(seed),
        'manifest.csv': csv(
          ['file', 'annotation', 'label'],
          [['a.png', row.annotation ?? '', row.label ?? '']],
        ),
      });
      asked.length = 0;
      await importFolder(app, { folder, manifestPath: join(folder, 'manifest.csv'), datasetName: 'jobs' });
      return asked.map(({ kind, data }) => ({ kind, ...data }));
    };
    try {
      expect(await importOne('plain', 41, { annotation: 'gallbladder' })).toEqual([
        { kind: 'embed', datasetId: dataset.id, reason: 'images imported', retrainAfter: false },
      ]);
      expect(await importOne('labelled', 42, { label: 'spleen' })).toEqual([
        { kind: 'embed', datasetId: dataset.id, reason: 'images imported', retrainAfter: true },
      ]);
      expect(await importOne('by-alias', 43, { annotation: 'liver' })).toEqual([
        { kind: 'embed', datasetId: dataset.id, reason: 'images imported', retrainAfter: true },
      ]);
      // Nothing new: no job at all.
      expect(await importOne('by-alias', 43, { annotation: 'liver' })).toEqual([]);
      // An embedding already waits (the queue coalesced the request): the training run is asked for directly.
      answer = null;
      expect(await importOne('coalesced', 44, { label: 'spleen' })).toEqual([
        { kind: 'embed', datasetId: dataset.id, reason: 'images imported', retrainAfter: true },
        { kind: 'retrain', datasetId: dataset.id, reason: 'labelled images imported' },
      ]);
      expect(await importOne('coalesced-plain', 45, {})).toEqual([
        { kind: 'embed', datasetId: dataset.id, reason: 'images imported', retrainAfter: false },
      ]);
    } finally {
      app.jobs = undefined;
    }
  });
});
