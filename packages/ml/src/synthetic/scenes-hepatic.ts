import { MATERIALS, part, type Scene } from './materials';
import type { Random } from './random';
import { fluidFilled, triads, vessel } from './scene-parts';
import { below, circle, ellipse, invert, outline, type Point, union } from './shapes';

/** Views through the liver: the liver itself and the structures found inside or behind it. */

export function liverScene(random: Random): Scene {
  const diaphragm = circle(random.jitter(0.25), -0.4 + random.jitter(0.06), 1.32);
  const hepaticVeins = Array.from({ length: 3 }, (_, index) => {
    const origin: Point = [0.35 + random.jitter(0.1), 1.02];
    const angle = -1.6 - index * 0.5 + random.jitter(0.15);
    const length = random.uniform(0.45, 0.65);
    const bend = angle + random.jitter(0.3);
    const middle: Point = [
      origin[0] + Math.cos(angle) * length * 0.5,
      origin[1] + Math.sin(angle) * length * 0.5,
    ];
    const end: Point = [middle[0] + Math.cos(bend) * length * 0.5, middle[1] + Math.sin(bend) * length * 0.5];
    return vessel([origin, middle, end], random.uniform(0.03, 0.04), 0.006);
  });
  const portalBranches = Array.from({ length: 2 }, () => {
    const start: Point = [random.uniform(-0.35, 0.15), random.uniform(0.45, 0.75)];
    const angle = random.uniform(0, Math.PI);
    const end: Point = [start[0] + Math.cos(angle) * 0.2, start[1] + Math.sin(angle) * 0.08];
    return vessel([start, end], 0.022, 0.016, 0.008);
  });
  return {
    background: MATERIALS.liver,
    parts: [
      part(invert(diaphragm), MATERIALS.lung),
      part(outline(diaphragm, 0.012), MATERIALS.wall),
      ...triads(random, 12),
      ...hepaticVeins.flat(),
      ...portalBranches.flat(),
    ],
  };
}

export function gallbladderScene(random: Random): Scene {
  const cx = random.jitter(0.1);
  const cy = random.uniform(0.5, 0.6);
  const angle = random.jitter(0.35);
  const length = random.uniform(0.17, 0.24);
  const width = length * random.uniform(0.38, 0.5);
  const fundus = ellipse(cx, cy, length, width, angle);
  const neckX = cx - Math.cos(angle) * length * 0.9;
  const neckY = cy - Math.sin(angle) * length * 0.9;
  const neck = ellipse(neckX, neckY, length * 0.45, width * 0.55, angle + 0.4);
  const stone = random.chance(0.35)
    ? [
        part(
          circle(cx + random.jitter(length * 0.4), cy + width * 0.7, random.uniform(0.015, 0.025)),
          MATERIALS.calcification,
        ),
      ]
    : [];
  return {
    background: MATERIALS.liver,
    parts: [
      ...triads(random, 6),
      ...vessel(
        [
          [-0.5, 0.86],
          [0.5, 0.9 + random.jitter(0.05)],
        ],
        0.035,
        0.03,
        0.01,
      ),
      ...fluidFilled(union(fundus, neck), 0.01),
      ...stone,
    ],
  };
}

export function portalVeinScene(random: Random): Scene {
  const y = random.uniform(0.55, 0.65);
  const fork: Point = [0.15 + random.jitter(0.05), y - 0.04];
  const duct = random.chance(0.5)
    ? vessel(
        [
          [-0.4, y - 0.09],
          [0.05, y - 0.11],
        ],
        0.01,
        0.01,
        0.005,
      )
    : [];
  return {
    background: MATERIALS.liver,
    parts: [
      ...triads(random, 8),
      ...vessel([[-0.5, y + 0.12], [-0.1, y], fork], 0.055, 0.045, 0.012),
      ...vessel([fork, [0.45, y - 0.16 + random.jitter(0.04)]], 0.032, 0.02, 0.01),
      ...vessel([fork, [0.4, y + 0.08 + random.jitter(0.04)]], 0.03, 0.018, 0.01),
      ...duct,
    ],
  };
}

export function commonBileDuctScene(random: Random): Scene {
  const y = random.uniform(0.45, 0.55);
  const path: Point[] = [
    [-0.45, y - 0.06],
    [-0.05, y],
    [0.4, y + 0.07],
  ];
  const portal = path.map(([x, pathY]): Point => [x, pathY + 0.13]);
  return {
    background: MATERIALS.liver,
    parts: [
      ...triads(random, 6),
      ...vessel(path, random.uniform(0.018, 0.024), 0.015, 0.008),
      ...vessel(portal, 0.05, 0.045, 0.012),
      ...fluidFilled(circle(random.jitter(0.1), y + 0.065, 0.012), 0.005),
    ],
  };
}

export function inferiorVenaCavaScene(random: Random): Scene {
  const y = random.uniform(0.6, 0.68);
  const crus = y + 0.09;
  return {
    background: MATERIALS.liver,
    parts: [
      ...triads(random, 5),
      part(below(crus), MATERIALS.muscle),
      part(below(crus + 0.12), MATERIALS.fat),
      ...vessel(
        [
          [-0.6, y + 0.03],
          [0, y],
          [0.6, y - 0.05],
        ],
        0.07,
        0.045,
        0.004,
      ),
      ...vessel(
        [
          [0.3 + random.jitter(0.1), 0.2],
          [0.12, y - 0.04],
        ],
        0.018,
        0.03,
      ),
    ],
  };
}
