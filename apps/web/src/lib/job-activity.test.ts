import { describe, expect, it } from 'vitest';
import { currentActivity, describeActivity, type JobActivity } from './job-activity';

const job = (id: string, state: string, createdAt: string, progress = 0): JobActivity => ({
  id,
  kind: 'retrain',
  state,
  attempt: 1,
  progress,
  message: null,
  createdAt,
});

describe('job activity', () => {
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
