import { createHash } from 'node:crypto';
import { PREPROCESS_VERSION } from '../preprocess/preprocess-version';
import type { Scaling } from './types';

export type BackboneIdParts = {
  name: string;
  inputSize: number;
  scaling: Scaling;
  dimensions: number;
  /** Digest of the model's topology and weights. */
  weightsDigest: string;
  layer: string;
};

const scalingTag: Record<Scaling, string> = { '[0,1]': 's01', '[-1,1]': 's11' };

/**
 * The embedding cache key: readable parts plus a digest of the weights and the cut layer, and the
 * preprocessing version, so any change to what produces the vectors yields a new id.
 */
export function backboneId(parts: BackboneIdParts): string {
  const digest = createHash('sha256')
    .update(`${parts.weightsDigest}\n${parts.layer}`)
    .digest('hex')
    .slice(0, 10);
  const { name, inputSize, scaling, dimensions } = parts;
  return `${name}@${inputSize}-${scalingTag[scaling]}-d${dimensions}-p${PREPROCESS_VERSION}-${digest}`;
}
