import { describe, expect, it } from 'vitest';
import {
  appendJobs,
  formatDuration,
  isActiveJob,
  isOlderJob,
  jobDurationMs,
  jobKindWords,
  jobStateWords,
  mergeFetchedJobs,
  upsertJob,
} from './job-details';

describe('job details', () => {
  it('names states and kinds in words', () => {
    expect(jobStateWords('FAILED')).toBe('Failed');
    expect(jobStateWords('PAUSED')).toBe('Paused');
    expect(jobKindWords('retrain')).toBe('Training');
    expect(jobKindWords('refresh-predictions')).toBe('Refresh predictions');
    expect(isActiveJob({ state: 'RUNNING' })).toBe(true);
    expect(isActiveJob({ state: 'SKIPPED' })).toBe(false);
  });

  it('formats durations from milliseconds to hours', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_400)).toBe('12.4 s');
    expect(formatDuration(185_000)).toBe('3 min 05 s');
    expect(formatDuration(3_720_000)).toBe('1 h 02 min');
    expect(formatDuration(-1)).toBe('–');
  });

  it('measures a job from start to finish, or to now while it runs', () => {
    const startedAt = '2026-01-01T00:00:00.000Z';
    expect(jobDurationMs({ startedAt, finishedAt: '2026-01-01T00:00:02.500Z' }, 0)).toBe(2500);
    expect(jobDurationMs({ startedAt, finishedAt: null }, Date.parse(startedAt) + 400)).toBe(400);
    expect(jobDurationMs({ startedAt: null, finishedAt: null }, 0)).toBeNull();
    expect(jobDurationMs({ startedAt: 'x', finishedAt: null }, 0)).toBeNull();
  });

  it('appends a page without repeating jobs already shown', () => {
    expect(appendJobs([{ id: 'a' }, { id: 'b' }], [{ id: 'b' }, { id: 'c' }])).toEqual([
      { id: 'a' },
      { id: 'b' },
      { id: 'c' },
    ]);
  });

  it('replaces a job a live event names, or puts a new one first', () => {
    const job = (id: string, state: string, progress = 0, attempt = 1) => ({ id, state, progress, attempt });
    const jobs = Array.from({ length: 60 }, (_, index) => job(`j${index}`, 'SUCCEEDED', 1));
    const updated = upsertJob(jobs, job('j59', 'FAILED', 1, 2));
    expect(updated).toHaveLength(60);
    expect(updated[59]).toEqual(job('j59', 'FAILED', 1, 2));
    const added = upsertJob(jobs, job('new', 'QUEUED'));
    expect(added).toHaveLength(61);
    expect(added[0]!.id).toBe('new');
  });

  it('never turns a job back to an older state', () => {
    const job = (state: string, progress: number, attempt = 1) => ({ id: 'a', state, progress, attempt });
    const finished = [job('SUCCEEDED', 1)];
    expect(isOlderJob(job('RUNNING', 0.7), job('SUCCEEDED', 1))).toBe(true);
    expect(isOlderJob(job('QUEUED', 0), job('RUNNING', 0.1))).toBe(true);
    expect(isOlderJob(job('RUNNING', 0.3), job('RUNNING', 0.5))).toBe(true);
    // A retry starts over: a new attempt is newer whatever its state.
    expect(isOlderJob(job('RUNNING', 0, 2), job('FAILED', 0.4, 1))).toBe(false);
    expect(isOlderJob(job('RUNNING', 0.5), job('RUNNING', 0.5))).toBe(false);
    expect(upsertJob(finished, job('RUNNING', 0.7))).toEqual(finished);
    expect(upsertJob([job('RUNNING', 0.7)], job('SUCCEEDED', 1))).toEqual(finished);
    expect(mergeFetchedJobs(finished, [job('RUNNING', 0.7), { ...job('QUEUED', 0), id: 'b' }])).toEqual([
      job('SUCCEEDED', 1),
      { ...job('QUEUED', 0), id: 'b' },
    ]);
  });
});
