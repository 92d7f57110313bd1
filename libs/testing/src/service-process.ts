import { ChildProcess, spawn } from 'node:child_process';
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
export function spawnService(name: string, env: Record<string, string>, options: { echo?: boolean; entry?: string } = {}): Promise<ServiceProcess> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(WORKSPACE_ROOT, 'services', name, options.entry ?? 'src/main.ts')], {
    cwd: WORKSPACE_ROOT,
    env: { ...process.env, ...env, SWC_NODE_PROJECT: join(WORKSPACE_ROOT, 'tsconfig.base.json'), LOG_LEVEL: env.LOG_LEVEL ?? 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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
    child.once('exit', (code) => fail(new Error(`${name} exited with code ${code} before it was ready`)));
  });
}
