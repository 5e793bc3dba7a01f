import { z } from 'zod';
import { MlError } from './ml-error';
import type { HeadKind } from './types';

export const hyperparametersSchema = z.object({
  /** Adam step size; 0.001 unless given. */
  learningRate: z.number().positive().optional(),
  /** L2 penalty on the weights (not the biases): loss + l2/2 · ‖W‖². */
  l2: z.number().min(0).default(1e-3),
  batchSize: z.number().int().positive().default(64),
  maxEpochs: z.number().int().positive().max(10_000).default(30),
  /** Early stopping after this many epochs in a row without improvement (1: at the first one). */
  patience: z.number().int().min(1).default(1),
  /** Relative loss improvement that counts as progress. */
  tolerance: z.number().min(0).default(1e-3),
  /** Weight each class by n / (classes · n_class) so that rare categories count as much as common ones. */
  isClassBalanced: z.boolean().default(true),
  seed: z.string().default('loupe'),
  /** MLP only: units of each hidden layer. */
  hiddenUnits: z.array(z.number().int().positive()).min(1).default([256]),
  /** MLP only: dropout rate after each hidden layer. */
  dropout: z.number().min(0).lt(1).default(0.5),
});

export type Hyperparameters = Required<z.infer<typeof hyperparametersSchema>>;

const defaultLearningRate: Record<HeadKind, number> = { linear: 0.001, mlp: 0.001 };

/** Fills in the defaults for a head kind; a bad value is an INVALID_HYPERPARAMETERS error naming it. */
export function resolveHyperparameters(
  kind: HeadKind,
  input: Partial<Hyperparameters> = {},
): Hyperparameters {
  const parsed = hyperparametersSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new MlError('INVALID_HYPERPARAMETERS', `Invalid hyperparameters: ${issues.join('; ')}`, { issues });
  }
  return { ...parsed.data, learningRate: parsed.data.learningRate ?? defaultLearningRate[kind] };
}
