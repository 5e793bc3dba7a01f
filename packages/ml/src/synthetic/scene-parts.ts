import { MATERIALS, type Part, part } from './materials';
import type { Random } from './random';
import { circle, ellipse, outline, type Point, type Shape, subtract, tube } from './shapes';

/** A fluid-filled structure (vessel, duct, gallbladder, bladder), with a bright wall when `wall` > 0. */
export function fluidFilled(shape: Shape, wall: number): Part[] {
  const lumen = part(shape, MATERIALS.fluid);
  return wall > 0 ? [lumen, part(outline(shape, wall), MATERIALS.wall)] : [lumen];
}

export function vessel(points: readonly Point[], startRadius: number, endRadius: number, wall = 0): Part[] {
  return fluidFilled(tube(points, startRadius, endRadius), wall);
}

/** A kidney in long axis: bright capsule, darker cortex, dark pyramids, bright central sinus. */
export function kidney(random: Random, cx: number, cy: number, angle: number): Part[] {
  const length = random.uniform(0.27, 0.33);
  const width = length * random.uniform(0.42, 0.5);
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const at = (u: number, v: number): Point => [cx + u * cos - v * sin, cy + u * sin + v * cos];
  const [hilumX, hilumY] = at(0, width * 1.25);
  const bean = subtract(ellipse(cx, cy, length, width, angle), circle(hilumX, hilumY, width * 0.55));
  const pyramids = [-1, 1].flatMap((side) => {
    const count = side < 0 ? 5 : 4;
    return Array.from({ length: count }, (_, index) => {
      const t = -0.7 + (index * 1.4) / (count - 1);
      const [px, py] = at(t * length * 0.75, side * Math.sqrt(1 - t * t) * width * 0.5);
      return part(ellipse(px, py, width * 0.19, width * 0.12, angle - side * t * 0.9), MATERIALS.pyramid);
    });
  });
  const [sinusX, sinusY] = at(0, width * 0.12);
  return [
    part(outline(bean, 0.012), MATERIALS.fat),
    part(bean, MATERIALS.kidneyCortex),
    ...pyramids,
    part(ellipse(sinusX, sinusY, length * 0.6, width * 0.28, angle), MATERIALS.renalSinus),
  ];
}

/** Bowel gas: bright, irregular spots that shadow everything below them. */
export function gasSpots(random: Random, count: number, centerX: number, centerY: number): Part[] {
  return Array.from({ length: count }, () => {
    const x = centerX + random.jitter(0.15);
    const y = centerY + random.jitter(0.05);
    return part(ellipse(x, y, random.uniform(0.02, 0.05), random.uniform(0.008, 0.015)), MATERIALS.gas);
  });
}

/** The front of the vertebral bodies: a bright, gently undulating line that shadows what lies behind. */
export function spine(random: Random, depth: number, slope: number): Part[] {
  const points = Array.from({ length: 7 }, (_, index): Point => {
    const x = -0.75 + index * 0.25;
    return [x, depth + slope * x + (index % 2 === 0 ? 0.012 : -0.008) + random.jitter(0.006)];
  });
  return [part(tube(points, 0.014), MATERIALS.calcification)];
}

/** Small bright dots (portal triads) scattered through liver parenchyma. */
export function triads(random: Random, count: number): Part[] {
  return Array.from({ length: count }, () => {
    const x = random.uniform(-0.5, 0.5);
    const y = random.uniform(0.3, 0.95);
    return part(ellipse(x, y, random.uniform(0.008, 0.016), 0.005, random.jitter(0.4)), MATERIALS.wall);
  });
}
