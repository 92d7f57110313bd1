import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { stopChild, WORKSPACE_ROOT } from './devstack';

export interface ServiceProcess {
  child: ChildProcess;
  stop: (signal?: NodeJS.Signals) => Promise<void>;
}

/**
 * Runs a service's real entry point (`services/<name>/src/main.ts`) as its own process, the way it runs
 * in production, and resolves once it logs that it is ready. Used where a test must not import
 * another service's code (module boundaries) or must kill it.
 */
export function spawnService(
  name: string,
  env: Record<string, string>,
  options: { echo?: boolean; entry?: string; signal?: AbortSignal } = {},
): Promise<ServiceProcess> {
  const child = spawnEntry(
    join('services', name, options.entry ?? 'src/main.ts'),
    { ...env, LOG_LEVEL: env.LOG_LEVEL ?? 'info' },
    options.signal,
  );
  const output: string[] = [];
  return new Promise((resolveStart, reject) => {
    const timer = setTimeout(() => fail(new Error(`${name} did not become ready within 60 s`)), 60_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${error.message}\n${output.join('\n')}`));
    };
    const record = (line: string) => {
      output.push(line);
      if (options.echo) process.stdout.write(`[${name}] ${line}\n`);
    };
    createInterface({ input: child.stderr! }).on('line', record);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      record(line);
      if (line.includes(`${name} service ready`)) {
        clearTimeout(timer);
        resolveStart({ child, stop: (signal) => stopChild(child, signal) });
      }
    });
    child.once('exit', (code, signal) => fail(new Error(`${name} exited with ${exitOf(code, signal)} before it was ready`)));
  });
}

/**
 * Runs a service's demo-data seed (`services/<name>/src/seed/main.ts`) to completion, asynchronously so
 * the caller's signal handlers keep running (Ctrl-C during a seed stops it); `signal` aborts it.
 */
export function runSeed(name: string, env: Record<string, string>, options: { echo?: boolean; signal?: AbortSignal } = {}): Promise<void> {
  const child = spawnEntry(join('services', name, 'src/seed/main.ts'), { LOG_LEVEL: 'warn', ...env }, options.signal);
  const output: string[] = [];
  const record = (line: string) => {
    output.push(line);
    if (options.echo) process.stdout.write(`[${name} seed] ${line}\n`);
  };
  createInterface({ input: child.stdout! }).on('line', record);
  createInterface({ input: child.stderr! }).on('line', record);
  return new Promise((resolveSeed, reject) => {
    child.once('exit', (code, signal) =>
      code === 0 ? resolveSeed() : reject(new Error(`seeding ${name} failed: exited with ${exitOf(code, signal)}\n${output.join('\n')}`)),
    );
  });
}

function spawnEntry(path: string, env: Record<string, string>, signal?: AbortSignal): ChildProcess {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(WORKSPACE_ROOT, path)], {
    cwd: WORKSPACE_ROOT,
    env: { ...process.env, ...env, SWC_NODE_PROJECT: join(WORKSPACE_ROOT, 'tsconfig.base.json') },
    stdio: ['ignore', 'pipe', 'pipe'],
    signal,
  });
  // An abort kills the child (SIGTERM) and is reported as its exit; the 'error' event only repeats it.
  child.on('error', () => undefined);
  return child;
}

const exitOf = (code: number | null, signal: NodeJS.Signals | null) => (code === null ? `signal ${signal}` : `code ${code}`);
