import * as tf from '@tensorflow/tfjs-core';
import {
  convOp,
  type FusedOp,
  isChannelsLast,
  pair,
  standaloneActivation,
  UnsupportedLayerError,
} from './fused-plan';
import type { GraphNode } from './layer-graph';

/** Fused ops in run order; `aliases` maps pass-through layers to the value they forward. */
export type FusedPlan = { input: string; output: string; ops: FusedOp[]; aliases: Map<string, string> };

const passThrough = new Set([
  'InputLayer',
  'Dropout',
  'SpatialDropout2D',
  'GaussianNoise',
  'GaussianDropout',
]);

type Context = {
  consumers: Map<string, GraphNode[]>;
  target: string;
  fused: Set<string>;
};

/** The node that alone consumes `name`, when it may be folded into the op producing `name`. */
function soleConsumer(
  context: Context,
  name: string,
  className: (c: string) => boolean,
): GraphNode | undefined {
  const users = context.consumers.get(name) ?? [];
  const [user] = users;
  if (name === context.target || users.length !== 1 || !user || !className(user.className)) return undefined;
  return user;
}

function compileConv(context: Context, node: GraphNode): FusedOp {
  let last = node;
  const norm =
    node.config.activation === 'linear'
      ? soleConsumer(context, node.name, (c) => c === 'BatchNormalization')
      : undefined;
  if (norm) {
    const axis = Number(norm.config.axis ?? -1);
    if (axis !== -1 && axis !== 3) throw new UnsupportedLayerError(`${norm.name}: axis ${axis}`);
    last = norm;
  }
  const op = convOp(node, norm, node.name);
  const activation =
    op.kind === 'conv' && op.activation === 'linear'
      ? soleConsumer(context, last.name, () => true)
      : undefined;
  const fusedActivation = activation ? standaloneActivation(activation) : null;
  if (op.kind === 'conv' && activation && fusedActivation) {
    op.activation = fusedActivation;
    last = activation;
  }
  for (const absorbed of [norm, fusedActivation ? activation : undefined])
    if (absorbed) context.fused.add(absorbed.name);
  return { ...op, output: last.name };
}

function compileNode(context: Context, node: GraphNode): FusedOp | null {
  const { inputs, name: output, config } = node;
  if (!isChannelsLast(node)) throw new UnsupportedLayerError(`${node.name}: channels-first data`);
  switch (node.className) {
    case 'Conv2D':
    case 'DepthwiseConv2D':
      return compileConv(context, node);
    case 'ZeroPadding2D': {
      const [rows, columns] = config.padding as [unknown, unknown];
      return { kind: 'pad', inputs, output, padding: [pair(rows), pair(columns)] };
    }
    case 'Add':
      return { kind: 'add', inputs, output };
    case 'Concatenate':
      if (Number(config.axis ?? -1) !== -1) throw new UnsupportedLayerError(`${node.name}: concat axis`);
      return { kind: 'concat', inputs, output };
    case 'AveragePooling2D':
    case 'MaxPooling2D': {
      const size = pair(config.pool_size ?? config.poolSize);
      const strides = pair(config.strides ?? size);
      const pad = config.padding === 'same' ? 'same' : 'valid';
      const mode = node.className === 'MaxPooling2D' ? 'max' : 'avg';
      return { kind: 'pool', inputs, output, mode, size, strides, pad };
    }
    case 'GlobalAveragePooling2D':
      return { kind: 'global-avg-pool', inputs, output };
    case 'Flatten':
      return { kind: 'flatten', inputs, output };
  }
  const activation = standaloneActivation(node);
  if (activation) return { kind: 'activation', inputs, output, activation };
  if (passThrough.has(node.className)) return null;
  throw new UnsupportedLayerError(`${node.name}: layer type ${node.className}`);
}

/** Disposes every tensor a plan owns. */
export function disposeOps(ops: FusedOp[]): void {
  for (const op of ops) if (op.kind === 'conv') tf.dispose([op.filter, ...(op.bias ? [op.bias] : [])]);
}

/**
 * Compiles layers (topologically ordered, ending at `target`) into fused ops: each convolution absorbs the
 * BatchNormalization and ReLU/ReLU6 right after it, unless another layer or the cut also reads them.
 * Pass-through layers (input, dropout) become aliases. Throws UnsupportedLayerError for anything else.
 */
export function compileFusedPlan(nodes: GraphNode[], target: string): FusedPlan {
  const inputLayers = nodes.filter((node) => node.className === 'InputLayer');
  if (inputLayers.length !== 1 || !inputLayers[0])
    throw new UnsupportedLayerError('expected exactly one input');
  const consumers = new Map<string, GraphNode[]>();
  for (const node of nodes)
    for (const input of node.inputs) consumers.set(input, [...(consumers.get(input) ?? []), node]);
  const context: Context = { consumers, target, fused: new Set() };
  const ops: FusedOp[] = [];
  const aliases = new Map<string, string>();
  try {
    for (const node of nodes) {
      if (context.fused.has(node.name)) continue;
      const op = compileNode(context, node);
      if (op) ops.push(op);
      else if (node.inputs[0]) aliases.set(node.name, node.inputs[0]);
    }
  } catch (error) {
    disposeOps(ops);
    throw error;
  }
  return {
    input: inputLayers[0].name,
    output: target,
    ops: mergePadsIntoConvs(ops, aliases, target),
    aliases,
  };
}

/**
 * A zero-padding layer read only by a 'valid' convolution becomes part of that convolution (`padFirst`), so the
 * runner can use the convolution's own 'same' padding where it is the same thing and skip a copy of the input.
 */
function mergePadsIntoConvs(ops: FusedOp[], aliases: Map<string, string>, target: string): FusedOp[] {
  const readers = new Map<string, number>();
  for (const op of ops) for (const input of op.inputs) readers.set(input, (readers.get(input) ?? 0) + 1);
  const aliased = new Set(aliases.values());
  const merged = new Set<FusedOp>();
  for (const [index, op] of ops.entries()) {
    if (op.kind !== 'pad' || op.output === target || aliased.has(op.output) || readers.get(op.output) !== 1)
      continue;
    const next = ops.slice(index + 1).find((candidate) => candidate.inputs.includes(op.output));
    if (next?.kind !== 'conv' || next.pad !== 'valid' || next.padFirst || next.inputs[0] !== op.output)
      continue;
    next.padFirst = op.padding;
    next.inputs = [op.inputs[0] as string, ...next.inputs.slice(1)];
    merged.add(op);
  }
  return ops.filter((op) => !merged.has(op));
}
