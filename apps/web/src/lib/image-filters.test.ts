import { describe, expect, it } from 'vitest';
import {
  emptyImageFilterForm,
  hasImageFilters,
  imageQueryArguments,
  readImageFilterForm,
} from './image-filters';

describe('image filters', () => {
  it('reads the form from search parameters, ignoring unknown ones and repeats', () => {
    const form = readImageFilterForm({ text: '  liver ', split: ['TEST', 'TRAIN'], evil: 'x' });
    expect(form).toEqual({ ...emptyImageFilterForm, text: 'liver', split: 'TEST' });
  });

  it('sends nothing for an empty form', () => {
    expect(imageQueryArguments(emptyImageFilterForm)).toEqual({ filter: null, orderBy: null });
    expect(hasImageFilters(emptyImageFilterForm)).toBe(false);
  });

  it("maps every field to the API's filter", () => {
    const form = {
      category: 'C1',
      predicted: 'C2',
      split: 'VALIDATION',
      labelled: 'yes',
      disagreement: 'no',
      minConfidence: '20',
      maxConfidence: '',
      text: 'kidney',
      study: 'S1',
      excluded: 'yes',
      order: 'CONFIDENCE:DESC',
    };
    expect(imageQueryArguments(form)).toEqual({
      filter: {
        annotationContains: 'kidney',
        categoryIds: ['C1'],
        predictedCategoryIds: ['C2'],
        split: 'VALIDATION',
        labelled: true,
        disagreesWithLabel: false,
        confidence: { min: 0.2, max: null },
        studyIds: ['S1'],
        excluded: true,
      },
      orderBy: { field: 'CONFIDENCE', direction: 'DESC' },
    });
    expect(hasImageFilters(form)).toBe(true);
  });

  it('filters on exclusion both ways, carried in the URL', () => {
    const excluded = readImageFilterForm({ excluded: 'yes' });
    expect(imageQueryArguments(excluded)).toEqual({ filter: { excluded: true }, orderBy: null });
    expect(hasImageFilters(excluded)).toBe(true);
    const inUse = readImageFilterForm({ excluded: 'no' });
    expect(imageQueryArguments(inUse)).toEqual({ filter: { excluded: false }, orderBy: null });
    expect(imageQueryArguments(readImageFilterForm({ excluded: '' }))).toEqual({
      filter: null,
      orderBy: null,
    });
  });

  it('leaves out values that make no sense instead of sending them', () => {
    const form = {
      ...emptyImageFilterForm,
      split: 'EVERYTHING',
      labelled: 'maybe',
      excluded: 'sometimes',
      minConfidence: '150',
      maxConfidence: 'abc',
      order: 'DROP TABLE',
    };
    expect(imageQueryArguments(form)).toEqual({ filter: null, orderBy: null });
  });
});
