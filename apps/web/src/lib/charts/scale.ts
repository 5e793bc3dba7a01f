/** A linear map from a data domain onto a pixel range; a degenerate domain maps to the range's middle. */
export function linearScale(
  domain: readonly [number, number],
  range: readonly [number, number],
): (value: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  if (d1 === d0) return () => (r0 + r1) / 2;
  const ratio = (r1 - r0) / (d1 - d0);
  return (value) => r0 + (value - d0) * ratio;
}

/** A round step (1, 2 or 5 × a power of ten) that splits `span` into about `count` parts. */
export function niceStep(span: number, count: number): number {
  if (!(span > 0) || !(count > 0)) return 1;
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const scaled = raw / power;
  const nice = scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 5 ? 5 : 10;
  return nice * power;
}

/**
 * Round tick values covering [min, max] with about `count` intervals: the first tick at or below min, the
 * last at or above max, so the axis domain is [ticks[0], ticks.at(-1)]. Whole numbers stay whole.
 */
export function niceTicks(
  min: number,
  max: number,
  count = 5,
  options: { integer?: boolean } = {},
): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0, 1];
  if (max < min) [min, max] = [max, min];
  if (max === min) max = min + 1;
  let step = niceStep(max - min, count);
  if (options.integer) step = Math.max(1, Math.round(step));
  const first = Math.floor(min / step) * step;
  const last = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  // Rounded to the step's decimals, so 0.1 + 0.2 prints as 0.3.
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  for (let value = first; value <= last + step / 2; value += step)
    ticks.push(Number(value.toFixed(decimals)));
  return ticks;
}

/** Evenly spaced bands (a bar chart's slots) with `gap` as a share of each slot left empty. */
export function bandLayout(
  count: number,
  range: readonly [number, number],
  gap = 0.2,
): { start: (index: number) => number; width: number } {
  const [r0, r1] = range;
  const slot = count > 0 ? (r1 - r0) / count : 0;
  const width = slot * (1 - gap);
  return { start: (index) => r0 + index * slot + (slot - width) / 2, width };
}
