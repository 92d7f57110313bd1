/**
 * `npm run seed`: every service's demo data — the seeds `npm start` runs — into the store and NATS at
 * MONGO_URL and NATS_URL, or into the local devstack's data folder. The services a later seed reads from
 * run only while it seeds (messaging without its send worker: seeding sends nothing).
 */
import { startInfrastructure, type ServiceProcess } from '@conversations/testing';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_DATA_DIR, demoEnvironment, seedAll } from './demo-stack';

async function main(): Promise<void> {
  const dataDir = join(DEMO_DATA_DIR, 'data');
  mkdirSync(dataDir, { recursive: true });
  const infrastructure = await startInfrastructure({ dataDir });
  const env = { ...demoEnvironment(infrastructure), LOG_LEVEL: process.env.LOG_LEVEL ?? 'info', SEND_WORKER: 'off' };
  const running: ServiceProcess[] = [];
  try {
    await seedAll(env, { start: 'seed-peers', echo: true }, running);
  } finally {
    await Promise.all(running.map((service) => service.stop()));
    await infrastructure.stop();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
