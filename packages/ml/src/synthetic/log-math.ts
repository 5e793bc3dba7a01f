/**
 * ln(1 + eᶻ) from a table with linear interpolation (error below 1e-5): adding electronic noise to
 * an echo in the log domain, ln(a + n) = ln a + softplus(ln n − ln a), without an exp and a log per sample.
 */
const RANGE = 16;
const STEPS_PER_UNIT = 64;
const TABLE = Float64Array.from({ length: 2 * RANGE * STEPS_PER_UNIT + 1 }, (_, index) =>
  Math.log1p(Math.exp(index / STEPS_PER_UNIT - RANGE)),
);

export function softplus(z: number): number {
  if (z <= -RANGE) return 0;
  if (z >= RANGE) return z;
  const position = (z + RANGE) * STEPS_PER_UNIT;
  const index = Math.floor(position);
  const fraction = position - index;
  return TABLE[index]! + (TABLE[index + 1]! - TABLE[index]!) * fraction;
}
