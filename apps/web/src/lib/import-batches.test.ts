import { describe, expect, it } from 'vitest';
import {
  BATCH_LIMITS,
  batchBytes,
  isForwardable,
  LARGEST_FORWARDED_BYTES,
  planBatches,
} from './import-batches';

const MiB = 1024 * 1024;
const item = (name: string, size: number) => ({ file: { name, size } });
const names = (batches: { file: { name: string } }[][]) =>
  batches.map((batch) => batch.map((entry) => entry.file.name));

describe('planBatches', () => {
  it('keeps each batch within the byte budget, in order', () => {
    const items = [item('a', 3 * MiB), item('b', 3 * MiB), item('c', 3 * MiB), item('d', 1 * MiB)];
    expect(names(planBatches(items))).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('fills a batch up to exactly the budget', () => {
    expect(names(planBatches([item('a', 4 * MiB), item('b', 4 * MiB), item('c', 1)]))).toEqual([
      ['a', 'b'],
      ['c'],
    ]);
  });

  it('puts at most 100 files in a batch', () => {
    const items = Array.from({ length: 250 }, (_, index) => item(String(index), 1));
    expect(planBatches(items).map((batch) => batch.length)).toEqual([100, 100, 50]);
  });

  it('sends a file larger than the budget alone', () => {
    const items = [item('a', 1 * MiB), item('big', 20 * MiB), item('b', 1 * MiB), item('c', 1 * MiB)];
    expect(names(planBatches(items))).toEqual([['a'], ['big'], ['b', 'c']]);
  });

  it('counts the manifest, sent with every batch, against each budget', () => {
    const items = [item('a', 3 * MiB), item('b', 3 * MiB), item('c', 1 * MiB)];
    expect(names(planBatches(items, BATCH_LIMITS, 3 * MiB))).toEqual([['a'], ['b', 'c']]);
  });

  it('has no batch for no files', () => {
    expect(planBatches([])).toEqual([]);
  });
});

describe('batchBytes and isForwardable', () => {
  it('adds the sizes of a batch', () => {
    expect(batchBytes([item('a', 5), item('b', 7)])).toBe(12);
  });

  it('lets a file through alone with its manifest up to what the web origin forwards', () => {
    expect(isForwardable(64 * MiB, 0)).toBe(true);
    expect(isForwardable(LARGEST_FORWARDED_BYTES - 10, 10)).toBe(true);
    expect(isForwardable(LARGEST_FORWARDED_BYTES - 10, 11)).toBe(false);
  });
});
