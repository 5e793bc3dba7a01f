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
  /** Data rows of the manifest sent with every batch; null without one. */
  manifestRows: number | null;
};

/**
 * Every batch carries the whole manifest, and the API counts the rows naming no file of that batch. A row
 * is matched in at most one batch (its file is sent once), so with R rows and B batches the rows no batch
 * matched are Σ rowsWithoutFile − (B − 1)·R. It can be no more than any one batch's count.
 */
export function rowsWithoutFile(reports: readonly BatchReport[], manifestRows: number | null): number | null {
  if (manifestRows === null || reports.length === 0) return null;
  const counts = reports.map((report) => report.manifestRowsWithoutFile);
  const total = counts.reduce((sum, count) => sum + count, 0);
  return Math.min(Math.max(0, total - (reports.length - 1) * manifestRows), ...counts);
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
  manifestRows,
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
    manifestRowsWithoutFile: rowsWithoutFile(reports, manifestRows),
    durationMs: sum((report) => report.durationMs),
  };
}
