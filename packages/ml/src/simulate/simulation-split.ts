import { MlError } from '../heads/ml-error';
import { assignSplit, resolveSplitOptions, type SplitName } from '../split/assign-split';
import type { SimulationData, SimulationSplit } from './types';

/**
 * Image indices of one seed's split: the pool whose labels may be revealed, the pool images of validation
 * studies (their revealed labels stop training early instead of training the head), and the test images.
 */
export type SimulationSides = { pool: number[]; validation: Set<number>; test: number[] };

function assertAligned(data: SimulationData): void {
  const { vectors, labels, studies, classCount } = data;
  if (vectors.length !== labels.length || studies.length !== labels.length) {
    throw new MlError(
      'DIMENSION_MISMATCH',
      `Got ${vectors.length} vectors, ${labels.length} labels and ${studies.length} studies.`,
    );
  }
  const outOfRange = labels.findIndex((label) => label < 0 || label >= classCount);
  if (outOfRange >= 0) {
    throw new MlError('LABEL_OUT_OF_RANGE', `Label ${labels[outOfRange]} is not in 0…${classCount - 1}.`);
  }
}

/**
 * Splits the images by study (never by image), as a retrain does, into training, validation and test
 * studies; the pool is the training and validation images. The split depends on the run's seed, not on the
 * strategy, so every strategy of one seed is tested on the same images.
 */
export function splitForSimulation(
  data: SimulationData,
  seed: string,
  split: SimulationSplit = {},
): SimulationSides {
  assertAligned(data);
  const options = resolveSplitOptions({
    testFraction: split.testFraction ?? 0.25,
    validationFraction: split.validationFraction ?? 0.1,
    seed: `${split.seed ?? 'loupe'}:${seed}`,
  });
  const sideOfStudy = new Map<string, SplitName>();
  const sides: SimulationSides = { pool: [], validation: new Set(), test: [] };
  data.studies.forEach((study, index) => {
    let side = sideOfStudy.get(study);
    if (side === undefined) {
      side = assignSplit(study, options);
      sideOfStudy.set(study, side);
    }
    if (side === 'TEST') sides.test.push(index);
    else sides.pool.push(index);
    if (side === 'VALIDATION') sides.validation.add(index);
  });
  if (sides.pool.length === sides.validation.size) {
    throw new MlError('NO_TRAINING_DATA', 'No study fell into the training set.');
  }
  if (sides.test.length === 0) throw new MlError('NO_TEST_DATA', 'No study fell into the test set.');
  return sides;
}
