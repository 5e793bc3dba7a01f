import { describe, expect, it } from 'vitest';
import { applyJobEvent, currentActivity, describeActivity, type JobActivity } from './job-activity';

const job = (id: string, state: string, createdAt: string, progress = 0): JobActivity => ({
  id,
  kind: 'retrain',
  state,
  progress,
  message: null,
  createdAt,
});

describe('job activity', () => {
  it('replaces a known job in place and puts a new one first', () => {
    const jobs = [job('a', 'RUNNING', '2026-01-01T00:00:02Z'), job('b', 'SUCCEEDED', '2026-01-01T00:00:01Z')];
    expect(applyJobEvent(jobs, job('b', 'FAILED', '2026-01-01T00:00:01Z')).map((j) => j.state)).toEqual([
      'RUNNING',
      'FAILED',
    ]);
    expect(applyJobEvent(jobs, job('c', 'QUEUED', '2026-01-01T00:00:03Z')).map((j) => j.id)).toEqual([
      'c',
      'a',
      'b',
    ]);
  });

  it('shows a running job before a newer queued one, and nothing when all are done', () => {
    const running = job('a', 'RUNNING', '2026-01-01T00:00:01Z', 0.4);
    const queued = job('b', 'QUEUED', '2026-01-01T00:00:02Z');
    expect(currentActivity([queued, running])).toBe(running);
    expect(currentActivity([job('c', 'SUCCEEDED', '2026-01-01T00:00:03Z')])).toBeNull();
  });

  it('describes a job in words', () => {
    expect(describeActivity(job('a', 'RUNNING', '', 0.4))).toBe('Training 40 %');
    expect(describeActivity({ ...job('a', 'QUEUED', ''), kind: 'embed' })).toBe('Embedding (queued)');
  });
});
