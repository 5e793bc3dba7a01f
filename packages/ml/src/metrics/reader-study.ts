import { median } from 'simple-statistics';
import { MlError } from '../heads/ml-error';
import { cohensKappa, mcnemarExactTest } from './agreement';
import {
  type BootstrapInterval,
  type BootstrapOptions,
  clusterBootstrapIntervals,
} from './cluster-bootstrap';
import { confusionMatrix, perClassPrecisionRecallF1 } from './confusion';
import { type Interval, wilsonInterval } from './wilson-interval';

/** One rater's call on one image: a first class, an optional second, and the reading time when a person read it. */
export type RaterCall = { first: number; second: number | null; timeMs?: number | null };

/** A reader or a model version: its calls, aligned with the study's images (null: not answered). */
export type Rater = { key: string; calls: readonly (RaterCall | null)[] };

export type ReaderStudyInput = {
  /** The reference class of each image. */
  truth: readonly number[];
  /** The study (exam) of each image: the cluster that the bootstrap resamples. */
  clusters: readonly string[];
  classCount: number;
  raters: readonly Rater[];
  bootstrap?: BootstrapOptions;
};

export type ProportionSummary = {
  successes: number;
  total: number;
  estimate: number;
  wilson: Interval;
  bootstrap: BootstrapInterval;
};

export type RaterSummary = {
  key: string;
  answered: number;
  /** Null until the rater has answered an image. */
  accuracy: ProportionSummary | null;
  /** The reference among the first two calls. */
  top2Accuracy: ProportionSummary | null;
  /** Recall of each class (null where the rater answered no image of it). */
  perClassRecall: (number | null)[];
  /** confusion[reference][first call] over the answered images. */
  confusion: number[][];
  /** Over the calls that carry a time; null for a rater without times (a model). */
  readingTime: { medianMs: number; totalMs: number } | null;
};

/** Two raters on the images both answered. Kappa compares their first calls, McNemar their correctness. */
export type RaterComparison = {
  firstKey: string;
  secondKey: string;
  paired: number;
  bothCorrect: number;
  onlyFirstCorrect: number;
  onlySecondCorrect: number;
  neitherCorrect: number;
  mcnemarPValue: number;
  kappa: number | null;
};

export type ReaderStudySummary = { raters: RaterSummary[]; comparisons: RaterComparison[] };

function checkInput(input: ReaderStudyInput): void {
  const n = input.truth.length;
  const inRange = (c: number) => Number.isInteger(c) && c >= 0 && c < input.classCount;
  const bad =
    input.clusters.length !== n
      ? `${input.clusters.length} study keys for ${n} images`
      : input.truth.some((c) => !inRange(c))
        ? 'a reference class outside the classes'
        : input.raters.find((rater) => rater.calls.length !== n)?.key;
  if (bad) throw new MlError('INVALID_METRIC_INPUT', `Reader study input is inconsistent: ${bad}.`);
  for (const rater of input.raters)
    for (const call of rater.calls)
      if (call && (!inRange(call.first) || (call.second !== null && !inRange(call.second))))
        throw new MlError('INVALID_METRIC_INPUT', `${rater.key} calls a class outside the classes.`);
}

const countTrue = (outcomes: readonly boolean[]) => outcomes.reduce((sum, hit) => sum + (hit ? 1 : 0), 0);

function summarizeRater(input: ReaderStudyInput, rater: Rater): RaterSummary {
  const answered = rater.calls.flatMap((call, i) => (call ? [{ call, i }] : []));
  const truth = answered.map(({ i }) => input.truth[i] as number);
  const firsts = answered.map(({ call }) => call.first);
  const confusion = confusionMatrix(firsts, truth, input.classCount);
  const times = answered.flatMap(({ call }) => (typeof call.timeMs === 'number' ? [call.timeMs] : []));
  const summary: RaterSummary = {
    key: rater.key,
    answered: answered.length,
    accuracy: null,
    top2Accuracy: null,
    perClassRecall: perClassPrecisionRecallF1(confusion).map((c) => c.recall),
    confusion,
    readingTime: times.length
      ? { medianMs: median(times), totalMs: times.reduce((sum, t) => sum + t, 0) }
      : null,
  };
  if (answered.length === 0) return summary;
  const top1 = answered.map(({ call }, j) => call.first === truth[j]);
  const top2 = answered.map(({ call }, j) => top1[j] === true || call.second === truth[j]);
  const clusters = answered.map(({ i }) => input.clusters[i] as string);
  const [top1Boot, top2Boot] = clusterBootstrapIntervals([top1, top2], clusters, {
    seed: rater.key,
    ...input.bootstrap,
  });
  const describe = (outcomes: boolean[], bootstrap: BootstrapInterval): ProportionSummary => {
    const successes = countTrue(outcomes);
    return {
      successes,
      total: outcomes.length,
      estimate: successes / outcomes.length,
      wilson: wilsonInterval(successes, outcomes.length, input.bootstrap?.level ?? 0.95),
      bootstrap,
    };
  };
  summary.accuracy = describe(top1, top1Boot!);
  summary.top2Accuracy = describe(top2, top2Boot!);
  return summary;
}

function compareRaters(input: ReaderStudyInput, a: Rater, b: Rater): RaterComparison {
  const tally = { bothCorrect: 0, onlyFirstCorrect: 0, onlySecondCorrect: 0, neitherCorrect: 0 };
  const firstCalls: number[] = [];
  const secondCalls: number[] = [];
  input.truth.forEach((reference, i) => {
    const x = a.calls[i];
    const y = b.calls[i];
    if (!x || !y) return;
    firstCalls.push(x.first);
    secondCalls.push(y.first);
    const key =
      x.first === reference
        ? y.first === reference
          ? 'bothCorrect'
          : 'onlyFirstCorrect'
        : y.first === reference
          ? 'onlySecondCorrect'
          : 'neitherCorrect';
    tally[key] += 1;
  });
  return {
    firstKey: a.key,
    secondKey: b.key,
    paired: firstCalls.length,
    ...tally,
    mcnemarPValue: mcnemarExactTest(tally.onlyFirstCorrect, tally.onlySecondCorrect).pValue,
    kappa: cohensKappa(firstCalls, secondCalls, input.classCount),
  };
}

/**
 * Everything a reader study reports, as in Cheng & Malhi (2017): per rater (reader or model version) top-1
 * and top-2 accuracy with Wilson and cluster-bootstrap (by study) 95 % intervals, per-class recall, the
 * confusion matrix and reading time; per pair of raters McNemar's exact test on the images both answered
 * and Cohen's kappa of their first calls.
 */
export function summarizeReaderStudy(input: ReaderStudyInput): ReaderStudySummary {
  checkInput(input);
  const raters = input.raters.map((rater) => summarizeRater(input, rater));
  const comparisons: RaterComparison[] = [];
  input.raters.forEach((a, i) => {
    for (const b of input.raters.slice(i + 1)) comparisons.push(compareRaters(input, a, b));
  });
  return { raters, comparisons };
}
