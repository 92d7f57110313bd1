import { createLogger, runMain } from '@conversations/service-kit';
import mongoose from 'mongoose';
import { loadMessagingConfig } from '../config';
import { seedMessagingDemo } from './seed';

/**
 * Demo numbers for the demo tenants, and (unless SEED_NUMBERS_ONLY=true) conversations with their first
 * contacts, read from the contacts service over NATS — so run it after contacts is up.
 */
runMain(async () => {
  const config = loadMessagingConfig();
  const logger = createLogger('messaging-seed', config.LOG_LEVEL);
  const connection = await mongoose
    .createConnection(config.MONGO_URL, { dbName: config.MONGO_DB, serverSelectionTimeoutMS: 5000 })
    .asPromise();
  try {
    const contacts = process.env.SEED_NUMBERS_ONLY === 'true' ? undefined : { natsUrl: config.NATS_URL, namespace: config.NATS_NAMESPACE };
    for (const summary of await seedMessagingDemo(connection, contacts)) logger.info(summary, 'seeded demo messaging');
  } finally {
    await connection.close();
  }
});
