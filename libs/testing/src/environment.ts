import { randomBytes } from 'node:crypto';
import type { ServiceConfig } from '@conversations/service-kit';

/** A random suffix that keeps one test file's tenants, databases and subjects apart from every other. */
export function uniqueId(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

/** Service configuration pointing at the test run's devstack, isolated by namespace. */
export function testServiceConfig(overrides: Partial<ServiceConfig> = {}): ServiceConfig {
  const mongoUrl = process.env.TEST_MONGO_URL;
  const natsUrl = process.env.TEST_NATS_URL;
  if (!mongoUrl || !natsUrl) throw new Error('TEST_MONGO_URL/TEST_NATS_URL missing: add libs/testing jest-global-setup to this project');
  return {
    NODE_ENV: 'test',
    NATS_URL: natsUrl,
    NATS_NAMESPACE: uniqueId('t'),
    MONGO_URL: mongoUrl,
    HEALTH_PORT: 0,
    HTTP_HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    ...overrides,
  };
}
