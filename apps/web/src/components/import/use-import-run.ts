'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { type FieldError, fieldErrorOf } from '../../lib/api-error-text';
import { browserGraphQLEndpoint } from '../../lib/browser-api';
import { batchBytes } from '../../lib/import-batches';
import type { BatchReport } from '../../lib/import-report';
import type { PickedFile } from '../../lib/import-selection';
import { sendMultipartGraphQL } from '../../lib/multipart-graphql';
import { type DicomFrames, importFilesMutation, type ManifestColumns } from '../../queries/import-queries';

/** What to send: the files cut into batches, each sent with the manifest, into one dataset. */
export type ImportPlan = {
  /** The dataset to import into; without one, the first batch creates the dataset `datasetName`. */
  datasetId: string | null;
  datasetName: string | null;
  batches: PickedFile[][];
  manifest: PickedFile | null;
  columns: ManifestColumns | null;
  frames: DicomFrames;
};

export type BatchState = {
  files: number;
  bytes: number;
  status: 'waiting' | 'sending' | 'done' | 'failed';
  report: BatchReport | null;
  /** Why the batch failed as a whole (the network, the web origin or the API refused it). */
  error: FieldError | null;
};

export type ImportRun = {
  batches: BatchState[];
  /** `stopping`: cancelled while a batch is on its way; `stopped`: batches are left unsent. */
  phase: 'running' | 'stopping' | 'stopped' | 'finished';
  /** File bytes of the batch on its way that the browser has sent. */
  sendingBytes: number;
  /** The dataset the files go into, once the API has named it. */
  dataset: { id: string; name: string } | null;
  /** The API refused a batch (its answer to the next would be the same), so the run stopped there. */
  refusal: FieldError | null;
};

/** A file sent under its path below the picked folder (the same bytes, not a copy). */
const asUpload = ({ file, path }: PickedFile) => new File([file], path, { type: file.type });

/**
 * Sends an import plan one batch at a time, keeping each batch's report or error. Cancel stops before the
 * next batch (the batches already in stay imported); `sendRest` sends again what failed or was left.
 */
export function useImportRun() {
  const [run, setRun] = useState<ImportRun | null>(null);
  const latest = useRef<ImportRun | null>(null);
  const plan = useRef<ImportPlan | null>(null);
  const isCancelled = useRef(false);

  const commit = useCallback((change: (current: ImportRun) => ImportRun) => {
    if (!latest.current) return;
    latest.current = change(latest.current);
    setRun(latest.current);
  }, []);
  const updateBatch = useCallback(
    (index: number, change: Partial<BatchState>) =>
      commit((current) => ({
        ...current,
        batches: current.batches.map((batch, at) => (at === index ? { ...batch, ...change } : batch)),
      })),
    [commit],
  );

  const sendBatch = useCallback(
    async (index: number): Promise<'sent' | 'failed' | 'refused'> => {
      const { batches, manifest, columns, frames, datasetName } = plan.current!;
      const files = batches[index]!;
      const bytes = batchBytes(files);
      updateBatch(index, { status: 'sending', error: null });
      const datasetId = latest.current?.dataset?.id ?? plan.current!.datasetId;
      const result = await sendMultipartGraphQL(
        browserGraphQLEndpoint,
        importFilesMutation,
        {
          datasetId,
          datasetName: datasetId ? null : datasetName,
          files: files.map(asUpload),
          paths: files.map((picked) => picked.path),
          manifest: manifest ? asUpload(manifest) : null,
          columns,
          frames,
        },
        {
          onProgress: (sent, total) =>
            commit((current) => ({ ...current, sendingBytes: (bytes * sent) / total })),
        },
      );
      commit((current) => ({ ...current, sendingBytes: 0 }));
      if (result.ok) {
        const { dataset, ...report } = result.data.importFiles;
        commit((current) => ({ ...current, dataset }));
        updateBatch(index, { status: 'done', report });
        return 'sent';
      }
      const error = fieldErrorOf(result.error);
      updateBatch(index, { status: 'failed', error });
      if (result.error.code === 'GRAPHQL_ERROR' || result.error.code === 'UNAUTHENTICATED') {
        commit((current) => ({ ...current, refusal: error }));
        return 'refused';
      }
      return 'failed';
    },
    [commit, updateBatch],
  );

  const sendPending = useCallback(async () => {
    isCancelled.current = false;
    commit((current) => ({ ...current, phase: 'running', refusal: null }));
    const pending = latest.current!.batches.flatMap((batch, index) =>
      batch.status === 'done' ? [] : [index],
    );
    let isStopped = false;
    for (const index of pending) {
      if (isCancelled.current) break;
      if ((await sendBatch(index)) === 'refused') {
        isStopped = true;
        break;
      }
    }
    const isLeft = latest.current!.batches.some((batch) => batch.status === 'waiting');
    commit((current) => ({ ...current, phase: isStopped || isLeft ? 'stopped' : 'finished' }));
  }, [commit, sendBatch]);

  const start = useCallback(
    (next: ImportPlan) => {
      plan.current = next;
      latest.current = {
        batches: next.batches.map((files) => ({
          files: files.length,
          bytes: batchBytes(files),
          status: 'waiting',
          report: null,
          error: null,
        })),
        phase: 'running',
        sendingBytes: 0,
        dataset: null,
        refusal: null,
      };
      setRun(latest.current);
      void sendPending();
    },
    [sendPending],
  );

  const cancel = useCallback(() => {
    isCancelled.current = true;
    commit((current) => (current.phase === 'running' ? { ...current, phase: 'stopping' } : current));
  }, [commit]);

  const isBusy = run?.phase === 'running' || run?.phase === 'stopping';
  useEffect(() => {
    if (!isBusy) return;
    // Leaving the page would drop the batches not sent yet: the browser asks first.
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [isBusy]);

  return { run, isBusy, start, cancel, sendRest: sendPending };
}
