#!/usr/bin/env node
// `npm test`: every workspace's tests one after the other (they are heavy and this machine is small),
// then one closing line with the totals. Set LOUPE_TEST_POSTGRES_URL to run the database tests against
// a PostgreSQL server as well as the embedded PGlite.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const only = process.argv.slice(2);
const suites = [
  { name: 'packages/db', runner: 'vitest' },
  { name: 'packages/ml', runner: 'vitest' },
  { name: 'apps/api', runner: 'vitest' },
  { name: 'apps/web', runner: 'vitest' },
  { name: 'e2e', runner: 'playwright' },
].filter((suite) => only.length === 0 || only.includes(suite.name));

const reports = mkdtempSync(join(tmpdir(), 'loupe-test-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
const failedSuites = [];

for (const suite of suites) {
  const cwd = join(root, suite.name);
  const report = join(reports, `${suite.name.replace('/', '-')}.json`);
  console.log(`\n=== ${suite.name} ===`);
  const result =
    suite.runner === 'vitest'
      ? spawnSync(
          'npx',
          [
            'vitest',
            'run',
            '--passWithNoTests',
            '--reporter=default',
            '--reporter=json',
            `--outputFile.json=${report}`,
          ],
          {
            cwd,
            stdio: 'inherit',
          },
        )
      : spawnSync('npx', ['playwright', 'test', '--reporter=list,json'], {
          cwd,
          stdio: 'inherit',
          env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: report },
        });
  const counts = existsSync(report)
    ? countResults(suite.runner, JSON.parse(readFileSync(report, 'utf8')))
    : undefined;
  if (counts) {
    totals.passed += counts.passed;
    totals.failed += counts.failed;
    totals.skipped += counts.skipped;
  }
  if (result.status !== 0 || !counts) {
    failedSuites.push(suite.name);
    if (!counts || counts.failed === 0) totals.failed += 1;
  }
}

function countResults(runner, json) {
  if (runner === 'vitest') {
    return {
      passed: json.numPassedTests,
      failed: json.numFailedTests,
      skipped: json.numPendingTests + json.numTodoTests,
    };
  }
  const stats = json.stats ?? {};
  return {
    passed: stats.expected ?? 0,
    failed: (stats.unexpected ?? 0) + (stats.flaky ?? 0),
    skipped: stats.skipped ?? 0,
  };
}

console.log(failedSuites.length ? `\nFailing suites: ${failedSuites.join(', ')}` : '\nAll suites passed.');
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedSuites.length ? 1 : 0);
