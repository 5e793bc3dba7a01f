import { describe, expect, it } from 'vitest';
import { formatProbability, strategyFromParam, strategyTitle } from './queue-strategies';

describe('queue strategies', () => {
  it('reads a strategy from a query parameter', () => {
    expect(strategyFromParam('MARGIN')).toBe('MARGIN');
    expect(strategyFromParam(['ENTROPY', 'RANDOM'])).toBe('ENTROPY');
    expect(strategyFromParam('margin')).toBeNull();
    expect(strategyFromParam(undefined)).toBeNull();
  });

  it('names strategies and formats probabilities', () => {
    expect(strategyTitle('LIKELY_LABEL_ERROR')).toBe('Likely label errors');
    expect(strategyTitle('PLUGIN')).toBe('PLUGIN');
    expect(formatProbability(0.8345)).toBe('83.5 %');
  });
});
