export { BackboneError, type BackboneErrorCode, isBackboneError } from './backbone-error';
export { backboneId } from './backbone-id';
export { type BuiltinBackbone, builtinBackbones, isBuiltinBackboneName } from './builtin-backbones';
export { FUSED_TOLERANCE } from './fused-forward';
export { type LoadBackboneOptions, loadBackbone, resolveBackboneSpec } from './load-backbone';
export {
  type Backbone,
  type BackboneInfo,
  type BackboneSpec,
  type BuiltinBackboneName,
  type Scaling,
  scalings,
} from './types';
