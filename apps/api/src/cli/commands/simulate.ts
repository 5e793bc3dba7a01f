import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { isDataDirLocked } from '@loupe/db';
import {
  createEmbedder,
  describeSimulation,
  ensureEmbeddings,
  formatSummaryTable,
  isMlError,
  labelledCategories,
  loadDatasetImages,
  runSimulationGrid,
  SimulationError,
  type SimulationMeta,
  simulationFiles,
  summarizeSimulations,
} from '@loupe/ml';
import type { Command } from 'commander';
import { z } from 'zod';
import { type AppContext, createAppContext } from '../../app-context';
import { loadSettings } from '../../env';
import { AppError, badInput } from '../../errors';
import { parseBackboneSetting } from '../../jobs/parse-backbone-setting';
import { DEFAULT_DATASET_NAME } from '../../operations/find-or-create-dataset';
import { findDatasetByName } from '../../operations/retrain-status';

const DEFAULT_STRATEGIES = 'RANDOM,LEAST_CONFIDENT,MARGIN,ENTROPY,DIVERSE_MARGIN';

const count = z.coerce.number().int().min(1);
const flagsSchema = z.object({
  dataset: z.string().min(1),
  strategies: z.string().transform((list) => [
    ...new Set([
      'RANDOM',
      ...list
        .split(',')
        .map((name) => name.trim().toUpperCase())
        .filter(Boolean),
    ]),
  ]),
  seeds: count,
  batch: count,
  seedSize: count,
  maxLabels: count.optional(),
  testFraction: z.coerce.number().gt(0).lt(1),
  target: z.coerce.number().gt(0).max(1),
  out: z.string().optional(),
  json: z.boolean().default(false),
});

type Flags = z.infer<typeof flagsSchema>;

/** The flags, checked before any work starts; a bad one is a BAD_INPUT error naming it. */
function parseFlags(raw: Record<string, unknown>): Flags {
  const parsed = flagsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const flag = (path: PropertyKey[]) =>
    `--${String(path[0]).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  throw badInput(parsed.error.issues.map((issue) => `${flag(issue.path)}: ${issue.message}`).join('; '));
}

export function registerSimulateCommand(program: Command) {
  program
    .command('simulate')
    .description(
      "Replay labelling on a fully labelled dataset: hide the labels, let each review-queue strategy pick what to reveal, and measure how many labels it needs (the dataset's current labels are the truth).",
    )
    .option('--dataset <name>', 'dataset whose current labels are the hidden truth', DEFAULT_DATASET_NAME)
    .option(
      '--strategies <names>',
      'comma-separated strategies; RANDOM, the baseline, always runs',
      DEFAULT_STRATEGIES,
    )
    .option('--seeds <count>', 'repeat with this many seeds (each holds out other test studies)', '3')
    .option('--batch <count>', 'labels revealed per round', '20')
    .option('--seed-size <count>', 'labels revealed before the first round (stratified by category)', '20')
    .option(
      '--max-labels <count>',
      'stop after this many labels (default: every image outside the test studies)',
    )
    .option('--test-fraction <share>', 'share of the studies held out for testing', '0.25')
    .option('--target <share>', 'share of the full-data accuracy a strategy must reach', '0.95')
    .option('--out <folder>', 'write curves.csv, mean-curves.csv, summary.json and learning-curves.svg here')
    .option('--json', 'print the summary as JSON')
    .action(async (raw: Record<string, unknown>) => {
      const flags = parseFlags(raw);
      const settings = loadSettings();
      if (!settings.databaseUrl && (await isDataDirLocked(settings.dataDir))) {
        throw new AppError(
          'DATA_DIR_LOCKED',
          `${settings.dataDir} is owned by another process; stop it first.`,
        );
      }
      const log = (message: string) => {
        if (!flags.json) process.stderr.write(`${message}\n`);
      };
      const app = await createAppContext({ ...settings, logLevel: 'warn' });
      try {
        const loaded = await loadSimulationData(app, flags.dataset, log);
        const grid = await runSimulationGrid({
          ...loaded.data,
          strategies: flags.strategies,
          seeds: Array.from({ length: flags.seeds }, (_, i) => String(i + 1)),
          seedSize: flags.seedSize,
          batchSize: flags.batch,
          maxLabels: flags.maxLabels ?? loaded.data.labels.length,
          split: { testFraction: flags.testFraction },
          onProgress: (done, total, message) => log(`[${done}/${total}] ${message}`),
        }).catch(rethrowAsBadInput);
        const summary = summarizeSimulations({ ...grid, targetShare: flags.target });
        const meta: SimulationMeta = {
          dataset: flags.dataset,
          ...loaded.meta,
          seedSize: flags.seedSize,
          batchSize: flags.batch,
        };
        if (flags.out) await writeOutputs(resolve(flags.out), simulationFiles(grid.runs, summary, meta));
        const table = `${describeSimulation(meta)}\n${formatSummaryTable(summary)}`;
        console.log(flags.json ? JSON.stringify({ ...meta, ...summary }) : table);
      } finally {
        await app.close();
      }
    });
}

/** The dataset's labelled images as vectors (embedding what is missing with the configured backbone). */
async function loadSimulationData(app: AppContext, datasetName: string, log: (message: string) => void) {
  const dataset = await findDatasetByName(app, datasetName);
  const images = (await loadDatasetImages(app.database.db, dataset.id)).filter((image) => image.categoryId);
  const { settings } = app;
  const embedder = await createEmbedder({
    backbone: parseBackboneSetting(settings.backbone),
    backend: settings.tfBackend,
    workers: settings.embeddingWorkers,
  });
  try {
    const embedded = await ensureEmbeddings({
      db: app.database.db,
      blobs: app.blobs,
      embedder,
      images,
      onProgress: (done, total) =>
        done % 256 === 0 || done === total ? log(`embedded ${done}/${total}`) : undefined,
    });
    const usable = images.filter((image) => embedded.vectors.has(image.imageId));
    if (embedded.failures.length)
      log(`${embedded.failures.length} images could not be embedded and are left out.`);
    // Classes in name order, as a retrain orders its head's outputs (not in the order of ids drawn at random).
    const classes = labelledCategories(usable);
    const categoryIds = classes.map((category) => category.id);
    if (categoryIds.length < 2)
      throw badInput(`The dataset "${datasetName}" needs labelled images of at least two categories.`);
    const classOf = new Map(categoryIds.map((id, index) => [id, index]));
    const data = {
      vectors: usable.map((image) => embedded.vectors.get(image.imageId) as Float32Array),
      labels: Int32Array.from(usable, (image) => classOf.get(image.categoryId as string) as number),
      studies: usable.map((image) => image.studyKey),
      classCount: categoryIds.length,
    };
    const meta = {
      images: usable.length,
      categories: classes.map((category) => category.name),
      studies: new Set(data.studies).size,
      backbone: embedder.backbone.id,
      backend: embedder.backend.name,
    };
    return { data, meta };
  } finally {
    await embedder.close();
  }
}

async function writeOutputs(folder: string, files: Record<string, string>): Promise<void> {
  await mkdir(folder, { recursive: true });
  for (const [name, content] of Object.entries(files)) await writeFile(join(folder, name), content);
}

function rethrowAsBadInput(error: unknown): never {
  if (error instanceof SimulationError || isMlError(error)) throw badInput(error.message);
  throw error;
}
