import { Worker } from 'node:worker_threads';
import type { BackendInfo } from '../backend/init-backend';
import { workerExecArgv } from './worker-argv';
import type {
  EmbedReply,
  EmbedRequest,
  EmbedWorkerData,
  LoadedBackbone,
  WireError,
  WorkerMessage,
} from './worker-protocol';

type Job = {
  jobId: number;
  grey: Uint8Array;
  count: number;
  resolve: (v: Float32Array) => void;
  reject: (e: Error) => void;
};
type Slot = { worker: Worker; job?: Job; isDead: boolean };

export type Ready = { backbone: LoadedBackbone; backend: BackendInfo };

/** An error from a worker, with the code it carried. */
export class WorkerError extends Error {
  readonly code: string;
  constructor(error: WireError) {
    super(error.message);
    this.name = 'WorkerError';
    this.code = error.code;
  }
}

const bootstrapUrl = new URL('./embed-worker-bootstrap.mjs', import.meta.url);

/** Starts one embedding worker and resolves once its backend and backbone are loaded. */
export function startWorker(data: EmbedWorkerData): Promise<{ worker: Worker; ready: Ready }> {
  const worker = new Worker(bootstrapUrl, { workerData: data, execArgv: workerExecArgv(process.execArgv) });
  return new Promise((resolve, reject) => {
    const onExit = (code: number) =>
      reject(new WorkerError({ code: 'WORKER_EXITED', message: `worker exited (${code})` }));
    worker.once('error', reject);
    worker.once('exit', onExit);
    worker.once('message', (message: WorkerMessage) => {
      worker.off('error', reject);
      worker.off('exit', onExit);
      if (message.type === 'ready') resolve({ worker, ready: message });
      else {
        void worker.terminate();
        reject(
          new WorkerError(
            message.type === 'failed' ? message.error : { code: 'WORKER_PROTOCOL', message: 'bad reply' },
          ),
        );
      }
    });
  });
}

/** Hands batches to idle workers, one batch per worker at a time, in arrival order. */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextJobId = 1;

  add(worker: Worker): void {
    const slot: Slot = { worker, isDead: false };
    this.slots.push(slot);
    worker.on('message', (reply: EmbedReply) => this.finish(slot, reply));
    worker.on('error', (error) => this.fail(slot, error));
    worker.on('exit', (code) =>
      this.fail(slot, new WorkerError({ code: 'WORKER_EXITED', message: `worker exited (${code})` })),
    );
  }

  get size(): number {
    return this.slots.filter((slot) => !slot.isDead).length;
  }

  run(grey: Uint8Array, count: number): Promise<Float32Array> {
    return new Promise((resolve, reject) => {
      this.queue.push({ jobId: this.nextJobId++, grey, count, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    const closing = this.slots.map((slot) => slot.worker.terminate());
    await Promise.all(closing);
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      const job = !slot.isDead && !slot.job ? this.queue.shift() : undefined;
      if (!job) continue;
      slot.job = job;
      const request: EmbedRequest = { type: 'embed', jobId: job.jobId, grey: job.grey, count: job.count };
      slot.worker.postMessage(request, [job.grey.buffer as ArrayBuffer]);
    }
    if (this.size === 0) {
      for (const job of this.queue.splice(0))
        job.reject(new WorkerError({ code: 'NO_WORKERS', message: 'no embedding worker is running' }));
    }
  }

  private finish(slot: Slot, reply: EmbedReply): void {
    const job = slot.job;
    slot.job = undefined;
    if (job && job.jobId === reply.jobId) {
      if (reply.type === 'embedded') job.resolve(reply.vectors);
      else job.reject(new WorkerError(reply.error));
    }
    this.dispatch();
  }

  private fail(slot: Slot, error: Error): void {
    if (slot.isDead) return;
    slot.isDead = true;
    slot.job?.reject(error);
    slot.job = undefined;
    this.dispatch();
  }
}
