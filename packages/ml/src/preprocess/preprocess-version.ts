/**
 * Bump when preprocessing changes the pixels a backbone sees (resize kernel, crop rule, grayscale…):
 * it is part of every backbone id, so cached embeddings made the old way are not reused.
 */
export const PREPROCESS_VERSION = 1;
