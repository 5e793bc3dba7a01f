/**
 * Four test images of three classes, chosen away from bin edges:
 *   image 0: (0.72, 0.18, 0.10) label 0 → right, confidence 0.72
 *   image 1: (0.10, 0.50, 0.40) label 2 → wrong (says 1), label second
 *   image 2: (0.23, 0.35, 0.42) label 1 → wrong (says 2), label second
 *   image 3: (0.07, 0.15, 0.78) label 2 → right, confidence 0.78
 */
export const fourImages = {
  probabilities: new Float32Array([0.72, 0.18, 0.1, 0.1, 0.5, 0.4, 0.23, 0.35, 0.42, 0.07, 0.15, 0.78]),
  labels: new Int32Array([0, 2, 1, 2]),
  clusters: ['study-a', 'study-a', 'study-b', 'study-c'],
  classCount: 3,
};
