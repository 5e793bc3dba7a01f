import { Command } from 'commander';
import { SettingsError } from '../env';
import { AppError } from '../errors';
import { registerCropStudiesCommand } from './commands/crop-studies';
import { registerExportCommand } from './commands/export';
import { registerExportModelCommand } from './commands/export-model';
import { registerImportCommand } from './commands/import';
import { registerRetrainCommand } from './commands/retrain';
import { registerServeCommand } from './commands/serve';
import { registerSimulateCommand } from './commands/simulate';
import { registerUserCommand } from './commands/user';
import { registerWorkerCommand } from './commands/worker';

const program = new Command('loupe')
  .description('Curate medical image datasets and label them with a model in the loop.')
  .showHelpAfterError();
registerServeCommand(program);
registerImportCommand(program);
registerRetrainCommand(program);
registerWorkerCommand(program);
registerExportCommand(program);
registerExportModelCommand(program);
registerCropStudiesCommand(program);
registerSimulateCommand(program);
registerUserCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (
    error instanceof AppError ||
    error instanceof SettingsError ||
    (error as { code?: string }).code === 'DATA_DIR_LOCKED'
  ) {
    console.error(`loupe: ${error instanceof AppError ? error.userMessage : (error as Error).message}`);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
}
