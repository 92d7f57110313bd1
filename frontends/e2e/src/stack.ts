import { buildFrontends, serveFrontends, type RunningFrontends } from '@conversations/static-server';
import { freePort, runSeed, spawnService, testServiceConfig, uniqueId, type ServiceProcess } from '@conversations/testing';
import { API_AUDIENCE, SHELL_CLIENT_ID, startDemoIdentity, type IdentityProvider } from '@conversations/identity';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Stack {
  apiBaseUrl: string;
  frontends: RunningFrontends;
  /** The carrier simulator (started with messaging or calls): inject inbound SMS, read what was sent. */
  simulatorUrl: string | null;
  /** The local identity provider, when the stack was asked for one. */
  identityIssuer: string | null;
  stop: () => Promise<void>;
}

/** Services beyond contacts + gateway that a run may add (each seeded with its demo data once contacts is up). */
export type OptionalService = 'messaging' | 'appointments' | 'calls' | 'webhooks';

/** Services that talk to the carrier: they get the simulator and the gateway's webhook address. */
const CARRIER_SERVICES: readonly OptionalService[] = ['messaging', 'calls'];

/** Services with no demo data to seed. */
const UNSEEDED_SERVICES: readonly OptionalService[] = ['webhooks'];

/**
 * The product as `npm start` runs it, isolated for one test file: the contacts service and the gateway
 * as real processes on the test run's devstack (own database, own NATS namespace), the demo data seeded,
 * the carrier simulator when a carrier-facing service runs (signed webhooks to the real gateway), and the
 * built shell and remotes each on its own loopback port.
 */
export async function startStack(
  options: {
    services?: OptionalService[];
    simulator?: Record<string, string>;
    /** Sign-in through the local identity provider too (tools/identity), its access tokens this short-lived. */
    identity?: { accessTokenTtlSeconds: number };
  } = {},
): Promise<Stack> {
  buildFrontends({ log: (line) => process.stdout.write(`${line}\n`) });
  const base = testServiceConfig();
  const database = uniqueId('e2e_contacts');
  const shared = { MONGO_URL: base.MONGO_URL, NATS_URL: base.NATS_URL, NATS_NAMESPACE: base.NATS_NAMESPACE };
  const echo = { echo: !!process.env.ECHO_SERVICES };
  await runSeed('contacts', { ...shared, MONGO_DB: database });

  // The gateway's port is chosen first: the carrier posts webhooks to it.
  const port = await freePort();
  const apiBaseUrl = `http://127.0.0.1:${port}`;
  const services = options.services ?? [];
  const withCarrier = services.some((service) => CARRIER_SERVICES.includes(service));
  const carrier = { PLIVO_AUTH_ID: 'MAE2E', PLIVO_AUTH_TOKEN: randomBytes(16).toString('hex') };
  const simulatorUrl = withCarrier ? `http://127.0.0.1:${await freePort()}` : null;

  const running: ServiceProcess[] = [];
  let frontends: RunningFrontends | undefined;
  let identity: IdentityProvider | undefined;
  const stop = async () => {
    await frontends?.close();
    await Promise.all([...running.map((service) => service.stop()), identity?.stop()]);
  };
  try {
    // The shell's origin is fixed first: the provider lets the browser back only there.
    const shellPort = await freePort();
    if (options.identity) {
      identity = await startDemoIdentity({
        port: 0,
        shellOrigins: [`http://127.0.0.1:${shellPort}`],
        keysFile: join(mkdtempSync(join(tmpdir(), 'e2e-identity-')), 'jwks.json'),
        accessTokenTtlSeconds: options.identity.accessTokenTtlSeconds,
        logLevel: 'warn',
      });
    }
    running.push(await spawnService('contacts', { ...shared, MONGO_DB: database }, echo));
    if (simulatorUrl)
      running.push(
        await spawnService(
          'carrier-simulator',
          {
            SIMULATOR_PORT: new URL(simulatorUrl).port,
            ...carrier,
            INBOUND_WEBHOOK_URL: `${apiBaseUrl}/api/v1/webhooks/plivo/inbound`,
            DELIVERY_DELAY_MS: '200',
            ...options.simulator,
          },
          echo,
        ),
      );
    for (const service of services) {
      const serviceEnv: Record<string, string> = { ...shared, MONGO_DB: uniqueId(`e2e_${service}`) };
      if (simulatorUrl && CARRIER_SERVICES.includes(service))
        Object.assign(serviceEnv, carrier, { CARRIER: 'simulator', SIMULATOR_URL: simulatorUrl, PUBLIC_WEBHOOK_BASE_URL: apiBaseUrl });
      // NODE_ENV test: a webhook endpoint may be http to a loopback receiver (refused in production).
      if (service === 'webhooks') serviceEnv.NODE_ENV = 'test';
      if (!UNSEEDED_SERVICES.includes(service)) await runSeed(service, serviceEnv);
      running.push(await spawnService(service, serviceEnv, echo));
    }
    running.push(
      await spawnService(
        'gateway',
        {
          ...shared,
          NODE_ENV: 'test',
          GATEWAY_PORT: String(port),
          HTTP_HOST: '127.0.0.1',
          JWT_SECRET: randomBytes(32).toString('hex'),
          ...(identity ? { OIDC_ISSUER: identity.issuer, JWT_AUDIENCE: API_AUDIENCE } : {}),
          RATE_LIMIT_PER_MINUTE: '100000',
          ...(simulatorUrl ? { PLIVO_AUTH_TOKEN: carrier.PLIVO_AUTH_TOKEN, PUBLIC_WEBHOOK_BASE_URL: apiBaseUrl } : {}),
        },
        echo,
      ),
    );
    frontends = await serveFrontends({
      apiBaseUrl,
      ports: { shell: shellPort },
      signIn: { ...(identity ? { auth: { issuer: identity.issuer, clientId: SHELL_CLIENT_ID } } : {}), devSignIn: true },
    });
    return { apiBaseUrl, frontends, simulatorUrl, identityIssuer: identity?.issuer ?? null, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
