import { startInfrastructure } from './devstack';

/** jest globalSetup: one devstack per jest run, its URLs handed to every test file through env. */
export default async function globalSetup(): Promise<void> {
  const infrastructure = await startInfrastructure();
  process.env.TEST_MONGO_URL = infrastructure.mongoUrl;
  process.env.TEST_NATS_URL = infrastructure.natsUrl;
  (globalThis as { __INFRASTRUCTURE__?: typeof infrastructure }).__INFRASTRUCTURE__ = infrastructure;
}
