import { createLogger, runMain } from '@conversations/service-kit';
import mongoose from 'mongoose';
import { loadContactsConfig } from '../config';
import { seedDemoData } from './seed';

/** `npm run seed`: demo tenants, team members, catalogues and contacts in the contacts database. */
runMain(async () => {
  const config = loadContactsConfig();
  const logger = createLogger('seed', config.LOG_LEVEL);
  const connection = await mongoose
    .createConnection(config.MONGO_URL, { dbName: config.MONGO_DB, serverSelectionTimeoutMS: 5000 })
    .asPromise();
  try {
    for (const summary of await seedDemoData(connection)) logger.info(summary, 'seeded demo tenant');
  } finally {
    await connection.close();
  }
});
