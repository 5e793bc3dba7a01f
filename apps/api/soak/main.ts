/**
 * `npm run soak`: 20 simulated annotators labeling through the GraphQL API at full speed for 10 minutes
 * against PostgreSQL, with the worker retraining, data-science queries and subscriptions; loopback only.
 * Options: --annotators N, --minutes M, --max-labels N, --demo-images N, --postgres URL (a server to create
 * a fresh database on; default LOUPE_TEST_POSTGRES_URL or postgres://postgres@127.0.0.1:5432/postgres),
 * --embedded (PGlite instead). Prints the figures and writes JSON to soak/results/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runSoak } from './run-soak';

const { values } = parseArgs({
  options: {
    annotators: { type: 'string', default: '20' },
    minutes: { type: 'string', default: '10' },
    'max-labels': { type: 'string', default: '1000000' },
    'demo-images': { type: 'string', default: '400' },
    postgres: { type: 'string' },
    embedded: { type: 'boolean', default: false },
  },
});

const positive = (name: string, value: string | undefined) => {
  const number = Number(value);
  if (!(number > 0)) throw new Error(`--${name} must be a positive number, got ${value}`);
  return number;
};

const postgresUrl = values.embedded
  ? undefined
  : (values.postgres ?? process.env.LOUPE_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');

const folder = new URL('./results/', import.meta.url);
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const report = await runSoak({
  postgresUrl,
  annotators: positive('annotators', values.annotators),
  durationMs: positive('minutes', values.minutes) * 60_000,
  maxLabels: positive('max-labels', values['max-labels']),
  demoImages: positive('demo-images', values['demo-images']),
  sampleEveryMs: 5_000,
  log: (line) => console.log(line),
  logDir: new URL(`logs-${stamp}/`, folder).pathname,
});

const { memory, checks, labelLatencyMs, labelFailures, jobs, ...figures } = report;
console.table({
  ...figures,
  ...Object.fromEntries(Object.entries(labelLatencyMs).map(([k, v]) => [`label ${k} ms`, v])),
});
console.table(checks);
console.log('jobs by kind and state:', jobs);
if (Object.keys(labelFailures).length > 0) console.log('label failures by code:', labelFailures);
const first = memory.slice(0, 3);
const last = memory.slice(-3);
const mean = (samples: typeof memory, key: 'apiRssMiB' | 'workerRssMiB') =>
  samples.length ? Math.round(samples.reduce((sum, s) => sum + (s[key] ?? 0), 0) / samples.length) : 0;
console.log(
  `RSS (MiB) API ${mean(first, 'apiRssMiB')} → ${mean(last, 'apiRssMiB')} (max ${Math.max(...memory.map((s) => s.apiRssMiB))}), ` +
    `worker ${mean(first, 'workerRssMiB')} → ${mean(last, 'workerRssMiB')} (max ${Math.max(...memory.map((s) => s.workerRssMiB ?? 0))})`,
);
mkdirSync(folder, { recursive: true });
const file = new URL(`soak-${stamp}.json`, folder);
writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
console.log(`written to ${file.pathname}`);
const lost = checks.acknowledgedMissing + checks.historyInconsistencies + checks.incompleteModelVersions;
process.exit(lost === 0 ? 0 : 1);
