import type { Scaling } from '../backbone/types';

/** value = grey · factor + shift: `[0,1]` is v / 255, `[-1,1]` is v / 127.5 − 1. */
export function scalingFactors(scaling: Scaling): { factor: number; shift: number } {
  return scaling === '[0,1]' ? { factor: 1 / 255, shift: 0 } : { factor: 1 / 127.5, shift: -1 };
}

/** One grey channel (0–255) → three equal channels in the backbone's range, NHWC order. */
export function greyToScaledRgb(grey: Uint8Array, scaling: Scaling, out?: Float32Array): Float32Array {
  const target = out ?? new Float32Array(grey.length * 3);
  const { factor, shift } = scalingFactors(scaling);
  for (let index = 0; index < grey.length; index++) {
    const value = (grey[index] as number) * factor + shift;
    target[index * 3] = value;
    target[index * 3 + 1] = value;
    target[index * 3 + 2] = value;
  }
  return target;
}
