import { describe, expect, it } from 'vitest';
import { formFromSettings, hyperparametersFromForm } from './training-settings';

const defaults = {
  learningRate: 0.001,
  l2: 0.001,
  maxEpochs: 30,
  batchSize: 64,
  hiddenUnits: [256],
  dropout: 0.5,
  isClassBalanced: true,
};

describe('the training settings form', () => {
  it('shows only the dataset’s own values, and the class balancing in force', () => {
    expect(
      formFromSettings({
        head: 'MLP',
        hyperparameters: { ...defaults, hiddenUnits: [64, 32], isClassBalanced: false },
        customHyperparameters: { hiddenUnits: [64, 32], isClassBalanced: false },
      }),
    ).toEqual({
      head: 'MLP',
      learningRate: '',
      l2: '',
      maxEpochs: '',
      batchSize: '',
      hiddenUnits: '64, 32',
      dropout: '',
      isClassBalanced: false,
    });
  });

  it('sends the fields filled in, keeps custom values it does not show, and names fields that are not numbers', () => {
    const form = {
      ...formFromSettings({ head: 'LINEAR', hyperparameters: defaults, customHyperparameters: {} }),
      learningRate: ' 0.01 ',
      hiddenUnits: '128 64',
    };
    expect(hyperparametersFromForm(form, { seed: 'study', maxEpochs: 10 })).toEqual({
      hyperparameters: { seed: 'study', learningRate: 0.01, hiddenUnits: [128, 64] },
      problems: {},
    });
    const bad = hyperparametersFromForm(
      { ...form, maxEpochs: '2.5', dropout: 'half', hiddenUnits: '64, -1', isClassBalanced: false },
      {},
    );
    expect(Object.keys(bad.problems).sort()).toEqual(['dropout', 'hiddenUnits', 'maxEpochs']);
    expect(bad.hyperparameters).toEqual({ learningRate: 0.01, isClassBalanced: false });
  });
});
