import { requireCapability } from '../auth/roles';
import { computeReaderStudyResults, type RaterResult } from '../operations/compute-reader-study-results';
import type { ReaderStudyRow } from '../operations/create-reader-study';
import type { GraphQLContext } from './context';
import { toGlobalId } from './global-id';
import { readerStudyLoaders } from './reader-study-loaders';

type RaterParent = RaterResult & { categoryIds: string[] };

export const readerStudyResultsTypeDefs = /* GraphQL */ `
  enum RaterKind {
    READER
    MODEL
  }

  type ConfidenceInterval {
    lower: Float!
    upper: Float!
    level: Float!
  }

  "A proportion of images (accuracy) with its Wilson score interval and a percentile interval from resampling studies."
  type ProportionEstimate {
    successes: Int!
    total: Int!
    estimate: Float!
    wilson: ConfidenceInterval!
    clusterBootstrap: ConfidenceInterval!
  }

  type ClassRecall {
    category: Category!
    "Null when the rater answered no image of this category."
    recall: Float
    "Images of this category the rater answered."
    support: Int!
  }

  type ReadingTime {
    medianMs: Float!
    totalMs: Float!
  }

  "A reader or a model version, scored on the images it answered (a model: those it predicted)."
  type RaterResult {
    "The ReaderAssignment id of a reader, the ModelVersion id of a model."
    key: ID!
    kind: RaterKind!
    assignment: ReaderAssignment
    reader: User
    modelVersion: ModelVersion
    answered: Int!
    "Null until the rater has answered an image."
    accuracy: ProportionEstimate
    "The reference among the first two choices."
    top2Accuracy: ProportionEstimate
    perClassRecall: [ClassRecall!]!
    "Rows: reference category; columns: first choice; both in ReaderStudyResults.categories order."
    confusionMatrix: [[Int!]!]!
    "Readers only."
    readingTime: ReadingTime
  }

  "Two raters on the images both answered: McNemar's exact test of their accuracy and Cohen's kappa of their first choices."
  type RaterComparison {
    first: ID!
    second: ID!
    paired: Int!
    bothCorrect: Int!
    onlyFirstCorrect: Int!
    onlySecondCorrect: Int!
    neitherCorrect: Int!
    "Two-sided exact (binomial) McNemar p-value."
    mcnemarPValue: Float!
    "Null when kappa is undefined (no pairs, or chance agreement is 1)."
    kappa: Float
  }

  type ReaderStudyResults {
    "The order of every confusion matrix: the categories offered, then any other a model predicted."
    categories: [Category!]!
    imageCount: Int!
    "Exams the images come from (the clusters of the bootstrap)."
    studyCount: Int!
    raters: [RaterResult!]!
    "Every pair of raters: reader against reader, reader against model, model against model."
    comparisons: [RaterComparison!]!
  }
`;

const raterKey = (rater: RaterResult) =>
  rater.kind === 'READER'
    ? toGlobalId('ReaderAssignment', rater.assignmentId)
    : toGlobalId('ModelVersion', rater.modelVersionId);

const proportion = (value: RaterResult['accuracy']) =>
  value && { ...value, clusterBootstrap: value.bootstrap };

export const readerStudyResultsResolvers = {
  ReaderStudy: {
    results: async (study: ReaderStudyRow, _: unknown, ctx: GraphQLContext) => {
      requireCapability(ctx.viewer, 'train');
      const results = await computeReaderStudyResults(ctx.app.database.db, study.id);
      const keyOf = new Map(results.raters.map((rater) => [rater.key, raterKey(rater)]));
      return {
        ...results,
        categories: ctx.loaders.category.loadMany(results.categoryIds),
        raters: results.raters.map((rater) => ({ ...rater, categoryIds: results.categoryIds })),
        comparisons: results.comparisons.map((comparison) => ({
          ...comparison,
          first: keyOf.get(comparison.firstKey),
          second: keyOf.get(comparison.secondKey),
        })),
      };
    },
  },
  RaterResult: {
    key: (rater: RaterParent) => raterKey(rater),
    assignment: (rater: RaterParent, _: unknown, ctx: GraphQLContext) =>
      rater.kind === 'READER' ? readerStudyLoaders(ctx).assignment.load(rater.assignmentId) : null,
    reader: (rater: RaterParent, _: unknown, ctx: GraphQLContext) =>
      rater.kind === 'READER' ? ctx.loaders.user.load(rater.readerId) : null,
    modelVersion: (rater: RaterParent, _: unknown, ctx: GraphQLContext) =>
      rater.kind === 'MODEL' ? ctx.loaders.modelVersion.load(rater.modelVersionId) : null,
    accuracy: (rater: RaterParent) => proportion(rater.accuracy),
    top2Accuracy: (rater: RaterParent) => proportion(rater.top2Accuracy),
    perClassRecall: (rater: RaterParent, _: unknown, ctx: GraphQLContext) =>
      rater.categoryIds.map((categoryId, c) => ({
        category: ctx.loaders.category.load(categoryId),
        recall: rater.perClassRecall[c] ?? null,
        support: (rater.confusion[c] ?? []).reduce((sum, count) => sum + count, 0),
      })),
    confusionMatrix: (rater: RaterParent) => rater.confusion,
  },
};
