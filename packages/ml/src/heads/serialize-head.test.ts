import { describe, expect, it } from 'vitest';
import { isMlError, type MlErrorCode } from './ml-error';
import { deserializeHead, serializeHead } from './serialize-head';
import type { SerializedHead } from './types';

const mlp: SerializedHead = {
  formatVersion: 1,
  kind: 'mlp',
  inputDimension: 3,
  classCount: 2,
  categoryIds: ['liver', 'kidney (left)'],
  featureMean: new Float32Array([0.5, -1, 2]),
  featureScale: new Float32Array([1, 0, 0.25]),
  layers: [
    {
      inputSize: 3,
      outputSize: 2,
      kernel: new Float32Array([1, 2, 3, 4, 5, 6]),
      bias: new Float32Array([0.1, -0.1]),
    },
    {
      inputSize: 2,
      outputSize: 2,
      kernel: new Float32Array([-1, 1, 1e-30, 3.5]),
      bias: new Float32Array([7, 8]),
    },
  ],
};

function codeOf(bytes: Uint8Array): MlErrorCode | 'none' {
  try {
    deserializeHead(bytes);
    return 'none';
  } catch (error) {
    if (isMlError(error)) return error.code;
    throw error;
  }
}

describe('serializeHead / deserializeHead', () => {
  it('round-trips every value exactly', () => {
    const bytes = serializeHead(mlp);
    expect(deserializeHead(bytes)).toEqual(mlp);
    expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe('LPHD');
  });

  it('reads a head from a view into a larger buffer', () => {
    const bytes = serializeHead(mlp);
    const larger = new Uint8Array(bytes.length + 3);
    larger.set(bytes, 3);
    expect(deserializeHead(larger.subarray(3))).toEqual(mlp);
  });

  it('stores 4 bytes per value after a padded header', () => {
    const bytes = serializeHead(mlp);
    const headerLength = new DataView(bytes.buffer).getUint32(4, true);
    const valueCount = 3 + 3 + 6 + 2 + 4 + 2;
    expect(bytes.length).toBe(Math.ceil((8 + headerLength) / 4) * 4 + valueCount * 4);
  });

  it('rejects damaged bytes and unknown versions with typed errors', () => {
    const bytes = serializeHead(mlp);
    expect(codeOf(bytes.subarray(0, bytes.length - 4))).toBe('INVALID_HEAD_FORMAT');
    expect(codeOf(new TextEncoder().encode('not a head at all'))).toBe('INVALID_HEAD_FORMAT');
    expect(codeOf(serializeHead({ ...mlp, formatVersion: 2 as 1 }))).toBe('UNSUPPORTED_HEAD_VERSION');
    expect(codeOf(serializeHead({ ...mlp, classCount: 3 }))).toBe('INVALID_HEAD_FORMAT');
  });
});
