import type { Command } from 'commander';
import { createAppContext } from '../../app-context';
import { loadSettings } from '../../env';
import { AppError } from '../../errors';
import { attachJobs } from '../../jobs/attach-jobs';

export function registerWorkerCommand(program: Command) {
  program
    .command('worker')
    .description('Take embedding and training jobs from the queue in DATABASE_URL (run as many as you like).')
    .action(async () => {
      const settings = loadSettings();
      if (!settings.databaseUrl) {
        throw new AppError(
          'BAD_INPUT',
          'loupe worker needs DATABASE_URL; the embedded app runs its own worker.',
        );
      }
      const app = await createAppContext(settings);
      const jobs = await attachJobs(app, { runWorker: true });
      app.logger.info('worker ready');
      const stop = async () => {
        setTimeout(() => process.exit(1), 15_000).unref();
        await jobs.stop();
        await app.close();
        process.exit(0);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
}
