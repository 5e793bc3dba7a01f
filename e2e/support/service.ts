import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, readFileSync } from 'node:fs';

export type Service = {
  name: string;
  logPath: string;
  /** Set once the process has exited, with its exit code or signal. */
  exit: Promise<string>;
  stop: () => Promise<void>;
};

type ServiceOptions = {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  logPath: string;
};

/** Starts a process in its own process group, logging to a file, so `stop` ends it and its children. */
export function startService(options: ServiceOptions): Service {
  const log = createWriteStream(options.logPath);
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const exit = once(child, 'exit').then(([code, signal]) => `exited with ${signal ?? `code ${code}`}`);
  return { name: options.name, logPath: options.logPath, exit, stop: () => stopGroup(child, exit) };
}

async function stopGroup(child: ChildProcess, exit: Promise<string>): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  signalGroup(child.pid, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(child.pid ?? 0, 'SIGKILL'), 10_000);
  await exit;
  clearTimeout(timer);
  // Children that outlived the leader (a server forked by a wrapper) go too.
  signalGroup(child.pid, 'SIGKILL');
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    // ESRCH: the group is already gone, which is what we want.
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

export function logTail(service: Service, lines = 40): string {
  return readFileSync(service.logPath, 'utf8').split('\n').slice(-lines).join('\n');
}
