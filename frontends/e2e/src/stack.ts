import { buildFrontends, serveFrontends, type RunningFrontends } from '@conversations/static-server';
import { freePort, spawnService, testServiceConfig, uniqueId, WORKSPACE_ROOT, type ServiceProcess } from '@conversations/testing';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

export interface Stack {
  apiBaseUrl: string;
  frontends: RunningFrontends;
  stop: () => Promise<void>;
}

/**
 * The product as `npm start` runs it, isolated for one test file: the contacts service and the gateway
 * as real processes on the test run's devstack (own database, own NATS namespace), the demo data seeded,
 * and the built shell and remotes each on its own loopback port.
 */
/** Services beyond contacts + gateway that a run may add (each seeded with its demo data once contacts is up). */
export type OptionalService = 'messaging' | 'appointments';

export async function startStack(options: { services?: OptionalService[] } = {}): Promise<Stack> {
  buildFrontends({ log: (line) => process.stdout.write(`${line}\n`) });
  const base = testServiceConfig();
  const database = uniqueId('e2e_contacts');
  const shared = { MONGO_URL: base.MONGO_URL, NATS_URL: base.NATS_URL, NATS_NAMESPACE: base.NATS_NAMESPACE };
  const seed = spawnSync(process.execPath, ['-r', '@swc-node/register', join(WORKSPACE_ROOT, 'services/contacts/src/seed/main.ts')], {
    cwd: WORKSPACE_ROOT,
    env: { ...process.env, ...shared, MONGO_DB: database, SWC_NODE_PROJECT: join(WORKSPACE_ROOT, 'tsconfig.base.json') },
    encoding: 'utf8',
  });
  if (seed.status !== 0) throw new Error(`seeding failed:\n${seed.stderr}${seed.stdout}`);
  const running: ServiceProcess[] = [];
  let frontends: RunningFrontends | undefined;
  const stop = async () => {
    await frontends?.close();
    await Promise.all(running.map((service) => service.stop()));
  };
  try {
    running.push(await spawnService('contacts', { ...shared, MONGO_DB: database }, { echo: !!process.env.ECHO_SERVICES }));
    for (const service of options.services ?? []) {
      const serviceEnv = { ...shared, MONGO_DB: uniqueId(`e2e_${service}`) };
      const serviceSeed = spawnSync(process.execPath, ['-r', '@swc-node/register', join(WORKSPACE_ROOT, `services/${service}/src/seed/main.ts`)], {
        cwd: WORKSPACE_ROOT,
        env: { ...process.env, ...serviceEnv, SWC_NODE_PROJECT: join(WORKSPACE_ROOT, 'tsconfig.base.json') },
        encoding: 'utf8',
      });
      if (serviceSeed.status !== 0) throw new Error(`seeding ${service} failed:\n${serviceSeed.stderr}${serviceSeed.stdout}`);
      running.push(await spawnService(service, serviceEnv, { echo: !!process.env.ECHO_SERVICES }));
    }
    const port = await freePort();
    running.push(
      await spawnService(
        'gateway',
        { ...shared, NODE_ENV: 'test', GATEWAY_PORT: String(port), HTTP_HOST: '127.0.0.1', JWT_SECRET: randomBytes(32).toString('hex'), RATE_LIMIT_PER_MINUTE: '100000' },
        { echo: !!process.env.ECHO_SERVICES },
      ),
    );
    const apiBaseUrl = `http://127.0.0.1:${port}`;
    frontends = await serveFrontends({ apiBaseUrl });
    return { apiBaseUrl, frontends, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
