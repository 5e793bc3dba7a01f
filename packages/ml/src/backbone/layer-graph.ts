import type * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';

/** One layer of a layers model, reduced to what the fused forward pass needs. */
export type GraphNode = {
  name: string;
  className: string;
  config: Record<string, unknown>;
  /** Names of the layers feeding this one, in call order. */
  inputs: string[];
  /** Weight tensors by their short name (`kernel`, `bias`, `gamma`, `moving_mean`…); owned by the model. */
  weights: Record<string, tf.Tensor>;
};

function shortName(originalName: string): string {
  return originalName.slice(originalName.lastIndexOf('/') + 1).replace(/_\d+$/, '');
}

/**
 * The layers that `target` depends on, in topological order (a layers model lists them that way).
 * Returns null when a layer is called more than once (shared layers), which the fused pass does not handle.
 */
export function graphUpTo(model: LayersModel, target: string): GraphNode[] | null {
  const byName = new Map(model.layers.map((layer) => [layer.name, layer]));
  const needed = new Set<string>();
  const pending = [target];
  while (pending.length > 0) {
    const name = pending.pop() as string;
    const layer = byName.get(name);
    if (!layer || needed.has(name)) continue;
    if (layer.inboundNodes.length > 1) return null;
    needed.add(name);
    for (const inbound of layer.inboundNodes[0]?.inboundLayers ?? []) pending.push(inbound.name);
  }
  return model.layers
    .filter((layer) => needed.has(layer.name))
    .map((layer) => ({
      name: layer.name,
      className: layer.getClassName(),
      config: layer.getConfig() as Record<string, unknown>,
      inputs: (layer.inboundNodes[0]?.inboundLayers ?? []).map((inbound) => inbound.name),
      weights: Object.fromEntries(
        layer.weights.map((weight) => [shortName(weight.originalName), weight.read()]),
      ),
    }));
}
