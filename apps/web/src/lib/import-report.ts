import type { LocalSkip } from './import-selection';

export type ImportFailureItem = { file: string; line: number | null; code: string; message: string };

/** What the API reported for one batch (one `importFiles` request). */
export type BatchReport = {
  imported: number;
  alreadyPresent: number;
  failed: number;
  failures: ImportFailureItem[];
  skipped: LocalSkip[];
  manifestRowsWithoutFile: number;
  manifestRowsMatched: number;
  durationMs: number;
};

/** One import, all its batches together, with what the browser itself left out. */
export type ImportSummary = {
  imported: number;
  alreadyPresent: number;
  failed: number;
  failures: ImportFailureItem[];
  skipped: LocalSkip[];
  /** Manifest rows naming a file that no batch uploaded; null without a manifest or a batch report. */
  manifestRowsWithoutFile: number | null;
  durationMs: number;
};

type SummaryInput = {
  reports: readonly BatchReport[];
  localSkipped?: readonly LocalSkip[];
  /** Files the browser did not send (too large to forward), as failures. */
  localFailures?: readonly ImportFailureItem[];
  /** Whether every batch carried a manifest. */
  hasManifest: boolean;
};

/**
 * Every batch carries the whole manifest, and each row names a file sent in at most one batch: the rows no
 * batch matched are the manifest's rows (any batch's matched + without file) less the sum of matched.
 */
export function rowsWithoutFile(reports: readonly BatchReport[], hasManifest: boolean): number | null {
  const [first] = reports;
  if (!hasManifest || !first) return null;
  const rows = first.manifestRowsMatched + first.manifestRowsWithoutFile;
  const matched = reports.reduce((sum, report) => sum + report.manifestRowsMatched, 0);
  return Math.max(0, rows - matched);
}

/**
 * A bad manifest row fails in every batch (each carries the manifest): it is reported, and counted, once.
 * Failures of a file come from the one batch that carried it.
 */
function distinctFailures(failures: readonly ImportFailureItem[]): ImportFailureItem[] {
  const seen = new Set<string>();
  return failures.filter((failure) => {
    if (failure.line === null) return true;
    const key = JSON.stringify([failure.file, failure.line, failure.code, failure.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Adds up the batches' reports; failures and skipped files keep the order the batches were sent in. */
export function summarizeImport({
  reports,
  localSkipped = [],
  localFailures = [],
  hasManifest,
}: SummaryInput): ImportSummary {
  const sum = (pick: (report: BatchReport) => number) =>
    reports.reduce((total, report) => total + pick(report), 0);
  const reported = reports.flatMap((report) => report.failures);
  const failures = distinctFailures(reported);
  return {
    imported: sum((report) => report.imported),
    alreadyPresent: sum((report) => report.alreadyPresent),
    failed: sum((report) => report.failed) - (reported.length - failures.length) + localFailures.length,
    failures: [...localFailures, ...failures],
    skipped: [...localSkipped, ...reports.flatMap((report) => report.skipped)],
    manifestRowsWithoutFile: rowsWithoutFile(reports, hasManifest),
    durationMs: sum((report) => report.durationMs),
  };
}
