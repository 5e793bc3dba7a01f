import { describe, expect, it } from 'vitest';
import type { DatasetPlan } from './dataset-plan';
import { cropText, csvField, manifestCsv } from './manifest-csv';

describe('csvField', () => {
  it.each([
    ['LIVER', 'LIVER'],
    ['GB/CBD', 'GB/CBD'],
    ['10,20,30,40', '"10,20,30,40"'],
    ['SAY "AH"', '"SAY ""AH"""'],
    ['TWO\nLINES', '"TWO\nLINES"'],
    [' PADDED', '" PADDED"'],
  ])('writes %j as %j', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });
});

describe('manifestCsv', () => {
  it('writes one row per image with the crop box quoted', () => {
    const sector = { x: 12, y: 14, width: 290, height: 214 };
    const plan: DatasetPlan = {
      seed: 1,
      difficulty: 0.3,
      width: 320,
      height: 256,
      studies: [
        {
          key: 'study-001',
          seed: 5,
          images: [
            { fileName: 'image-01.png', category: 'liver', text: 'LIVER LT LOBE', seed: 9, sector },
            { fileName: 'image-02.png', category: 'common bile duct', text: 'CBD, 4MM', seed: 10, sector },
          ],
        },
      ],
    };
    expect(cropText(sector)).toBe('12,14,290,214');
    expect(manifestCsv(plan)).toBe(
      [
        'file,study,annotation,label,crop',
        'study-001/image-01.png,study-001,LIVER LT LOBE,liver,"12,14,290,214"',
        'study-001/image-02.png,study-001,"CBD, 4MM",common bile duct,"12,14,290,214"',
        '',
      ].join('\n'),
    );
  });
});
