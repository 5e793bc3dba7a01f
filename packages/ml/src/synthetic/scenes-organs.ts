import { MATERIALS, part, type Scene } from './materials';
import type { Random } from './random';
import { fluidFilled, gasSpots, kidney, spine, vessel } from './scene-parts';
import { circle, ellipse, outline, roundedBox, subtract, tube } from './shapes';

/** Views of the solid organs, the bladder and the retroperitoneal vessels. */

export function rightKidneyScene(random: Random): Scene {
  return {
    background: MATERIALS.softTissue,
    parts: [
      part(ellipse(-0.2 + random.jitter(0.08), 0.36, 0.62, 0.28, 0.35), MATERIALS.liver),
      ...kidney(random, 0.05 + random.jitter(0.05), 0.65 + random.jitter(0.04), -0.25 + random.jitter(0.1)),
    ],
  };
}

export function leftKidneyScene(random: Random): Scene {
  return {
    background: MATERIALS.softTissue,
    parts: [
      part(ellipse(0.3 + random.jitter(0.06), 0.32, 0.4, 0.16, -0.45), MATERIALS.spleen),
      ...gasSpots(random, 1, -0.25, 0.32),
      ...kidney(random, -0.05 + random.jitter(0.05), 0.65 + random.jitter(0.04), 0.25 + random.jitter(0.1)),
    ],
  };
}

/** The spleen from the left flank: a homogeneous crescent, convex under the bright diaphragm. */
export function spleenScene(random: Random): Scene {
  const cx = random.jitter(0.06);
  const cy = random.uniform(0.74, 0.8);
  const angle = random.jitter(0.25);
  const thickness = random.uniform(0.16, 0.22);
  const hollow = ellipse(cx + 0.04, cy + thickness, 0.52, 0.4, angle);
  const spleen = subtract(ellipse(cx, cy, 0.5, 0.4, angle), hollow);
  const hilumX = cx + 0.04 + Math.sin(angle) * 0.4;
  const hilumY = cy + thickness - Math.cos(angle) * 0.4;
  return {
    background: MATERIALS.softTissue,
    parts: [
      part(subtract(outline(ellipse(cx, cy, 0.515, 0.415, angle), 0.012), hollow), MATERIALS.wall),
      part(spleen, MATERIALS.spleen),
      ...fluidFilled(circle(hilumX - 0.03, hilumY + 0.005, 0.018), 0.005),
      ...fluidFilled(circle(hilumX + 0.03, hilumY + 0.01, 0.014), 0.005),
    ],
  };
}

/** The pancreas in transverse: a bright band draped over the splenic vein, SMA and aorta behind. */
export function pancreasScene(random: Random): Scene {
  const y = random.uniform(0.46, 0.52);
  const midline = random.jitter(0.05);
  const band = tube(
    [
      [-0.45, y + 0.05],
      [-0.2, y],
      [0.1, y - 0.01],
      [0.45, y + 0.04],
    ],
    0.08,
    0.045,
  );
  return {
    background: MATERIALS.bowel,
    parts: [
      part(ellipse(-0.2, 0.22, 0.55, 0.1, 0.1), MATERIALS.liver),
      ...gasSpots(random, 1, 0.3, 0.3),
      part(ellipse(-0.25 + midline, y + 0.23, 0.08, 0.04), MATERIALS.fluid),
      part(outline(circle(midline, y + 0.52, 0.14), 0.018), MATERIALS.calcification),
      ...fluidFilled(circle(midline, y + 0.25, 0.045), 0.012),
      part(circle(midline, y + 0.13, 0.032), MATERIALS.fat),
      part(circle(midline, y + 0.13, 0.014), MATERIALS.fluid),
      part(band, MATERIALS.pancreas),
      ...vessel(
        [
          [-0.15, y + 0.075],
          [0.15, y + 0.07],
          [0.45, y + 0.1],
        ],
        0.018,
        0.015,
      ),
    ],
  };
}

export function bladderScene(random: Random): Scene {
  const cx = random.jitter(0.05);
  const cy = random.uniform(0.48, 0.55);
  const halfWidth = random.uniform(0.25, 0.33);
  const halfHeight = random.uniform(0.15, 0.2);
  const bladder = roundedBox(cx, cy, halfWidth, halfHeight, random.uniform(0.06, 0.1), random.jitter(0.1));
  return {
    background: MATERIALS.softTissue,
    parts: [
      part(ellipse(cx, cy + halfHeight + 0.13, 0.2, 0.09), MATERIALS.pelvicOrgan),
      ...fluidFilled(bladder, 0.012),
    ],
  };
}

/** The aorta in long axis: a thick-walled tube with its anterior branches, the spine behind it. */
export function aortaScene(random: Random): Scene {
  const y = random.uniform(0.54, 0.6);
  const branch = random.uniform(-0.25, 0.05);
  return {
    background: MATERIALS.bowel,
    parts: [
      part(ellipse(-0.15, 0.2, 0.6, 0.13), MATERIALS.liver),
      part(roundedBox(0, y + 0.1, 0.8, 0.05, 0.02), MATERIALS.muscle),
      ...spine(random, y + 0.17, -0.04),
      ...vessel(
        [
          [branch - 0.12, y - 0.04],
          [branch - 0.16, y - 0.16],
        ],
        0.015,
        0.012,
        0.006,
      ),
      ...vessel(
        [
          [branch, y - 0.04],
          [branch + 0.3, y - 0.1],
          [branch + 0.6, y - 0.12],
        ],
        0.016,
        0.014,
        0.007,
      ),
      ...vessel(
        [
          [-0.6, y + 0.03],
          [0.6, y - 0.03],
        ],
        random.uniform(0.045, 0.055),
        0.04,
        0.014,
      ),
    ],
  };
}
