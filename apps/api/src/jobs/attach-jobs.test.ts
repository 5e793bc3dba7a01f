import { describe, expect, it } from 'vitest';
import type { AppContext, JobSink } from '../app-context';
import { type AttachedJobs, holdJobsUntilAttached } from './attach-jobs';

const attachedJobs: AttachedJobs = { stop: async () => {}, isRunningWorker: true };

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

describe('jobs attached in the background', () => {
  it('holds a job asked for while the queue starts, then hands it to the queue', async () => {
    const app = {} as AppContext;
    const start = deferred<AttachedJobs>();
    const attached = holdJobsUntilAttached(app);
    const queued: string[] = [];
    const enqueued = app.jobs!.enqueue('retrain', { datasetId: 'd1', reason: 'label changed' });
    let isSettled = false;
    void enqueued.then(() => {
      isSettled = true;
    });
    await new Promise((done) => setTimeout(done, 20));
    expect(isSettled).toBe(false);
    const sink: JobSink = {
      enqueue: async (kind, data) => {
        queued.push(`${kind}:${data.datasetId}`);
        return 'job-1';
      },
    };
    const attaching = attached(start.promise);
    app.jobs = sink;
    start.resolve(attachedJobs);
    expect(await enqueued).toBe('job-1');
    expect(await attaching).toBe(attachedJobs);
    expect(queued).toEqual(['retrain:d1']);
  });

  it('fails a waiting job clearly when the queue cannot start, and leaves the failure to the starter', async () => {
    const app = {} as AppContext;
    const start = deferred<AttachedJobs>();
    const attached = holdJobsUntilAttached(app);
    const enqueued = app.jobs!.enqueue('embed', { datasetId: 'd1', reason: 'import' });
    const attaching = attached(start.promise);
    start.reject(new Error('no such backbone'));
    await expect(enqueued).rejects.toThrow('The job queue failed to start.');
    await expect(attaching).rejects.toThrow('no such backbone');
  });
});
