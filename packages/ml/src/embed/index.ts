export { type BatchRunner, startInProcessRunner, startWorkerRunner } from './batch-runner';
export {
  createEmbedder,
  type Embedder,
  type EmbedderOptions,
  type EmbedItem,
  type EmbedResult,
} from './create-embedder';
export { greyBatchToInput, runBatch } from './run-batch';
export type { LoadedBackbone, WireError } from './worker-protocol';
