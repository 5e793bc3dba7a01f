import type { SimulationSummary } from './summarize-simulations';

const percent = (value: number) => `${(value * 100).toFixed(1)} %`;

/** The summary as a plain-text table: labels each strategy needs to reach the target, and the ratio. */
export function formatSummaryTable(summary: SimulationSummary): string {
  const header = ['strategy', 'labels to target', 'per seed', `÷ ${summary.baseline}`, 'final accuracy'];
  const rows = summary.strategies.map((s) => {
    const last = s.curve.at(-1);
    return [
      s.strategy,
      s.labelsToTarget === null ? 'not reached' : String(Math.round(s.labelsToTarget)),
      s.labelsToTargetBySeed
        .map((seed) => (seed.labels === null ? '–' : Math.round(seed.labels)))
        .join(' / '),
      s.ratioToBaseline === null ? '–' : s.ratioToBaseline.toFixed(2),
      last ? `${percent(last.accuracy)} at ${last.labels}` : '–',
    ];
  });
  const widths = header.map((title, c) =>
    Math.max(title.length, ...rows.map((row) => (row[c] as string).length)),
  );
  const line = (row: readonly string[]) =>
    row
      .map((cell, c) => cell.padEnd(widths[c] as number))
      .join('  ')
      .trimEnd();
  const full = `full data: ${percent(summary.fullDataAccuracy)} (top-2 ${percent(summary.fullDataTop2Accuracy)}), mean of ${summary.fullData.length} seed${summary.fullData.length === 1 ? '' : 's'}`;
  const target = `target: ${Math.round(summary.targetShare * 100)} % of it = ${percent(summary.targetAccuracy)}`;
  return [full, target, '', line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join(
    '\n',
  );
}
