/** `npm run seed`: demo data into the store at MONGO_URL, or into the local devstack's data folder. */
import { startInfrastructure, WORKSPACE_ROOT } from '@conversations/testing';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

async function main(): Promise<void> {
  const dataDir = join(WORKSPACE_ROOT, '.devstack', 'data');
  mkdirSync(dataDir, { recursive: true });
  const infrastructure = process.env.MONGO_URL
    ? { mongoUrl: process.env.MONGO_URL, stop: async () => undefined }
    : await startInfrastructure({ dataDir });
  try {
    const result = spawnSync(process.execPath, ['-r', '@swc-node/register', 'services/contacts/src/seed/main.ts'], {
      cwd: WORKSPACE_ROOT,
      env: { ...process.env, MONGO_URL: infrastructure.mongoUrl },
      stdio: 'inherit',
    });
    if (result.status !== 0) process.exitCode = 1;
  } finally {
    await infrastructure.stop();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
