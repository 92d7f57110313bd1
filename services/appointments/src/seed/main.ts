import { createLogger, NamespacedNatsClient, runMain } from '@conversations/service-kit';
import mongoose from 'mongoose';
import { loadAppointmentsConfig } from '../config';
import { seedDemoData } from './seed';

/** Demo calendars and appointments for the demo tenants; needs the contacts service running (it names the contacts). */
runMain(async () => {
  const config = loadAppointmentsConfig();
  const logger = createLogger('seed', config.LOG_LEVEL);
  const connection = await mongoose
    .createConnection(config.MONGO_URL, { dbName: config.MONGO_DB, serverSelectionTimeoutMS: 5000 })
    .asPromise();
  const contacts = new NamespacedNatsClient({
    servers: config.NATS_URL.split(','),
    namespace: config.NATS_NAMESPACE,
    name: 'appointments-seed',
  });
  try {
    await contacts.connect();
    for (const summary of await seedDemoData(connection, contacts)) logger.info(summary, 'seeded demo calendars and appointments');
  } finally {
    await contacts.close();
    await connection.close();
  }
});
