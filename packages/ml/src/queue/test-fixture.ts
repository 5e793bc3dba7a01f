import { scorePredictions } from './score-predictions';

/**
 * Four images of three classes (say liver, spleen, kidney) with 2-value embeddings:
 *   0: (0.46, 0.41, 0.13) unlabelled, embedding (1, 0)
 *   1: (0.02, 0.05, 0.93) labelled liver, embedding (0, 1)
 *   2: (0.90, 0.05, 0.05) labelled liver, embedding (1, 1)
 *   3: (0.20, 0.30, 0.50) unlabelled, embedding (0, 1)
 */
export const fourScores = () =>
  scorePredictions({
    probabilities: new Float32Array([0.46, 0.41, 0.13, 0.02, 0.05, 0.93, 0.9, 0.05, 0.05, 0.2, 0.3, 0.5]),
    classCount: 3,
    embeddings: [
      new Float32Array([1, 0]),
      new Float32Array([0, 1]),
      new Float32Array([1, 1]),
      new Float32Array([0, 1]),
    ],
    labelledMask: [false, true, true, false],
    currentLabels: [-1, 0, 0, -1],
  });
