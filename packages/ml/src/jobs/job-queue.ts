import type { DatabaseHandle } from '@loupe/db';
import PgBoss from 'pg-boss';

export const QUEUES = {
  /** Retrain one dataset's head (embedding what is missing first). Stately: one running + one waiting per dataset. */
  retrain: 'loupe-retrain',
  /** Embed every image of one dataset whose embedding is missing or stale. */
  embed: 'loupe-embed',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];
export type DatasetJobData = {
  datasetId: string;
  reason: string;
  requestedBy?: string | undefined;
  /** An embed job only: ask for a training run once the images are embedded (an import brought labels). */
  retrainAfter?: boolean | undefined;
};

export type JobQueueOptions = {
  /** Seconds before an active job whose worker vanished is considered lost and retried. */
  expireInSeconds?: number;
  /** How often the queue looks for lost jobs and old ones to archive. */
  maintenanceIntervalSeconds?: number;
  retryLimit?: number;
  /** Whether this process runs cron schedules (every process may; pg-boss elects one per tick). */
  schedule?: boolean;
};

export type JobQueue = {
  boss: PgBoss;
  enqueue: (queue: QueueName, data: DatasetJobData) => Promise<string | null>;
  requeueOrphans: () => Promise<number>;
  stop: () => Promise<void>;
};

/**
 * The durable job queue: pg-boss in PostgreSQL, or in the embedded PGlite through the same SQL.
 * Retrain requests for one dataset coalesce: while one run is active at most one more waits, so a storm of
 * label changes gives a handful of runs.
 */
export async function startJobQueue(
  database: DatabaseHandle,
  options: JobQueueOptions = {},
): Promise<JobQueue> {
  const boss = new PgBoss({
    ...(database.databaseUrl
      ? { connectionString: database.databaseUrl, max: 4, application_name: 'loupe-jobs' }
      : { db: { executeSql: (text: string, values: unknown[]) => database.executeSql(text, values) } }),
    schema: 'pgboss',
    supervise: true,
    schedule: options.schedule ?? true,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 30,
    monitorStateIntervalSeconds: 60,
  });
  boss.on('error', (error) => console.error(`job queue: ${error.message}`));
  await boss.start();
  const retry = {
    retryLimit: options.retryLimit ?? 3,
    retryDelay: 2,
    retryBackoff: true,
    expireInSeconds: options.expireInSeconds ?? 15 * 60,
  };
  for (const name of Object.values(QUEUES)) {
    if (!(await boss.getQueue(name))) await boss.createQueue(name, { name, policy: 'stately', ...retry });
  }
  return {
    boss,
    enqueue: (queue, data) => boss.send(queue, data, { singletonKey: data.datasetId, ...retry }),
    requeueOrphans: async () => {
      // Only for a process that owns the database alone (embedded): jobs left active by a crash are retried now.
      const { rows } = await database.executeSql(
        `select id, name from pgboss.job where state = 'active' and name = any($1)`,
        [Object.values(QUEUES)],
      );
      for (const row of rows)
        await boss.fail(String(row.name), String(row.id), {
          reason: 'the previous process stopped during this job',
        });
      return rows.length;
    },
    stop: () => boss.stop({ graceful: true, timeout: 10_000, close: false, wait: true }),
  };
}
