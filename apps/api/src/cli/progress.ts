import cliProgress from 'cli-progress';
import type { ImportProgress } from '../operations/import-folder';

/** A progress bar on a terminal; plain lines (every 5 %) otherwise; nothing with --json. */
export function createProgressReporter(options: { quiet: boolean }) {
  const isTerminal = Boolean(process.stderr.isTTY);
  let bar: cliProgress.SingleBar | undefined;
  let lastPercent = -1;
  return {
    update: (progress: ImportProgress) => {
      if (options.quiet) return;
      if (isTerminal) {
        if (!bar) {
          bar = new cliProgress.SingleBar(
            { format: 'importing [{bar}] {percentage}% {value}/{total} {file}', stream: process.stderr },
            cliProgress.Presets.shades_classic,
          );
          bar.start(progress.total, 0, { file: '' });
        }
        bar.update(progress.done, { file: progress.file });
        return;
      }
      const percent = Math.floor((progress.done / Math.max(progress.total, 1)) * 20) * 5;
      if (percent !== lastPercent) {
        lastPercent = percent;
        process.stderr.write(`importing: ${progress.done}/${progress.total} (${percent}%)\n`);
      }
    },
    stop: () => bar?.stop(),
  };
}
