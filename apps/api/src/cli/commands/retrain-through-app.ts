import { AppError } from '../../errors';
import type { RetrainStatus } from '../../operations/retrain-status';
import { requestRunningApp } from '../graphql-client';
import { type Flags, print, resultOf, waitForRun } from './retrain';

type DatasetState = {
  id: string;
  name: string;
  latestModelVersion: { id: string; version: number; metrics: { raw: Record<string, unknown> } } | null;
  jobs: {
    edges: {
      node: {
        kind: string;
        state: string;
        message: string | null;
        error: string | null;
        finishedAt: string | null;
      };
    }[];
  };
};

const DATASETS = `{ datasets { id name latestModelVersion { id version metrics { raw } } jobs(first: 20) { edges { node { kind state message error finishedAt } } } } }`;

/** `loupe retrain` while the embedded app owns the database: ask it over GraphQL and follow its jobs. */
export async function retrainThroughApp(server: { url: string; token: string }, flags: Flags): Promise<void> {
  const read = async (): Promise<RetrainStatus> => {
    const { datasets } = await requestRunningApp<{ datasets: DatasetState[] }>(server, DATASETS);
    const dataset = datasets.find((candidate) => candidate.name === flags.dataset);
    if (!dataset) throw new AppError('NOT_FOUND', `The dataset "${flags.dataset}" was not found.`);
    const retrains = dataset.jobs.edges.map((edge) => edge.node).filter((job) => job.kind === 'retrain');
    const finished = retrains.find((job) => job.finishedAt);
    const version = dataset.latestModelVersion;
    return {
      datasetId: dataset.id,
      latestVersion: version
        ? { id: version.id, version: version.version, metrics: version.metrics.raw, createdAt: new Date() }
        : null,
      activeJobs: retrains.filter((job) => job.state === 'QUEUED' || job.state === 'RUNNING').length,
      lastFinished: finished
        ? {
            state: finished.state,
            message: finished.message,
            error: finished.error,
            finishedAt: new Date(finished.finishedAt!),
          }
        : null,
    };
  };
  const before = await read();
  const requestedAt = new Date();
  await requestRunningApp(server, 'mutation($id: ID!) { requestRetrain(datasetId: $id) }', {
    id: before.datasetId,
  });
  if (!flags.wait) return print(flags, { requested: true, dataset: flags.dataset });
  const status = await waitForRun(read, before, requestedAt, Number(flags.timeout) * 1000);
  print(flags, resultOf(status, before));
  if (!status.latestVersion || status.latestVersion.version === before.latestVersion?.version)
    process.exitCode = 1;
}
