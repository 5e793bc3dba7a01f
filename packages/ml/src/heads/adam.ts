export type AdamOptions = { learningRate: number; beta1?: number; beta2?: number; epsilon?: number };

/** One Adam update of `parameters` from `gradients` (Kingma & Ba 2015, with bias correction). */
export type AdamStep = (parameters: Float32Array, gradients: Float32Array) => void;

export function createAdam(size: number, options: AdamOptions): AdamStep {
  const { learningRate, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8 } = options;
  const firstMoment = new Float32Array(size);
  const secondMoment = new Float32Array(size);
  let step = 0;
  return (parameters, gradients) => {
    step += 1;
    const stepSize = (learningRate * Math.sqrt(1 - beta2 ** step)) / (1 - beta1 ** step);
    for (let i = 0; i < size; i++) {
      const gradient = gradients[i] as number;
      const m = beta1 * (firstMoment[i] as number) + (1 - beta1) * gradient;
      const v = beta2 * (secondMoment[i] as number) + (1 - beta2) * gradient * gradient;
      firstMoment[i] = m;
      secondMoment[i] = v;
      parameters[i] = (parameters[i] as number) - (stepSize * m) / (Math.sqrt(v) + epsilon);
    }
  };
}
