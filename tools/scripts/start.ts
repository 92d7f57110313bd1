/**
 * `npm start`: the whole product on embedded defaults — devstack (FerretDB + NATS), demo data, every
 * service — then prints where to go. Ctrl-C stops everything.
 */
import { isPortFree, runSeed, spawnService, startInfrastructure, WORKSPACE_ROOT, type ServiceProcess } from '@conversations/testing';
import { buildFrontends, serveFrontends } from '@conversations/static-server';
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
    // SMS, WhatsApp and calls through the local carrier simulator, which speaks Plivo's API and signs webhooks like Plivo.
    CARRIER: process.env.CARRIER ?? 'simulator',
    SIMULATOR_PORT: process.env.SIMULATOR_PORT ?? '4010',
    SIMULATOR_URL: `http://127.0.0.1:${process.env.SIMULATOR_PORT ?? '4010'}`,
    PLIVO_AUTH_ID: process.env.PLIVO_AUTH_ID ?? 'MASIMULATOR',
    PLIVO_AUTH_TOKEN: process.env.PLIVO_AUTH_TOKEN ?? 'simulator-auth-token',
    PUBLIC_WEBHOOK_BASE_URL: process.env.PUBLIC_WEBHOOK_BASE_URL ?? `http://127.0.0.1:${gatewayPort}`,
    INBOUND_WEBHOOK_URL: `${process.env.PUBLIC_WEBHOOK_BASE_URL ?? `http://127.0.0.1:${gatewayPort}`}/api/v1/webhooks/plivo/inbound`,
  };
  const running: ServiceProcess[] = [];
  // Ctrl-C at any moment — during a seed, while a service starts, or once all runs — stops everything
  // started so far: the abort kills a seed or a starting service, then the rest stop in order.
  const starting = new AbortController();
  let stopping: Promise<void> | undefined;
  const stopAll = () => {
    starting.abort();
    stopping ??= Promise.all(running.map((service) => service.stop())).then(() => infrastructure.stop());
    return stopping;
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stopAll().then(() => process.exit(0)));
  const options = { echo: true, signal: starting.signal };
  try {
    // Each service seeds its own demo data; the later seeds name demo contacts (and numbers), which they
    // ask the services already running for.
    await runSeed('contacts', env, options);
    running.push(await spawnService('contacts', env, options));
    await runSeed('appointments', env, options);
    running.push(await spawnService('appointments', env, options));
    if (env.CARRIER === 'simulator') running.push(await spawnService('carrier-simulator', env, options));
    await runSeed('messaging', env, options);
    running.push(await spawnService('messaging', env, options));
    await runSeed('calls', env, options);
    running.push(await spawnService('calls', env, options));
    running.push(await spawnService('gateway', env, options));
  } catch (error) {
    if (starting.signal.aborted) return; // stopped by a signal: its handler exits
    await stopAll();
    throw error;
  }
  if (starting.signal.aborted) return;
  const api = `http://127.0.0.1:${gatewayPort}`;
  // The shell and the three panels, each built on its own and served from its own port (F35).
  buildFrontends({ log: (line) => process.stdout.write(`[frontends] ${line}\n`) });
  const frontends = await serveFrontends({
    apiBaseUrl: api,
    ports: { shell: Number(process.env.SHELL_PORT ?? 4200), inbox: 4201, conversation: 4202, 'contact-details': 4203, 'embed-demo': 4204 },
  });
  process.stdout.write(
    [
      '',
      'Conversations is running:',
      `  Open         ${frontends.shellUrl}   (panels: ${Object.values(frontends.remotes)
        .map((entry) => new URL(entry).port)
        .join(', ')})`,
      `  Embed demo   ${frontends.embedDemoUrl}`,
      `  API          ${api}/api/v1`,
      `  API docs     ${api}/api/docs`,
      `  Live events  ${api}/api/v1/events`,
      ...(env.CARRIER === 'simulator'
        ? [
            `  Carrier      simulator at ${env.SIMULATOR_URL}; text the inbox: npm run simulate:inbound -- --from +13125550199 --to +14155550100 --text "Hi"`,
            `               call the inbox: npm run simulate:inbound -- --from +13125550199 --call`,
          ]
        : []),
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
