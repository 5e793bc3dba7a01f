import { fillNormalPairs, mulberry32 } from './random';

const LATTICE_SIZE = 128;

/**
 * Smooth value noise in [-1, 1]: random values on a square lattice of `cellSize` (repeating every
 * 128 cells), blended with a smoothstep. Deterministic from `seed`; used for the slow echo variation
 * inside organs.
 */
export function valueNoise(seed: number, cellSize: number): (x: number, y: number) => number {
  const next = mulberry32(seed);
  const lattice = new Float32Array(LATTICE_SIZE * LATTICE_SIZE);
  for (let i = 0; i < lattice.length; i++) lattice[i] = next() * 2 - 1;
  const mask = LATTICE_SIZE - 1;
  return (x, y) => {
    const gx = x / cellSize;
    const gy = y / cellSize;
    const ix = Math.floor(gx);
    const iy = Math.floor(gy);
    const fx = smooth(gx - ix);
    const fy = smooth(gy - iy);
    const row0 = (iy & mask) * LATTICE_SIZE;
    const row1 = ((iy + 1) & mask) * LATTICE_SIZE;
    const column0 = ix & mask;
    const column1 = (ix + 1) & mask;
    const topLeft = lattice[row0 + column0]!;
    const bottomLeft = lattice[row1 + column0]!;
    const top = topLeft + (lattice[row0 + column1]! - topLeft) * fx;
    const bottom = bottomLeft + (lattice[row1 + column1]! - bottomLeft) * fx;
    return top + (bottom - top) * fy;
  };
}

function smooth(t: number): number {
  return t * t * (3 - 2 * t);
}

/**
 * Fully developed speckle on a square, seamlessly tiling grid (`size` a power of two): complex Gaussian
 * scatterers summed over a lateral × axial window (the resolution cell), whose magnitude is Rayleigh
 * distributed; scaled to mean 1. Images read it at a random offset, so one tile serves many frames.
 */
export function speckleTile(
  seed: number,
  size: number,
  cell: { lateral: number; axial: number },
): Float32Array {
  const real = new Float32Array(size * size);
  const imaginary = new Float32Array(size * size);
  fillNormalPairs(mulberry32(seed), real, imaginary);
  const summedReal = windowSum(real, size, cell);
  const summedImaginary = windowSum(imaginary, size, cell);
  const rayleighMean = Math.sqrt((cell.lateral * cell.axial * Math.PI) / 2);
  const envelope = new Float32Array(size * size);
  for (let i = 0; i < envelope.length; i++) {
    envelope[i] = Math.sqrt(summedReal[i]! ** 2 + summedImaginary[i]! ** 2) / rayleighMean;
  }
  return envelope;
}

/** Sum over a lateral × axial window starting at each sample, wrapping around both edges (separable). */
function windowSum(
  values: Float32Array,
  size: number,
  cell: { lateral: number; axial: number },
): Float32Array {
  const mask = size - 1;
  const lateral = new Float32Array(values.length);
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) {
      let sum = 0;
      for (let l = 0; l < cell.lateral; l++) sum += values[row * size + ((column + l) & mask)]!;
      lateral[row * size + column] = sum;
    }
  }
  const result = new Float32Array(values.length);
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) {
      let sum = 0;
      for (let a = 0; a < cell.axial; a++) sum += lateral[((row + a) & mask) * size + column]!;
      result[row * size + column] = sum;
    }
  }
  return result;
}
