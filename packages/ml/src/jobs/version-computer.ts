import { Worker } from 'node:worker_threads';
import { workerExecArgv } from '../embed/worker-argv';
import { MlError, type MlErrorCode } from '../heads';
import {
  type ComputeControl,
  type ComputedVersion,
  type ComputeProgress,
  computePredictions,
  computeVersion,
  type PredictionsInput,
  type VersionComputeInput,
} from './version-compute';
import type { PredictionRow } from './write-model-version';

export type VersionRequest =
  | { type: 'version'; id: number; input: VersionComputeInput; isStreamingChunks: boolean }
  | { type: 'predictions'; id: number; input: PredictionsInput };

type WireError = { name: string; message: string; code?: string; details?: unknown };

export type VersionReply =
  | { type: 'progress'; id: number; progress: number; message: string }
  | { type: 'chunk'; id: number; text: string }
  | { type: 'done'; id: number; result: ComputedVersion | PredictionRow[] }
  | { type: 'failed'; id: number; error: WireError };

/** Where model versions are computed: in a worker thread (the app) or in the calling thread (tests, tools). */
export type VersionComputer = {
  computeVersion(input: VersionComputeInput, control?: ComputeControl): Promise<ComputedVersion>;
  computePredictions(input: PredictionsInput): Promise<PredictionRow[]>;
  close(): Promise<void>;
};

/** Computes in the calling thread. */
export const inThreadComputer: VersionComputer = {
  computeVersion,
  computePredictions,
  close: async () => {},
};

const bootstrapUrl = new URL('./version-worker-bootstrap.mjs', import.meta.url);

/** An error that came back from the computing thread, as the caller would have met it in its own thread. */
function fromWire(error: WireError): Error {
  if (error.name === 'MlError' && error.code)
    return new MlError(
      error.code as MlErrorCode,
      error.message,
      (error.details ?? {}) as Record<string, unknown>,
    );
  return Object.assign(new Error(error.message), { code: error.code });
}

/**
 * Computes model versions in a worker thread of their own, started on first use and kept for the next run:
 * a training run at 100,000 images holds a thread for seconds, and the thread that serves requests (which, in
 * the embedded app, also runs the database) stays free meanwhile. Requests run one at a time. An aborted run
 * stops the thread (a running epoch cannot be interrupted otherwise); the next run starts another. The
 * packed vectors are handed over, not copied: the caller's `images.vectors` is empty afterwards.
 */
export function createVersionComputer(): VersionComputer {
  let worker: Worker | undefined;
  let nextId = 1;
  const pending = new Map<
    number,
    {
      resolve: (value: never) => void;
      reject: (error: Error) => void;
      onProgress?: ComputeProgress;
      onCopyChunk?: (text: string) => void;
      worker: Worker;
    }
  >();
  let queue: Promise<unknown> = Promise.resolve();

  /** Fails the requests a thread had when it stopped (an aborted one's successor may have some already). */
  const failAll = (of: Worker, error: Error) => {
    for (const [id, entry] of pending) {
      if (entry.worker !== of) continue;
      pending.delete(id);
      entry.reject(error);
    }
  };
  // The thread keeps the process alive only while it has work: an idle one does not hold up an exit.
  const settleOne = (id: number) => {
    pending.delete(id);
    if (pending.size === 0) worker?.unref();
  };
  const start = (): Worker => {
    const started = new Worker(bootstrapUrl, { execArgv: workerExecArgv(process.execArgv) });
    started.unref();
    started.on('message', (reply: VersionReply) => {
      const entry = pending.get(reply.id);
      if (!entry) return;
      if (reply.type === 'progress') entry.onProgress?.(reply.progress, reply.message);
      else if (reply.type === 'chunk') entry.onCopyChunk?.(reply.text);
      else {
        settleOne(reply.id);
        if (reply.type === 'done') entry.resolve(reply.result as never);
        else entry.reject(fromWire(reply.error));
      }
    });
    started.on('error', (error) => {
      if (worker === started) worker = undefined;
      failAll(started, error);
    });
    started.on('exit', (code) => {
      if (worker === started) worker = undefined;
      failAll(started, new Error(`The training thread stopped (exit code ${code}).`));
    });
    return started;
  };

  const send = <T>(
    request: VersionRequest,
    transfer: ArrayBuffer[],
    control: ComputeControl = {},
  ): Promise<T> => {
    const run = () =>
      new Promise<T>((resolve, reject) => {
        if (control.signal?.aborted) {
          reject(new MlError('TRAINING_ABORTED', 'Training was stopped before it began.'));
          return;
        }
        worker ??= start();
        const current = worker;
        const onAbort = () => {
          settleOne(request.id);
          reject(new MlError('TRAINING_ABORTED', 'Training was stopped.'));
          if (worker === current) worker = undefined;
          void current.terminate();
        };
        control.signal?.addEventListener('abort', onAbort, { once: true });
        const settle =
          <V>(then: (value: V) => void) =>
          (value: V) => {
            control.signal?.removeEventListener('abort', onAbort);
            then(value);
          };
        pending.set(request.id, {
          resolve: settle(resolve as (value: never) => void),
          reject: settle(reject),
          onProgress: control.onProgress,
          onCopyChunk: control.onCopyChunk,
          worker: current,
        });
        current.ref();
        current.postMessage(request, transfer);
      });
    const result = queue.catch(() => {}).then(run);
    queue = result;
    return result;
  };

  return {
    computeVersion: (input, control) =>
      send(
        { type: 'version', id: nextId++, input, isStreamingChunks: control?.onCopyChunk !== undefined },
        [input.images.vectors.buffer as ArrayBuffer],
        control,
      ),
    computePredictions: (input) =>
      send({ type: 'predictions', id: nextId++, input }, [input.images.vectors.buffer as ArrayBuffer]),
    close: async () => {
      const current = worker;
      worker = undefined;
      if (current) await current.terminate();
    },
  };
}
