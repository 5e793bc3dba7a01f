import { describe, expect, it } from 'vitest';
import { runSoak } from '../soak/run-soak';

// A short soak (the full one is `npm run soak`: 20 annotators for 10 minutes on PostgreSQL): annotators
// label through the API at full speed while the worker retrains, with queries and subscriptions beside them.
const targets = [
  { name: 'pglite', postgresUrl: undefined },
  ...(process.env.LOUPE_TEST_POSTGRES_URL
    ? [{ name: 'postgres', postgresUrl: process.env.LOUPE_TEST_POSTGRES_URL }]
    : []),
];

describe.each(targets)('a short soak on $name', ({ postgresUrl }) => {
  it('loses no acknowledged label, keeps histories whole and every model version complete', async () => {
    const report = await runSoak({
      postgresUrl,
      annotators: 6,
      durationMs: 25_000,
      maxLabels: 2_000,
      demoImages: 40,
      sampleEveryMs: 2_000,
    });
    expect(report.labelsAcknowledged).toBeGreaterThan(0);
    expect(report.checks).toMatchObject({
      acknowledgedMissing: 0,
      historyInconsistencies: 0,
      incompleteModelVersions: 0,
    });
    // The worker kept retraining while labels came in: versions beyond the first one the soak waited for.
    expect(report.modelVersions).toBeGreaterThanOrEqual(2);
    expect(report.subscriptionEvents).toBeGreaterThan(0);
    expect(report.memory.length).toBeGreaterThan(1);
  }, 600_000);
});
