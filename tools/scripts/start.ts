/**
 * `npm start`: the whole product on embedded defaults — devstack (FerretDB + NATS), demo data, every
 * service — then prints where to go. Ctrl-C stops everything.
 */
import { isPortFree, startInfrastructure, type ServiceProcess } from '@conversations/testing';
import { buildFrontends, serveFrontends } from '@conversations/static-server';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_PASSWORD, SHELL_CLIENT_ID, startDemoIdentity, type IdentityProvider } from '@conversations/identity';
import { DEMO_DATA_DIR, DEMO_IDENTITY_ISSUER, DEMO_IDENTITY_PORT, demoEnvironment, seedAll } from './demo-stack';

async function main(): Promise<void> {
  mkdirSync(join(DEMO_DATA_DIR, 'data'), { recursive: true });
  const infrastructure = await startInfrastructure({
    dataDir: join(DEMO_DATA_DIR, 'data'),
    mongoPort: (await isPortFree(27017)) ? 27017 : 0,
  });
  const env = demoEnvironment(infrastructure);
  const gatewayPort = env.GATEWAY_PORT;
  const shellPort = Number(process.env.SHELL_PORT ?? 4200);
  const running: ServiceProcess[] = [];
  let identity: IdentityProvider | undefined;
  // Ctrl-C at any moment — during a seed, while a service starts, or once all runs — stops everything
  // started so far: the abort kills a seed or a starting service, then the rest stop in order.
  const starting = new AbortController();
  let stopping: Promise<void> | undefined;
  const stopAll = () => {
    starting.abort();
    stopping ??= Promise.all([...running.map((service) => service.stop()), identity?.stop()]).then(() => infrastructure.stop());
    return stopping;
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stopAll().then(() => process.exit(0)));
  try {
    // The sign-in page of the demo: a real OpenID provider on loopback, keys kept in .devstack.
    identity = await startDemoIdentity({
      port: DEMO_IDENTITY_PORT,
      shellOrigins: [`http://127.0.0.1:${shellPort}`, `http://localhost:${shellPort}`],
      keysFile: join(DEMO_DATA_DIR, 'identity-jwks.json'),
      logLevel: 'warn',
    });
    await seedAll(env, { start: 'all', echo: true, signal: starting.signal }, running);
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
    ports: { shell: shellPort, inbox: 4201, conversation: 4202, 'contact-details': 4203, 'embed-demo': 4204 },
    signIn: { auth: { issuer: DEMO_IDENTITY_ISSUER, clientId: SHELL_CLIENT_ID }, devSignIn: env.NODE_ENV !== 'production' },
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
      `  Sign-in      ${DEMO_IDENTITY_ISSUER} (OpenID Connect): ana@acme.test (admin of Acme, agent of Globex), ben@acme.test,`,
      `               chloe@acme.test, dmitri@globex.test, eva@globex.test — password "${DEMO_PASSWORD}"`,
      '',
      'Demo users: tenant "acme" (u-ana, u-ben, u-chloe), tenant "globex" (u-dmitri, u-eva, u-ana). Get a token for scripts:',
      `  curl -s -X POST ${api}/api/v1/dev/token -H 'content-type: application/json' -d '{"tenantId":"acme","userId":"u-ana"}'`,
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
}

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
