import { describe, expect, it } from 'vitest';
import { CATEGORY_TEXTS, DEMO_CATEGORIES } from './categories';
import { generateDataset, renderOptionsFor } from './dataset-plan';
import { renderFrame } from './render-frame';

describe('generateDataset', () => {
  const plan = generateDataset({ seed: 7, studies: 22, imagesPerStudy: 6, difficulty: 0.5 });

  it('plans the requested studies and images, with unique keys and file names', () => {
    expect(plan.studies).toHaveLength(22);
    expect(new Set(plan.studies.map((study) => study.key)).size).toBe(22);
    expect(plan.studies[0]?.key).toBe('study-001');
    for (const study of plan.studies) {
      expect(study.images).toHaveLength(6);
      expect(new Set(study.images.map((image) => image.fileName)).size).toBe(6);
    }
  });

  it('covers several categories per study and every category about equally overall', () => {
    for (const study of plan.studies) {
      expect(new Set(study.images.map((image) => image.category)).size).toBeGreaterThanOrEqual(4);
    }
    const studiesPerCategory = DEMO_CATEGORIES.map(
      (category) =>
        plan.studies.filter((study) => study.images.some((image) => image.category === category)).length,
    );
    expect(Math.min(...studiesPerCategory)).toBeGreaterThanOrEqual(8);
    expect(Math.max(...studiesPerCategory)).toBeLessThanOrEqual(8);
  });

  it('gives every image a text of its category and the crop box its study renders with', () => {
    const study = plan.studies[3];
    const image = study?.images[2];
    if (!study || !image) throw new Error('plan too small');
    const { texts, ambiguousTexts } = CATEGORY_TEXTS[image.category];
    expect([...texts, ...ambiguousTexts]).toContain(image.text);
    const frame = renderFrame(renderOptionsFor(plan, study, image));
    expect(frame.sector).toEqual(image.sector);
    expect(frame.text).toBe(image.text);
    for (const other of study.images) expect(other.sector).toEqual(image.sector);
  });

  it('uses some ambiguous texts, at about the requested rate', () => {
    const texts = plan.studies.flatMap((study) => study.images);
    const ambiguous = texts.filter((image) =>
      CATEGORY_TEXTS[image.category].ambiguousTexts.includes(image.text),
    );
    expect(ambiguous.length).toBeGreaterThan(3);
    expect(ambiguous.length).toBeLessThan(30);
  });

  it('is a pure function of its options', () => {
    expect(generateDataset({ seed: 7, studies: 22, imagesPerStudy: 6, difficulty: 0.5 })).toEqual(plan);
    expect(generateDataset({ seed: 8, studies: 22, imagesPerStudy: 6, difficulty: 0.5 })).not.toEqual(plan);
  });

  it('keeps to the categories it is given and handles one image per study', () => {
    const small = generateDataset({
      seed: 1,
      studies: 4,
      imagesPerStudy: 1,
      categories: ['liver', 'spleen'],
    });
    const categories = small.studies.flatMap((study) => study.images.map((image) => image.category));
    expect(categories).toHaveLength(4);
    expect(new Set(categories)).toEqual(new Set(['liver', 'spleen']));
  });

  it('refuses bad options with a code', () => {
    const base = { seed: 1, studies: 2, imagesPerStudy: 2 };
    expect(() => generateDataset({ ...base, studies: 0 })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTIONS' }),
    );
    expect(() => generateDataset({ ...base, categories: [] })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTIONS' }),
    );
    expect(() => generateDataset({ ...base, categories: ['liver', 'liver'] })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTIONS' }),
    );
    expect(() => generateDataset({ ...base, categories: ['heart' as never] })).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_CATEGORY' }),
    );
  });
});
