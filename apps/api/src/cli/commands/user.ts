import { isDataDirLocked } from '@loupe/db';
import type { Command } from 'commander';
import { createAppContext } from '../../app-context';
import { generatePassword } from '../../auth/passwords';
import type { Role } from '../../auth/roles';
import { createUser } from '../../auth/users';
import { loadSettings } from '../../env';
import { AppError } from '../../errors';
import { requestRunningApp } from '../graphql-client';
import { findRunningServer } from '../server-file';

const ROLES: readonly Role[] = ['ADMIN', 'DATA_SCIENTIST', 'ANNOTATOR', 'READER'];

type AddFlags = { role: string; name?: string; json?: boolean };

const CREATE_USER = /* GraphQL */ `
  mutation ($email: String!, $name: String!, $role: Role!, $password: String!) {
    createUser(email: $email, name: $name, role: $role, password: $password) { email role }
  }
`;

/** `loupe user add`: creates a user with a generated password and prints it (shown this once). */
export function registerUserCommand(program: Command) {
  const user = program.command('user').description('Manage the people who sign in to Loupe.');
  user
    .command('add <email>')
    .description('Create a user and print a generated password.')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--name <name>', 'the name shown in the app (default: the part of the email before @)')
    .option('--json', 'print the user and password as JSON')
    .action(async (email: string, flags: AddFlags) => {
      const role = flags.role.toUpperCase() as Role;
      if (!ROLES.includes(role))
        throw new AppError('BAD_INPUT', `--role must be one of ${ROLES.join(', ')}.`);
      const input = {
        email,
        name: flags.name ?? email.split('@')[0] ?? email,
        role,
        password: generatePassword(),
      };
      const created = await addUser(input);
      console.log(
        flags.json
          ? JSON.stringify({ ...created, password: input.password })
          : `Created ${created.email} (${created.role}). Password, shown this once: ${input.password}`,
      );
    });
}

async function addUser(input: { email: string; name: string; role: Role; password: string }) {
  const settings = loadSettings();
  if (!settings.databaseUrl && (await isDataDirLocked(settings.dataDir))) {
    // Embedded, the running app owns the database: ask it with the admin token it published.
    const server = await findRunningServer(settings.dataDir);
    if (!server) throw new AppError('DATA_DIR_LOCKED', `${settings.dataDir} is owned by another process.`);
    const data = await requestRunningApp<{ createUser: { email: string; role: Role } }>(
      server,
      CREATE_USER,
      input,
    );
    return data.createUser;
  }
  const app = await createAppContext({ ...settings, logLevel: 'warn' });
  try {
    const row = await createUser(app.database.db, input);
    return { email: row.email, role: row.role };
  } finally {
    await app.close();
  }
}
