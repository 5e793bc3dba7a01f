import { resolveHyperparameters, type TrainingSettings } from '@loupe/ml';
import { requireCapability } from '../auth/roles';
import { updateTrainingSettings } from '../operations/update-training-settings';
import type { GraphQLContext } from './context';
import { idOf } from './global-id';

type DatasetParent = { id: string; trainingSettings?: TrainingSettings };

export const trainingSettingsTypeDefs = /* GraphQL */ `
  enum HeadKind {
    "A linear softmax head: fast, the default for label-by-label retraining."
    LINEAR
    "The paper's head: fully connected hidden layers with dropout, then softmax."
    MLP
  }

  "How a dataset's heads are trained. Every training run of the dataset reads them when it starts."
  type TrainingSettings {
    head: HeadKind!
    "Every hyperparameter the next run uses: the dataset's own, then the defaults."
    hyperparameters: JSON!
    "Only the hyperparameters set for this dataset; the rest are the defaults."
    customHyperparameters: JSON!
  }

  extend type Dataset {
    trainingSettings: TrainingSettings!
  }

  extend type Mutation {
    """
    Choose how a dataset's heads are trained: the head, and the hyperparameters that differ from the defaults
    (learningRate, l2, batchSize, maxEpochs, patience, tolerance, isClassBalanced, seed, hiddenUnits, dropout).
    An argument left out keeps its current value; hyperparameters {} goes back to the defaults. A change asks for
    a retrain, so the next version follows it. BAD_INPUT names a bad or unknown setting, and nothing changes.
    """
    updateTrainingSettings(datasetId: ID!, head: HeadKind, hyperparameters: JSON): Dataset!
  }
`;

const toKind = (head: 'LINEAR' | 'MLP' | null | undefined) =>
  head === 'MLP' ? 'mlp' : head === 'LINEAR' ? 'linear' : undefined;

export const trainingSettingsResolvers = {
  Dataset: {
    trainingSettings: async (dataset: DatasetParent, _: unknown, ctx: GraphQLContext) => {
      requireCapability(ctx.viewer, 'read');
      // A parent read with fewer columns has no settings: read the row.
      const settings =
        dataset.trainingSettings ?? (await ctx.loaders.dataset.load(dataset.id))?.trainingSettings;
      const head = settings?.head ?? 'linear';
      const custom = settings?.hyperparameters ?? {};
      return {
        head: head === 'mlp' ? 'MLP' : 'LINEAR',
        hyperparameters: resolveHyperparameters(head, custom),
        customHyperparameters: custom,
      };
    },
  },
  Mutation: {
    updateTrainingSettings: async (
      _: unknown,
      args: { datasetId: string; head?: 'LINEAR' | 'MLP' | null; hyperparameters?: unknown },
      ctx: GraphQLContext,
    ) => {
      const viewer = requireCapability(ctx.viewer, 'train');
      const datasetId = idOf('Dataset', args.datasetId);
      const updated = await updateTrainingSettings(ctx.app, {
        datasetId,
        head: toKind(args.head),
        hyperparameters: args.hyperparameters,
        requestedBy: viewer.userId,
      });
      ctx.loaders.dataset.clear(datasetId).prime(datasetId, updated);
      return updated;
    },
  },
};
