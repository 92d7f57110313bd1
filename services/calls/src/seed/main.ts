import { createLogger, runMain } from '@conversations/service-kit';
import mongoose from 'mongoose';
import { loadCallsConfig } from '../config';
import { seedCallsDemo } from './seed';

/**
 * Demo call settings for the demo tenants and (unless SEED_SETTINGS_ONLY=true) a few hundred demo calls
 * with their contacts, numbers and team members read over NATS — so run it once contacts and messaging
 * are up (and messaging's numbers are seeded). Recordings point at SIMULATOR_URL's /recordings.
 */
runMain(async () => {
  const config = loadCallsConfig();
  const logger = createLogger('calls-seed', config.LOG_LEVEL);
  const connection = await mongoose
    .createConnection(config.MONGO_URL, { dbName: config.MONGO_DB, serverSelectionTimeoutMS: 5000 })
    .asPromise();
  try {
    const peers = process.env.SEED_SETTINGS_ONLY === 'true' ? undefined : { natsUrl: config.NATS_URL, namespace: config.NATS_NAMESPACE };
    for (const summary of await seedCallsDemo(connection, peers, config.SIMULATOR_URL)) logger.info(summary, 'seeded demo calls');
  } finally {
    await connection.close();
  }
});
