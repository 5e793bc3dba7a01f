export { labelledCategories } from './build-training-sets';
export { cropKeyOf } from './crop-key';
export { bytesToVector, ensureEmbeddings, vectorToBytes } from './ensure-embeddings';
export {
  type DatasetJobData,
  type JobQueue,
  type JobQueueOptions,
  QUEUES,
  type QueueName,
  startJobQueue,
} from './job-queue';
export { recordQueuedJob } from './job-records';
export { type JobRunner, type JobRunnerOptions, startJobRunner } from './job-runner';
export { loadDatasetImages } from './load-dataset-images';
export { refreshPredictions } from './refresh-predictions';
export { type JobContext, type JobOutcome, type RetrainOptions, retrainDataset } from './retrain-dataset';
export { packImages } from './version-compute';
export { createVersionComputer, inThreadComputer, type VersionComputer } from './version-computer';
