/**
 * Signed-distance shapes in anatomy coordinates (negative inside, positive outside, roughly in
 * coordinate units), composed into organs by the scenes. `bounds` (null: unbounded) lets rendering
 * skip a shape far from the point being drawn.
 */
export type Bounds = { minX: number; minY: number; maxX: number; maxY: number };
export type Shape = { distance: (x: number, y: number) => number; bounds: Bounds | null };
export type Point = readonly [number, number];

/** Length of (x, y); much faster than Math.hypot in the per-sample loops. */
function length(x: number, y: number): number {
  return Math.sqrt(x * x + y * y);
}

function around(cx: number, cy: number, radius: number): Bounds {
  return { minX: cx - radius, minY: cy - radius, maxX: cx + radius, maxY: cy + radius };
}

export function circle(cx: number, cy: number, radius: number): Shape {
  return { distance: (x, y) => length(x - cx, y - cy) - radius, bounds: around(cx, cy, radius) };
}

/** Ellipse rotated by `angle` (radians); the usual k0·(k0 − 1)/k1 distance estimate. */
export function ellipse(cx: number, cy: number, rx: number, ry: number, angle = 0): Shape {
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const distance = (x: number, y: number) => {
    const dx = x - cx;
    const dy = y - cy;
    const u = (dx * cos + dy * sin) / rx;
    const v = (-dx * sin + dy * cos) / ry;
    const k0 = length(u, v);
    const k1 = length(u / rx, v / ry);
    return k1 === 0 ? -Math.min(rx, ry) : (k0 * (k0 - 1)) / k1;
  };
  return { distance, bounds: around(cx, cy, Math.max(rx, ry)) };
}

export function roundedBox(
  cx: number,
  cy: number,
  halfWidth: number,
  halfHeight: number,
  radius: number,
  angle = 0,
): Shape {
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const distance = (x: number, y: number) => {
    const dx = x - cx;
    const dy = y - cy;
    const qx = Math.abs(dx * cos + dy * sin) - halfWidth + radius;
    const qy = Math.abs(-dx * sin + dy * cos) - halfHeight + radius;
    return length(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
  };
  return { distance, bounds: around(cx, cy, Math.hypot(halfWidth, halfHeight)) };
}

/** A tube along a polyline whose radius goes linearly from `startRadius` to `endRadius`. */
export function tube(points: readonly Point[], startRadius: number, endRadius = startRadius): Shape {
  const xs = Float64Array.from(points, (point) => point[0]);
  const ys = Float64Array.from(points, (point) => point[1]);
  const offsets = new Float64Array(points.length);
  for (let i = 1; i < points.length; i++) {
    offsets[i] =
      (offsets[i - 1] ?? 0) + Math.hypot((xs[i] ?? 0) - (xs[i - 1] ?? 0), (ys[i] ?? 0) - (ys[i - 1] ?? 0));
  }
  const total = offsets[points.length - 1] || 1;
  const distance = (x: number, y: number) => {
    let best = Number.POSITIVE_INFINITY;
    for (let i = 0; i + 1 < xs.length; i++) {
      const sx = xs[i] ?? 0;
      const sy = ys[i] ?? 0;
      const ex = (xs[i + 1] ?? 0) - sx;
      const ey = (ys[i + 1] ?? 0) - sy;
      const squared = ex * ex + ey * ey;
      const h = squared === 0 ? 0 : Math.min(1, Math.max(0, ((x - sx) * ex + (y - sy) * ey) / squared));
      const fraction = ((offsets[i] ?? 0) + h * ((offsets[i + 1] ?? 0) - (offsets[i] ?? 0))) / total;
      const radius = startRadius + (endRadius - startRadius) * fraction;
      best = Math.min(best, length(x - sx - ex * h, y - sy - ey * h) - radius);
    }
    return best;
  };
  const reach = Math.max(startRadius, endRadius);
  const bounds = {
    minX: Math.min(...xs) - reach,
    minY: Math.min(...ys) - reach,
    maxX: Math.max(...xs) + reach,
    maxY: Math.max(...ys) + reach,
  };
  return { distance, bounds };
}

/** Everything deeper than the line through (0, depth) tilted by `slope` (dy per unit x). */
export function below(depth: number, slope = 0): Shape {
  const norm = Math.hypot(1, slope);
  return { distance: (x, y) => (depth + slope * x - y) / norm, bounds: null };
}

export function union(a: Shape, b: Shape): Shape {
  const bounds = a.bounds && b.bounds ? merge(a.bounds, b.bounds) : null;
  return { distance: (x, y) => Math.min(a.distance(x, y), b.distance(x, y)), bounds };
}

export function subtract(shape: Shape, cut: Shape): Shape {
  return { distance: (x, y) => Math.max(shape.distance(x, y), -cut.distance(x, y)), bounds: shape.bounds };
}

export function invert(shape: Shape): Shape {
  return { distance: (x, y) => -shape.distance(x, y), bounds: null };
}

/** A band of half-thickness `halfThickness` along the outline of `shape`. */
export function outline(shape: Shape, halfThickness: number): Shape {
  const { bounds } = shape;
  return {
    distance: (x, y) => Math.abs(shape.distance(x, y)) - halfThickness,
    bounds: bounds && {
      minX: bounds.minX - halfThickness,
      minY: bounds.minY - halfThickness,
      maxX: bounds.maxX + halfThickness,
      maxY: bounds.maxY + halfThickness,
    },
  };
}

function merge(a: Bounds, b: Bounds): Bounds {
  return {
    minX: Math.min(a.minX, b.minX),
    minY: Math.min(a.minY, b.minY),
    maxX: Math.max(a.maxX, b.maxX),
    maxY: Math.max(a.maxY, b.maxY),
  };
}
