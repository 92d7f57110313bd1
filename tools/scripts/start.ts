/**
 * `npm start`: the whole product on embedded defaults — devstack (FerretDB + NATS), demo data, every
 * service — then prints where to go. Ctrl-C stops everything.
 */
import { isPortFree, spawnService, startInfrastructure, WORKSPACE_ROOT, type ServiceProcess } from '@conversations/testing';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const DATA_DIR = join(WORKSPACE_ROOT, '.devstack');

async function main(): Promise<void> {
  mkdirSync(join(DATA_DIR, 'data'), { recursive: true });
  const infrastructure = await startInfrastructure({ dataDir: join(DATA_DIR, 'data'), mongoPort: (await isPortFree(27017)) ? 27017 : 0 });
  const gatewayPort = process.env.GATEWAY_PORT ?? '3000';
  const env = {
    MONGO_URL: infrastructure.mongoUrl,
    NATS_URL: infrastructure.natsUrl,
    NATS_NAMESPACE: process.env.NATS_NAMESPACE ?? '',
    JWT_SECRET: process.env.JWT_SECRET ?? localJwtSecret(),
    GATEWAY_PORT: gatewayPort,
    NODE_ENV: process.env.NODE_ENV ?? 'development',
  };
  const running: ServiceProcess[] = [];
  const stopAll = async () => {
    await Promise.all(running.map((service) => service.stop()));
    await infrastructure.stop();
  };
  process.on('SIGINT', () => void stopAll().then(() => process.exit(0)));
  process.on('SIGTERM', () => void stopAll().then(() => process.exit(0)));
  try {
    const seed = spawnSync(process.execPath, ['-r', '@swc-node/register', 'services/contacts/src/seed/main.ts'], {
      cwd: WORKSPACE_ROOT,
      env: { ...process.env, ...env },
      stdio: 'inherit',
    });
    if (seed.status !== 0) throw new Error('seeding demo data failed');
    running.push(await spawnService('contacts', env, { echo: true }));
    running.push(await spawnService('gateway', env, { echo: true }));
  } catch (error) {
    await stopAll();
    throw error;
  }
  const api = `http://127.0.0.1:${gatewayPort}`;
  process.stdout.write(
    [
      '',
      'Conversations is running:',
      `  API          ${api}/api/v1`,
      `  API docs     ${api}/api/docs`,
      `  Live events  ${api}/api/v1/events`,
      `  Store        ${infrastructure.mongoUrl}`,
      `  NATS         ${infrastructure.natsUrl}`,
      '',
      'Demo users: tenant "acme" (u-ana, u-ben, u-chloe), tenant "globex" (u-dmitri, u-eva). Get a token:',
      `  curl -s -X POST ${api}/api/v1/dev/token -H 'content-type: application/json' -d '{"tenantId":"acme","userId":"u-ana"}'`,
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
}

/** A per-checkout secret so local tokens survive restarts without a secret in the repository. */
function localJwtSecret(): string {
  const file = join(DATA_DIR, 'jwt-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
