import { describe, expect, it } from 'vitest';
import { type BatchReport, rowsWithoutFile, summarizeImport } from './import-report';

const report = (change: Partial<BatchReport>): BatchReport => ({
  imported: 0,
  alreadyPresent: 0,
  failed: 0,
  failures: [],
  skipped: [],
  manifestRowsWithoutFile: 0,
  manifestRowsMatched: 0,
  durationMs: 0,
  ...change,
});

describe('summarizeImport', () => {
  it('adds up the batches, with what the browser left out first', () => {
    const summary = summarizeImport({
      reports: [
        report({
          imported: 3,
          alreadyPresent: 1,
          failed: 1,
          failures: [{ file: 'a/bad.png', line: null, code: 'DECODE_FAILED', message: 'not an image' }],
          skipped: [{ file: 'a/x.png', reason: 'not named in the manifest' }],
          durationMs: 120,
        }),
        report({ imported: 2, alreadyPresent: 4, durationMs: 80 }),
      ],
      localSkipped: [{ file: 'notes.txt', reason: 'not a PNG, JPEG or DICOM file name' }],
      localFailures: [{ file: 'huge.dcm', line: null, code: 'TOO_LARGE', message: 'too large' }],
      hasManifest: false,
    });
    expect(summary).toEqual({
      imported: 5,
      alreadyPresent: 5,
      failed: 2,
      failures: [
        { file: 'huge.dcm', line: null, code: 'TOO_LARGE', message: 'too large' },
        { file: 'a/bad.png', line: null, code: 'DECODE_FAILED', message: 'not an image' },
      ],
      skipped: [
        { file: 'notes.txt', reason: 'not a PNG, JPEG or DICOM file name' },
        { file: 'a/x.png', reason: 'not named in the manifest' },
      ],
      manifestRowsWithoutFile: null,
      durationMs: 200,
    });
  });

  it('reports a bad manifest row once, though every batch carried the manifest', () => {
    const badRow = { file: 'manifest.csv', line: 4, code: 'BAD_MANIFEST_ROW', message: 'no file' };
    const crop = { file: 'b.png', line: 7, code: 'CROP_OUT_OF_BOUNDS', message: 'outside' };
    const summary = summarizeImport({
      reports: [report({ failed: 1, failures: [badRow] }), report({ failed: 2, failures: [badRow, crop] })],
      hasManifest: true,
    });
    expect(summary.failures).toEqual([badRow, crop]);
    expect(summary.failed).toBe(2);
  });
});

describe('rowsWithoutFile', () => {
  it('is the count of the only batch', () => {
    expect(rowsWithoutFile([report({ manifestRowsWithoutFile: 3, manifestRowsMatched: 7 })], true)).toBe(3);
  });

  it('counts a row missing only when no batch matched it', () => {
    // 10 rows: batch 1 matched 4, batch 2 matched 5, so 1 row named a file no batch sent.
    const reports = [
      report({ manifestRowsWithoutFile: 6, manifestRowsMatched: 4 }),
      report({ manifestRowsWithoutFile: 5, manifestRowsMatched: 5 }),
    ];
    expect(rowsWithoutFile(reports, true)).toBe(1);
  });

  it('is 0 when the batches between them matched every row', () => {
    const reports = [
      report({ manifestRowsWithoutFile: 2, manifestRowsMatched: 1 }),
      report({ manifestRowsWithoutFile: 1, manifestRowsMatched: 2 }),
    ];
    expect(rowsWithoutFile(reports, true)).toBe(0);
  });

  it('has no figure without a manifest or before any batch was answered', () => {
    expect(rowsWithoutFile([report({})], false)).toBeNull();
    expect(rowsWithoutFile([], true)).toBeNull();
  });
});
