import { z } from 'zod';
import { MlError } from './ml-error';

/**
 * How a dataset's heads are trained, as a person sets it (`datasets.training_settings`): the head kind and the
 * hyperparameters that differ from the defaults (see `hyperparametersSchema`). Bounds keep one setting from
 * tying up a worker or its memory: a label-by-label loop retrains on every change.
 */
export const trainingSettingsSchema = z
  .object({
    head: z.enum(['linear', 'mlp']).optional(),
    hyperparameters: z
      .object({
        learningRate: z.number().positive().max(1).optional(),
        l2: z.number().min(0).max(10).optional(),
        batchSize: z.number().int().min(1).max(4096).optional(),
        maxEpochs: z.number().int().min(1).max(1000).optional(),
        patience: z.number().int().min(1).max(100).optional(),
        tolerance: z.number().min(0).max(1).optional(),
        isClassBalanced: z.boolean().optional(),
        seed: z.string().min(1).max(100).optional(),
        hiddenUnits: z.array(z.number().int().min(1).max(2048)).min(1).max(4).optional(),
        dropout: z.number().min(0).lt(1).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type TrainingSettings = z.infer<typeof trainingSettingsSchema>;

/** Checks training settings; a bad or unknown one is an INVALID_TRAINING_SETTINGS error naming each. */
export function parseTrainingSettings(input: unknown): TrainingSettings {
  const parsed = trainingSettingsSchema.safeParse(input ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => {
      const path = issue.path.join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    });
    throw new MlError('INVALID_TRAINING_SETTINGS', `Invalid training settings: ${issues.join('; ')}`, {
      issues,
    });
  }
  return parsed.data;
}
