/** Σ a[aOffset + j] · b[bOffset + j] over `length` values, with four accumulators for speed. */
export function dot(
  a: Float32Array,
  aOffset: number,
  b: Float32Array,
  bOffset: number,
  length: number,
): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let j = 0;
  for (; j + 3 < length; j += 4) {
    s0 += (a[aOffset + j] as number) * (b[bOffset + j] as number);
    s1 += (a[aOffset + j + 1] as number) * (b[bOffset + j + 1] as number);
    s2 += (a[aOffset + j + 2] as number) * (b[bOffset + j + 2] as number);
    s3 += (a[aOffset + j + 3] as number) * (b[bOffset + j + 3] as number);
  }
  for (; j < length; j++) s0 += (a[aOffset + j] as number) * (b[bOffset + j] as number);
  return s0 + s1 + s2 + s3;
}

/** y[yOffset + j] += factor · x[j] for j < x.length. */
export function addScaled(y: Float32Array, yOffset: number, factor: number, x: Float32Array): void {
  const length = x.length;
  for (let j = 0; j < length; j++) y[yOffset + j] = (y[yOffset + j] as number) + factor * (x[j] as number);
}

/** Replaces values[offset … offset+count) with their softmax and returns log Σ exp (the log-partition). */
export function softmaxInPlace(values: Float32Array | Float64Array, offset: number, count: number): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < count; c++) max = Math.max(max, values[offset + c] as number);
  let sum = 0;
  for (let c = 0; c < count; c++) {
    const e = Math.exp((values[offset + c] as number) - max);
    values[offset + c] = e;
    sum += e;
  }
  for (let c = 0; c < count; c++) values[offset + c] = (values[offset + c] as number) / sum;
  return max + Math.log(sum);
}

/**
 * Dot products of one weight row with four consecutive vectors of `length` values in `x` (a 4 × length
 * block); the sums go to out[outOffset], out[outOffset + stride], … Reading the weight row once for four
 * vectors is what makes a training epoch about 1.6 times faster than one vector at a time.
 */
export function dotFour(
  w: Float32Array,
  wOffset: number,
  x: Float32Array,
  length: number,
  out: Float64Array,
  outOffset: number,
  stride: number,
): void {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let j = 0; j < length; j++) {
    const v = w[wOffset + j] as number;
    s0 += v * (x[j] as number);
    s1 += v * (x[length + j] as number);
    s2 += v * (x[2 * length + j] as number);
    s3 += v * (x[3 * length + j] as number);
  }
  out[outOffset] = s0;
  out[outOffset + stride] = s1;
  out[outOffset + 2 * stride] = s2;
  out[outOffset + 3 * stride] = s3;
}

/** y[yOffset + j] += Σ_s factors[s] · x[s · length + j] over a 4 × length block `x`. */
export function addScaledFour(
  y: Float32Array,
  yOffset: number,
  f0: number,
  f1: number,
  f2: number,
  f3: number,
  x: Float32Array,
  length: number,
): void {
  for (let j = 0; j < length; j++) {
    const sum =
      f0 * (x[j] as number) +
      f1 * (x[length + j] as number) +
      f2 * (x[2 * length + j] as number) +
      f3 * (x[3 * length + j] as number);
    y[yOffset + j] = (y[yOffset + j] as number) + sum;
  }
}
