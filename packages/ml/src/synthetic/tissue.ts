import { MATERIALS, type Material } from './materials';
import { SCENE_PIVOT, type ScenePlan } from './scenes';
import type { Bounds, Shape } from './shapes';

/** Log echo amplitude and attenuation at one point of the fan. */
export type TissueSample = { logEcho: number; attenuation: number };

/** A material ready for sampling: its echo as a log, so texture and blending need no exp. */
type Layer = {
  distance: Shape['distance'];
  bounds: Bounds | null;
  logEcho: number;
  texture: number;
  attenuation: number;
};

export type TissueModel = {
  background: Layer;
  layers: Layer[];
  /** Scene pose: pivot shift, rotation (cos, sin), scale, and the fan-to-anatomy zoom. */
  shiftX: number;
  shiftY: number;
  rotationCos: number;
  rotationSin: number;
  scale: number;
  zoom: number;
  /** Depth where the probe face touches the skin and where the abdominal wall ends, in fan units. */
  skinDepth: number;
  wallDepth: number;
  /** Softness of structure edges, in fan units. */
  edge: number;
  texture: (x: number, y: number) => number;
};

export type TissueModelOptions = Pick<TissueModel, 'zoom' | 'skinDepth' | 'wallDepth' | 'edge' | 'texture'>;

export function createTissueModel(plan: ScenePlan, options: TissueModelOptions): TissueModel {
  const { scene, transform } = plan;
  return {
    ...options,
    background: layer(scene.background, { distance: () => -1, bounds: null }),
    layers: scene.parts.map((item) => layer(item.material, item.shape)),
    shiftX: transform.shiftX,
    shiftY: transform.shiftY,
    rotationCos: Math.cos(transform.angle),
    rotationSin: Math.sin(transform.angle),
    scale: transform.scale,
  };
}

function layer(material: Material, shape: Shape): Layer {
  const { echo, texture, attenuation } = material;
  return { distance: shape.distance, bounds: shape.bounds, logEcho: Math.log(echo), texture, attenuation };
}

/** The tissue at fan point (x, y), with x lateral and y depth in units of the fan's outer radius. */
export function sampleTissue(
  model: TissueModel,
  x: number,
  y: number,
  depth: number,
  into: TissueSample,
): void {
  if (depth < model.wallDepth) {
    const texture = model.texture(x * 2, y * 2);
    const fraction = (depth - model.skinDepth) / (model.wallDepth - model.skinDepth);
    fill(into, WALL_LAYERS[wallLayer(fraction + 0.06 * texture)]!, texture);
    return;
  }
  const dx = (x - SCENE_PIVOT.x) * model.zoom;
  const dy = (y - SCENE_PIVOT.y) * model.zoom;
  const sceneX =
    SCENE_PIVOT.x + (model.rotationCos * dx + model.rotationSin * dy) / model.scale - model.shiftX;
  const sceneY =
    SCENE_PIVOT.y + (model.rotationCos * dy - model.rotationSin * dx) / model.scale - model.shiftY;
  const texture = model.texture(sceneX, sceneY);
  fill(into, model.background, texture);
  const distanceScale = model.scale / model.zoom / model.edge;
  const reach = 0.5 / distanceScale;
  for (const item of model.layers) {
    const { bounds } = item;
    if (bounds && (sceneX < bounds.minX - reach || sceneX > bounds.maxX + reach)) continue;
    if (bounds && (sceneY < bounds.minY - reach || sceneY > bounds.maxY + reach)) continue;
    const alpha = 0.5 - item.distance(sceneX, sceneY) * distanceScale;
    if (alpha <= 0) continue;
    const weight = Math.min(alpha, 1);
    into.logEcho += (item.logEcho + item.texture * texture - into.logEcho) * weight;
    into.attenuation += (item.attenuation - into.attenuation) * weight;
  }
}

function fill(into: TissueSample, material: Layer, texture: number): void {
  into.logEcho = material.logEcho + material.texture * texture;
  into.attenuation = material.attenuation;
}

/** Skin, subcutaneous fat, fascia, muscle and peritoneum, from the skin inwards. */
const WALL_LAYERS = [
  MATERIALS.skin,
  MATERIALS.subcutaneousFat,
  MATERIALS.fascia,
  MATERIALS.muscle,
  MATERIALS.fascia,
].map((material) => layer(material, { distance: () => -1, bounds: null }));

/** Which wall layer lies at a fraction of the abdominal wall's thickness. */
function wallLayer(fraction: number): number {
  if (fraction < 0.08) return 0;
  if (fraction < 0.45) return 1;
  if (fraction < 0.5) return 2;
  if (fraction < 0.92) return 3;
  return 4;
}
