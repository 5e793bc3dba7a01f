import * as tf from '@tensorflow/tfjs-core';

/**
 * Plain multinomial logistic regression for comparing embeddings: z-scored features, softmax, mean
 * cross-entropy + l2/2 · ‖W‖², full-batch Adam for a fixed number of steps. No class weights, no early stopping.
 */
export type LogisticModel = {
  mean: tf.Tensor1D;
  scale: tf.Tensor1D;
  weights: tf.Tensor2D;
  bias: tf.Tensor1D;
};

export type FitOptions = { l2: number; steps?: number; learningRate?: number };

function matrix(rows: Float32Array[]): tf.Tensor2D {
  const dimension = rows[0]?.length ?? 0;
  const values = new Float32Array(rows.length * dimension);
  for (const [index, row] of rows.entries()) values.set(row, index * dimension);
  return tf.tensor2d(values, [rows.length, dimension]);
}

function standardised(model: Pick<LogisticModel, 'mean' | 'scale'>, rows: Float32Array[]): tf.Tensor2D {
  return tf.tidy(() => tf.mul(tf.sub(matrix(rows), model.mean), model.scale));
}

/** Adam moments per parameter name, kept as tensors between steps. */
function createAdam(rate: number, beta1 = 0.9, beta2 = 0.999) {
  const moments = new Map<string, [tf.Tensor, tf.Tensor]>();
  return {
    step(name: string, value: tf.Tensor, gradient: tf.Tensor, step: number): tf.Tensor {
      const [m0, v0] = moments.get(name) ?? [tf.zerosLike(value), tf.zerosLike(value)];
      const m = tf.keep(tf.add(tf.mul(beta1, m0), tf.mul(1 - beta1, gradient)));
      const v = tf.keep(tf.add(tf.mul(beta2, v0), tf.mul(1 - beta2, tf.square(gradient))));
      tf.dispose([m0, v0]);
      moments.set(name, [m, v]);
      const corrected = tf.div(
        tf.div(m, 1 - beta1 ** step),
        tf.add(tf.sqrt(tf.div(v, 1 - beta2 ** step)), 1e-8),
      );
      return tf.sub(value, tf.mul(rate, corrected));
    },
    dispose: () => tf.dispose([...moments.values()].flat()),
  };
}

export function fitLogistic(
  rows: Float32Array[],
  labels: Int32Array,
  classes: number,
  options: FitOptions,
): LogisticModel {
  const raw = matrix(rows);
  const { mean, variance } = tf.moments(raw, 0);
  const scale = tf.tidy(() => tf.div(1, tf.maximum(tf.sqrt(variance), 1e-6))) as tf.Tensor1D;
  tf.dispose([raw, variance]);
  const x = standardised({ mean: mean as tf.Tensor1D, scale }, rows);
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), classes));
  let weights: tf.Tensor2D = tf.zeros([x.shape[1], classes]);
  let bias: tf.Tensor1D = tf.zeros([classes]);
  const adam = createAdam(options.learningRate ?? 0.05);
  for (let step = 1; step <= (options.steps ?? 300); step++) {
    const [nextWeights, nextBias] = tf.tidy(() => {
      // The analytic gradient of mean cross-entropy + l2/2 · ‖W‖²: Xᵀ(P − Y) / n + l2 · W, and mean(P − Y).
      const residual = tf.div(tf.sub(tf.softmax(tf.add(tf.matMul(x, weights), bias)), y), x.shape[0]);
      const weightGradient = tf.add(tf.matMul(x, residual, true, false), tf.mul(options.l2, weights));
      return [adam.step('w', weights, weightGradient, step), adam.step('b', bias, tf.sum(residual, 0), step)];
    });
    tf.dispose([weights, bias]);
    [weights, bias] = [nextWeights as tf.Tensor2D, nextBias as tf.Tensor1D];
  }
  adam.dispose();
  tf.dispose([x, y]);
  return { mean: mean as tf.Tensor1D, scale, weights, bias };
}

/** Class probabilities, one row per input row. */
export function probabilities(model: LogisticModel, rows: Float32Array[]): Float32Array[] {
  const p = tf.tidy(() =>
    tf.softmax(tf.add(tf.matMul(standardised(model, rows), model.weights), model.bias)),
  );
  const values = p.arraySync() as number[][];
  p.dispose();
  return values.map((row) => Float32Array.from(row));
}

export function predictClasses(model: LogisticModel, rows: Float32Array[]): number[] {
  return probabilities(model, rows).map((p) => p.indexOf(Math.max(...p)));
}

export function disposeLogistic(model: LogisticModel): void {
  tf.dispose([model.mean, model.scale, model.weights, model.bias]);
}
