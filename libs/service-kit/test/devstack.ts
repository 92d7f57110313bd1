import { randomBytes } from 'node:crypto';

/**
 * The jest run's devstack (libs/testing's global setup) and a name no other test run uses. Read here,
 * not through @conversations/testing, which depends on this library.
 */
export function testDevstack(): { mongoUrl: string; natsUrl: string; unique: (prefix: string) => string } {
  const mongoUrl = process.env.TEST_MONGO_URL;
  const natsUrl = process.env.TEST_NATS_URL;
  if (!mongoUrl || !natsUrl)
    throw new Error('TEST_MONGO_URL/TEST_NATS_URL missing: jest.config.js must use libs/testing jest-global-setup');
  return { mongoUrl, natsUrl, unique: (prefix) => `${prefix}-${randomBytes(4).toString('hex')}` };
}
