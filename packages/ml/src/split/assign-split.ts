import { createHash } from 'node:crypto';
import { MlError } from '../heads/ml-error';

export type SplitName = 'TRAIN' | 'VALIDATION' | 'TEST';

export type SplitOptions = {
  /** Share of all studies that go to TEST. */
  testFraction?: number;
  /** Share of all studies (not of the non-test rest) that go to VALIDATION. */
  validationFraction?: number;
  /** Changing the seed reshuffles every study; keep it fixed for a dataset. */
  seed?: string;
};

export type ResolvedSplitOptions = Required<SplitOptions>;

export function resolveSplitOptions(options: SplitOptions = {}): ResolvedSplitOptions {
  const resolved = { testFraction: 0.25, validationFraction: 0.1, seed: 'loupe', ...options };
  const { testFraction, validationFraction } = resolved;
  const isFraction = (value: number) => Number.isFinite(value) && value >= 0 && value <= 1;
  if (!isFraction(testFraction) || !isFraction(validationFraction) || testFraction + validationFraction > 1) {
    throw new MlError(
      'INVALID_SPLIT_FRACTIONS',
      `Split fractions must lie in [0, 1] and add up to at most 1 (test ${testFraction}, validation ${validationFraction}).`,
      { testFraction, validationFraction },
    );
  }
  return resolved;
}

/**
 * A number in [0, 1) drawn from SHA-256(seed + ':' + studyKey): the first 48 bits of the digest over 2^48.
 * The separator keeps ('ab', 'c') and ('a', 'bc') apart.
 */
export function studyUnitInterval(studyKey: string, seed: string): number {
  const digest = createHash('sha256').update(`${seed}:${studyKey}`).digest();
  return digest.readUIntBE(0, 6) / 2 ** 48;
}

/**
 * Which side of the split a study falls on. Deterministic: the same study key and seed give the same answer
 * on every machine and every run, whatever other studies exist, so adding studies never moves old ones.
 */
export function assignSplit(studyKey: string, options: SplitOptions = {}): SplitName {
  const { testFraction, validationFraction, seed } = resolveSplitOptions(options);
  const draw = studyUnitInterval(studyKey, seed);
  if (draw < testFraction) return 'TEST';
  if (draw < testFraction + validationFraction) return 'VALIDATION';
  return 'TRAIN';
}
