import { softplus } from './log-math';
import type { SectorGeometry } from './sector';
import { type NoiseTiles, SPECKLE_TILE_SIZE, sharedNoiseTiles } from './speckle-cache';
import type { StudyTraits } from './study-traits';
import type { TissueModel } from './tissue';
import { interpolate, sampleTissueGrid, type TissueGrid } from './tissue-grid';

/** Display values (0–255, not yet rounded) on the fan's polar grid: rows by depth, columns by angle. */
export type PolarFrame = { rows: number; columns: number; values: Float32Array };

export type PolarFrameInput = {
  geometry: SectorGeometry;
  traits: StudyTraits;
  tissue: TissueModel;
  /** Electronic noise amplitude relative to liver echo. */
  noiseFloor: number;
  /** Seeded uniform randomness for this frame (where it reads the shared speckle and noise). */
  next: () => number;
};

/** Tissue is sampled every TISSUE_STEP polar samples and interpolated between. */
const TISSUE_STEP = 3;
const DECIBELS_PER_NEPER = 20 / Math.LN10;
/** Depth gain compensation, in nepers over the fan's depth (tissue attenuates about 1.1). */
const DEPTH_GAIN = 0.9;

/**
 * Simulates the echo along every beam: tissue echo, attenuation accumulated from the probe (shadows
 * and enhancement), depth gain compensation, speckle, electronic noise and log compression — all in
 * the log domain, so no sample needs an exp or a log.
 */
export function renderPolarFrame(input: PolarFrameInput): PolarFrame {
  const { geometry } = input;
  const rows = Math.ceil(geometry.outerRadius - geometry.innerRadius);
  const columns = Math.ceil(2 * geometry.halfAngle * geometry.outerRadius);
  const tissueRows = Math.ceil((rows - 1) / TISSUE_STEP) + 1;
  const tissueColumns = Math.ceil((columns - 1) / TISSUE_STEP) + 1;
  const tissue = sampleTissueGrid(input.tissue, geometry, tissueRows, tissueColumns);
  const offsets = Array.from({ length: 4 }, () => Math.floor(input.next() * SPECKLE_TILE_SIZE));
  const values = new Float32Array(rows * columns);
  const { traits, noiseFloor } = input;
  simulateBeams({
    geometry,
    traits,
    noiseFloor,
    rows,
    columns,
    tissue,
    noise: sharedNoiseTiles(),
    offsets,
    values,
  });
  return { rows, columns, values };
}

type BeamInput = Omit<PolarFrameInput, 'tissue' | 'next'> &
  PolarFrame & { tissue: TissueGrid; noise: NoiseTiles; offsets: number[] };

function simulateBeams(input: BeamInput): void {
  const { rows, columns, tissue, traits, values } = input;
  const { logSpeckle, logNoise } = input.noise;
  const [speckleRowOffset = 0, speckleColumnOffset = 0, noiseRowOffset = 0, noiseColumnOffset = 0] =
    input.offsets;
  const mask = SPECKLE_TILE_SIZE - 1;
  const beamEdge = Float64Array.from({ length: columns }, (_, column) => {
    const fromCentre = ((column + 0.5) * 2) / columns - 1;
    return Math.log(1 - 0.35 * fromCentre ** 8);
  });
  const tissueColumnAt = Float64Array.from(
    { length: columns },
    (_, c) => ((c + 0.5) * (tissue.columns - 1)) / columns,
  );
  const attenuationSoFar = new Float64Array(columns);
  const step = (input.geometry.outerRadius - input.geometry.innerRadius) / rows / input.geometry.outerRadius;
  const logNoiseFloor = Math.log(input.noiseFloor);
  const scale = 255 / traits.dynamicRangeDb;
  const offset = 0.45 * traits.dynamicRangeDb + traits.gainDb;
  for (let row = 0; row < rows; row++) {
    const tissueRow = ((row + 0.5) * (tissue.rows - 1)) / rows;
    const logGain = DEPTH_GAIN * (row / rows);
    const speckleRow = ((row + speckleRowOffset) & mask) * SPECKLE_TILE_SIZE;
    const noiseRow = ((row + noiseRowOffset) & mask) * SPECKLE_TILE_SIZE;
    for (let column = 0; column < columns; column++) {
      const tissueColumn = tissueColumnAt[column]!;
      const cumulative = attenuationSoFar[column]!;
      attenuationSoFar[column] =
        cumulative + interpolate(tissue.attenuation, tissue.columns, tissueRow, tissueColumn) * step;
      const logEcho = interpolate(tissue.logEcho, tissue.columns, tissueRow, tissueColumn) - cumulative;
      const logSignal =
        logEcho +
        logGain +
        beamEdge[column]! +
        logSpeckle[speckleRow + ((column + speckleColumnOffset) & mask)]!;
      const logNoiseHere = logNoiseFloor + logNoise[noiseRow + ((column + noiseColumnOffset) & mask)]!;
      const logAmplitude = logSignal + softplus(logNoiseHere - logSignal);
      values[row * columns + column] = (DECIBELS_PER_NEPER * logAmplitude + offset) * scale;
    }
  }
}
