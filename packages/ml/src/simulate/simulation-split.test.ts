import { describe, expect, it } from 'vitest';
import { splitForSimulation } from './simulation-split';
import { gaussianSimulationData } from './test-data';

const data = gaussianSimulationData({ count: 400, classCount: 3, separation: 2, seed: 'split' });

describe('splitForSimulation', () => {
  it('puts every study on one side only and holds out about the test share', () => {
    const { pool, validation, test } = splitForSimulation(data, '1');
    expect([...validation].every((index) => pool.includes(index))).toBe(true);
    expect(validation.size / 400).toBeGreaterThan(0.03);
    expect(validation.size / 400).toBeLessThan(0.2);
    const validationStudies = new Set([...validation].map((index) => data.studies[index]));
    const train = pool.filter((index) => !validation.has(index));
    expect(train.some((index) => validationStudies.has(data.studies[index] as string))).toBe(false);
    const testStudies = new Set(test.map((index) => data.studies[index]));
    expect(pool.some((index) => testStudies.has(data.studies[index] as string))).toBe(false);
    expect(pool.length + test.length).toBe(400);
    expect(test.length / 400).toBeGreaterThan(0.15);
    expect(test.length / 400).toBeLessThan(0.35);
  });

  it('is the same for one seed and holds out other studies under another', () => {
    expect(splitForSimulation(data, '1')).toEqual(splitForSimulation(data, '1'));
    expect(splitForSimulation(data, '1').test).not.toEqual(splitForSimulation(data, '2').test);
  });

  it('rejects misaligned inputs and a split without test or training images', () => {
    expect(() => splitForSimulation({ ...data, studies: data.studies.slice(1) }, '1')).toThrow(
      expect.objectContaining({ code: 'DIMENSION_MISMATCH' }),
    );
    expect(() => splitForSimulation(data, '1', { testFraction: 0 })).toThrow(
      expect.objectContaining({ code: 'NO_TEST_DATA' }),
    );
    expect(() => splitForSimulation(data, '1', { testFraction: 0.5, validationFraction: 0.5 })).toThrow(
      expect.objectContaining({ code: 'NO_TRAINING_DATA' }),
    );
  });
});
