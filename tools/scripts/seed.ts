/** `npm run seed`: demo data into the store at MONGO_URL, or into the local devstack's data folder. */
import { runSeed, startInfrastructure, WORKSPACE_ROOT } from '@conversations/testing';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

async function main(): Promise<void> {
  const dataDir = join(WORKSPACE_ROOT, '.devstack', 'data');
  mkdirSync(dataDir, { recursive: true });
  const infrastructure = process.env.MONGO_URL
    ? { mongoUrl: process.env.MONGO_URL, stop: async () => undefined }
    : await startInfrastructure({ dataDir });
  try {
    await runSeed('contacts', { MONGO_URL: infrastructure.mongoUrl, LOG_LEVEL: process.env.LOG_LEVEL ?? 'info' }, { echo: true });
  } finally {
    await infrastructure.stop();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
