import { speckleTile } from './texture';

/** Side of the shared tiles; a frame's polar grid (≈ 210 × 310 at the default size) fits inside. */
export const SPECKLE_TILE_SIZE = 512;
/** The resolution cell, in polar samples: speckle grains are elongated across the beams. */
const SPECKLE_CELL = { lateral: 8, axial: 4 };
const SPECKLE_SEED = 0x5eed;
const NOISE_SEED = 0x0153;

export type NoiseTiles = {
  /** Natural log of the speckle envelope (mean 1 before the log). */
  logSpeckle: Float32Array;
  /** Natural log of uncorrelated Rayleigh noise (electronic noise). */
  logNoise: Float32Array;
};

let tiles: NoiseTiles | undefined;

/**
 * The speckle and noise tiles, computed once per process: they are pure functions of fixed seeds, so
 * sharing them keeps frames deterministic, and generating speckle per frame would dominate rendering.
 * Each frame reads them at its own random offsets.
 */
export function sharedNoiseTiles(): NoiseTiles {
  tiles ??= {
    logSpeckle: logOf(speckleTile(SPECKLE_SEED, SPECKLE_TILE_SIZE, SPECKLE_CELL)),
    logNoise: logOf(speckleTile(NOISE_SEED, SPECKLE_TILE_SIZE, { lateral: 1, axial: 1 })),
  };
  return tiles;
}

function logOf(values: Float32Array): Float32Array {
  return values.map((value) => Math.log(Math.max(value, 1e-6)));
}
