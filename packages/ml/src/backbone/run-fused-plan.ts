import * as tf from '@tensorflow/tfjs-core';
import type { FusedPlan } from './compile-fused-plan';
import type { FusedOp } from './fused-plan';

function applyActivation(x: tf.Tensor, activation: 'linear' | 'relu' | 'relu6'): tf.Tensor {
  if (activation === 'relu') return tf.relu(x);
  return activation === 'relu6' ? tf.relu6(x) : x;
}

/**
 * Whether zero padding (rows, columns) followed by a 'valid' convolution equals the convolution's 'same'
 * padding on this input: 'same' pads each side by the split of max((out − 1)·stride + kernel − size, 0),
 * the smaller half before.
 */
function isSamePadding(
  padding: [[number, number], [number, number]],
  strides: [number, number],
  filter: tf.Tensor4D,
  x: tf.Tensor4D,
): boolean {
  return [0, 1].every((axis) => {
    const size = x.shape[axis + 1] as number;
    const kernel = filter.shape[axis] as number;
    const stride = strides[axis] as number;
    const total = Math.max((Math.ceil(size / stride) - 1) * stride + kernel - size, 0);
    const [before, after] = padding[axis] as [number, number];
    return before === Math.floor(total / 2) && after === total - Math.floor(total / 2);
  });
}

function runOp(op: FusedOp, inputs: tf.Tensor[]): tf.Tensor {
  const x = inputs[0] as tf.Tensor4D;
  switch (op.kind) {
    case 'conv': {
      const isSame = op.padFirst !== undefined && isSamePadding(op.padFirst, op.strides, op.filter, x);
      const padded = op.padFirst && !isSame ? tf.pad(x, [[0, 0], ...op.padFirst, [0, 0]]) : x;
      const pad = isSame ? 'same' : op.pad;
      const args = {
        x: padded,
        filter: op.filter,
        strides: op.strides,
        bias: op.bias,
        activation: op.activation,
      };
      const y = op.isDepthwise
        ? tf.fused.depthwiseConv2d({ ...args, pad: pad as 'valid' | 'same' })
        : tf.fused.conv2d({ ...args, pad });
      if (padded !== x) padded.dispose();
      return y;
    }
    case 'pad':
      return tf.pad(x, [[0, 0], op.padding[0], op.padding[1], [0, 0]]);
    case 'activation':
      return applyActivation(x, op.activation);
    case 'add':
      return tf.addN(inputs);
    case 'concat':
      return tf.concat(inputs, -1);
    case 'pool':
      return op.mode === 'max'
        ? tf.maxPool(x, op.size, op.strides, op.pad)
        : tf.avgPool(x, op.size, op.strides, op.pad);
    case 'global-avg-pool':
      return tf.mean(x, [1, 2]);
    case 'flatten':
      return tf.reshape(x, [x.shape[0], -1]);
  }
}

/** For each value, the index of the last op that reads it, so it can be freed right after. */
function lastReads(plan: FusedPlan, resolve: (name: string) => string): Map<string, number> {
  const last = new Map<string, number>();
  plan.ops.forEach((op, index) => {
    for (const input of op.inputs) last.set(resolve(input), index);
  });
  return last;
}

/** Runs a compiled plan on a batch; returns the cut layer's value (the caller owns it). */
export function runFusedPlan(plan: FusedPlan, input: tf.Tensor4D): tf.Tensor {
  const resolve = (name: string): string => {
    let current = name;
    while (plan.aliases.has(current)) current = plan.aliases.get(current) as string;
    return current;
  };
  const last = lastReads(plan, resolve);
  const output = resolve(plan.output);
  const values = new Map<string, tf.Tensor>([[plan.input, input]]);
  plan.ops.forEach((op, index) => {
    const inputs = op.inputs.map((name) => values.get(resolve(name)) as tf.Tensor);
    values.set(op.output, runOp(op, inputs));
    for (const name of new Set(op.inputs.map(resolve))) {
      if (last.get(name) === index && name !== output && name !== plan.input) {
        values.get(name)?.dispose();
        values.delete(name);
      }
    }
  });
  const result = values.get(output);
  if (!result) throw new Error(`the plan produced no value for ${plan.output}`);
  return result;
}
