import { createRandom } from './random';

/** Scanner settings and patient traits shared by every image of one study, so a study's frames correlate. */
export type StudyTraits = {
  probe: string;
  frequencyMHz: number;
  frameRateHz: number;
  /** Half the fan's opening angle, in radians. */
  halfAngle: number;
  /** Fraction of the available frame the fan fills (0.9–1). */
  displayScale: number;
  /** Displayed depth; a deeper setting shows the anatomy smaller. */
  depthCm: number;
  gainDb: number;
  dynamicRangeDb: number;
  /** Thickness of the abdominal wall (skin, fat, muscle) as a fraction of the fan's depth. */
  abdominalWall: number;
};

const PROBES = ['C5-1', 'C5-2', 'C6-2', 'C3-1', '4C1'] as const;

export function studyTraits(studySeed: number): StudyTraits {
  const random = createRandom(studySeed);
  return {
    probe: random.pick(PROBES),
    frequencyMHz: Math.round(random.uniform(2.5, 5) * 10) / 10,
    frameRateHz: 18 + random.int(16),
    halfAngle: random.uniform(0.54, 0.66),
    displayScale: random.uniform(0.9, 1),
    depthCm: 12 + random.int(7),
    gainDb: random.uniform(-3, 3),
    dynamicRangeDb: 48 + random.int(4) * 3,
    abdominalWall: random.uniform(0.05, 0.12),
  };
}

/** The scanner's header line, burned in above the fan. */
export function headerText(traits: StudyTraits): string {
  const gain = Math.round(50 + traits.gainDb * 3);
  return [
    `${traits.probe} ${traits.frequencyMHz.toFixed(1)}MHZ`,
    'ABD',
    `D${traits.depthCm}CM`,
    `G${gain}`,
    `DR${Math.round(traits.dynamicRangeDb)}`,
    `${traits.frameRateHz}HZ`,
  ].join('  ');
}
