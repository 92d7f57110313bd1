import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

export const WORKSPACE_ROOT = resolve(__dirname, '../../..');

export interface Infrastructure {
  mongoUrl: string;
  natsUrl: string;
  stop: () => Promise<void>;
}

/** Builds tools/devstack if its source changed (cached) and returns the binary's path. */
export function buildDevstack(): string {
  const output = execFileSync('bash', [join(WORKSPACE_ROOT, 'tools/devstack/build.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return output.trim().split('\n').pop() as string;
}

/**
 * The store and NATS for tests and local runs: `MONGO_URL` / `NATS_URL` when set (real MongoDB, a
 * NATS cluster), otherwise the devstack (embedded FerretDB on a private PostgreSQL — or SQLite with
 * `DEVSTACK_STORE=sqlite`; the machine's NATS on 4222, or embedded). Without a `dataDir` the store is
 * temporary, so its PostgreSQL runs without fsync.
 */
export async function startInfrastructure(options: { dataDir?: string; mongoPort?: number } = {}): Promise<Infrastructure> {
  if (process.env.MONGO_URL && process.env.NATS_URL) {
    return { mongoUrl: process.env.MONGO_URL, natsUrl: process.env.NATS_URL, stop: async () => undefined };
  }
  const binary = buildDevstack();
  const temporaryDir = options.dataDir ? undefined : mkdtempSync(join(tmpdir(), 'devstack-'));
  const child = spawn(
    binary,
    [
      '--data-dir',
      options.dataDir ?? (temporaryDir as string),
      '--mongo-port',
      String(options.mongoPort ?? 0),
      '--exit-on-stdin-close',
      ...(temporaryDir ? ['--ephemeral'] : []),
    ],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
      env: process.env,
    },
  );
  const ready = await readReadyLine(child);
  return {
    mongoUrl: ready.mongoUrl,
    natsUrl: ready.natsUrl,
    stop: async () => {
      await stopChild(child);
      if (temporaryDir) rmSync(temporaryDir, { recursive: true, force: true });
    },
  };
}

function readReadyLine(child: ChildProcess): Promise<{ mongoUrl: string; natsUrl: string }> {
  return new Promise((resolveReady, reject) => {
    const timer = setTimeout(() => reject(new Error('devstack did not become ready within 60 s')), 60_000);
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      if (!line.startsWith('DEVSTACK_READY ')) return;
      clearTimeout(timer);
      resolveReady(JSON.parse(line.slice('DEVSTACK_READY '.length)));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`devstack exited with code ${code} before it was ready`));
    });
  });
}

export function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveStop) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolveStop();
    });
    child.kill(signal);
  });
}

/**
 * A NATS server with JetStream of its own (the devstack with no store), on a fixed port and data
 * folder, so a test can stop it and start it again in place — as a NATS restart in production.
 */
export async function startEmbeddedNats(options: { dataDir: string; port: number }): Promise<Infrastructure> {
  const env: NodeJS.ProcessEnv = { ...process.env, MONGO_URL: 'mongodb://store.not.started/' };
  delete env.NATS_URL;
  const child = spawn(
    buildDevstack(),
    ['--data-dir', options.dataDir, '--embed-nats', '--nats-port', String(options.port), '--exit-on-stdin-close'],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
      env,
    },
  );
  const ready = await readReadyLine(child);
  if (!ready.natsUrl.endsWith(`:${options.port}`)) throw new Error(`embedded NATS took ${ready.natsUrl}, not port ${options.port}`);
  return { mongoUrl: '', natsUrl: ready.natsUrl, stop: () => stopChild(child) };
}
