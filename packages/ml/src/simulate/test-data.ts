import { makeGaussianClasses } from '../heads/gaussian-classes';
import type { SimulationData } from './types';

/** Gaussian classes as embeddings, four images per study; larger separation is easier. */
export function gaussianSimulationData(options: {
  count: number;
  classCount: number;
  separation: number;
  seed: string;
  dimension?: number;
}): SimulationData {
  const dimension = options.dimension ?? 16;
  const { features, labels } = makeGaussianClasses({ ...options, dimension, latentDimension: 8 });
  return {
    vectors: Array.from({ length: options.count }, (_, i) =>
      features.slice(i * dimension, (i + 1) * dimension),
    ),
    labels,
    studies: Array.from({ length: options.count }, (_, i) => `study-${Math.floor(i / 4)}`),
    classCount: options.classCount,
  };
}
