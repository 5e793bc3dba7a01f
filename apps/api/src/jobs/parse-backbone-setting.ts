import type { BackboneSpec } from '@loupe/ml';
import { SettingsError } from '../env';

/**
 * LOUPE_BACKBONE: a built-in name, or `local:<TF.js model folder>#<layer>[@[0,1]|@[-1,1]]` for a user's own
 * model cut at a named layer.
 */
export function parseBackboneSetting(value: string): BackboneSpec | string {
  if (!value.startsWith('local:')) return value;
  const match = /^local:(.+)#([^@#]+)(?:@(\[0,1\]|\[-1,1\]))?$/.exec(value);
  if (!match)
    throw new SettingsError(
      'Invalid configuration: LOUPE_BACKBONE: expected local:<model folder>#<layer>[@[0,1]|@[-1,1]]',
    );
  const [, modelPath, layer, scaling] = match;
  return {
    source: 'local',
    name: `local:${layer}`,
    modelPath: modelPath!,
    layer: layer!,
    scaling: (scaling ?? '[0,1]') as '[0,1]' | '[-1,1]',
  };
}
