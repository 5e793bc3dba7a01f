import type { Command } from 'commander';
import { createAppContext } from '../../app-context';
import { ensureAdminUser, issueLocalCliToken } from '../../auth/api-tokens';
import { ensureFirstAdminPassword, FIRST_ADMIN_EMAIL } from '../../auth/first-admin-password';
import { loadSettings } from '../../env';
import { attachJobs, holdJobsUntilAttached } from '../../jobs/attach-jobs';
import { seedDemoDataset } from '../../operations/seed-demo-dataset';
import { startServer } from '../../server';
import { publishServer, unpublishServer } from '../server-file';

export function registerServeCommand(program: Command) {
  program
    .command('serve')
    .description('Serve the GraphQL API and image routes; embedded, also run the background jobs.')
    .option('--port <port>', 'port to listen on (default LOUPE_API_PORT or 4000)')
    .option('--with-worker', 'in server mode, also take jobs in this process (embedded mode always does)')
    .option('--json', 'print a machine-readable line once serving')
    .action(async (options: { port?: string; json?: boolean; withWorker?: boolean }) => {
      const settings = loadSettings(process.env, options.port ? { apiPort: Number(options.port) } : {});
      const app = await createAppContext(settings);
      const adminId = await ensureAdminUser(app.database.db);
      const adminPasswordFile = await ensureFirstAdminPassword(app.database.db, settings.dataDir);
      // The path only: the password itself never reaches a log.
      if (adminPasswordFile)
        app.logger.info(
          { user: FIRST_ADMIN_EMAIL, file: adminPasswordFile },
          'generated a password for the first administrator',
        );
      const seeded = await seedDemoDataset(app, { images: settings.demoImages });
      if (seeded)
        app.logger.info({ dataset: seeded.datasetName, images: seeded.imported }, 'seeded the demo dataset');
      const isEmbedded = !settings.databaseUrl;
      // The queue is attached once the server is up; what asks for a job before then waits for it.
      const jobsAttached = holdJobsUntilAttached(app);
      const server = await startServer(app, { port: settings.apiPort, host: settings.host });
      if (isEmbedded)
        await publishServer(settings.dataDir, server.url, await issueLocalCliToken(app.database.db, adminId));
      const summary = {
        graphql: `${server.url}/graphql`,
        database: app.database.kind,
        dataDir: settings.dataDir,
        ...(adminPasswordFile ? { adminPasswordFile } : {}),
      };
      console.log(
        options.json
          ? JSON.stringify(summary)
          : `Loupe API ready at ${summary.graphql} (${summary.database})`,
      );
      if (adminPasswordFile && !options.json)
        console.log(`Sign in as ${FIRST_ADMIN_EMAIL} with the password in ${adminPasswordFile}`);
      const jobs = await jobsAttached(
        attachJobs(app, { runWorker: isEmbedded || Boolean(options.withWorker) }),
      );
      if (seeded)
        await app.jobs?.enqueue('retrain', { datasetId: seeded.datasetId, reason: 'demo dataset created' });
      let stopping = false;
      const stop = async () => {
        if (stopping) return;
        stopping = true;
        setTimeout(() => process.exit(1), 15_000).unref();
        if (isEmbedded) await unpublishServer(settings.dataDir);
        await server.close().catch(() => undefined);
        await jobs.stop().catch(() => undefined);
        await app.close();
        process.exit(0);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
}
