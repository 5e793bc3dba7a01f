import { datasets } from '@loupe/db';
import { isMlError, parseTrainingSettings, type TrainingSettings } from '@loupe/ml';
import { eq } from 'drizzle-orm';
import type { AppContext } from '../app-context';
import { badInput, notFound } from '../errors';
import { requestRetrainQuietly } from './save-label';

/**
 * Replaces how a dataset's heads are trained: the head kind (unchanged when not given) and the hyperparameters
 * that differ from the defaults (unchanged when not given; an empty object goes back to the defaults). A bad or
 * unknown setting is BAD_INPUT naming it, and nothing changes. A change asks for a retrain, so the next version
 * follows it within seconds; the same settings again are a no-op.
 */
export async function updateTrainingSettings(
  ctx: AppContext,
  options: {
    datasetId: string;
    head?: TrainingSettings['head'] | null;
    hyperparameters?: unknown;
    requestedBy: string;
  },
) {
  const { db } = ctx.database;
  const [dataset] = await db.select().from(datasets).where(eq(datasets.id, options.datasetId));
  if (!dataset) throw notFound('The dataset');
  const current = dataset.trainingSettings;
  let next: TrainingSettings;
  try {
    next = parseTrainingSettings({
      ...((options.head ?? current.head) ? { head: options.head ?? current.head } : {}),
      ...(options.hyperparameters != null
        ? { hyperparameters: options.hyperparameters }
        : current.hyperparameters
          ? { hyperparameters: current.hyperparameters }
          : {}),
    });
  } catch (error) {
    if (isMlError(error, 'INVALID_TRAINING_SETTINGS')) throw badInput(error.message);
    throw error;
  }
  if (JSON.stringify(next) === JSON.stringify(parseTrainingSettings(current))) return dataset;
  const [updated] = await db
    .update(datasets)
    .set({ trainingSettings: next })
    .where(eq(datasets.id, dataset.id))
    .returning();
  await requestRetrainQuietly(ctx, dataset.id, 'training settings changed', options.requestedBy);
  return updated!;
}
