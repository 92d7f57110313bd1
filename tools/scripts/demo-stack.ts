/** The demo product `npm start` runs and `npm run seed` fills: its environment, and its services with their seeds in order. */
import { API_AUDIENCE } from '@conversations/identity';
import { runSeed, spawnService, WORKSPACE_ROOT, type Infrastructure, type ServiceProcess } from '@conversations/testing';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const DEMO_DATA_DIR = join(WORKSPACE_ROOT, '.devstack');
export const DEMO_IDENTITY_PORT = Number(process.env.IDENTITY_PORT ?? 4100);
export const DEMO_IDENTITY_ISSUER = `http://127.0.0.1:${DEMO_IDENTITY_PORT}`;

/** Every service's settings on embedded defaults; each can be overridden from the caller's environment. */
export function demoEnvironment(infrastructure: Infrastructure): Record<string, string> {
  const gatewayPort = process.env.GATEWAY_PORT ?? '3000';
  const publicBaseUrl = process.env.PUBLIC_WEBHOOK_BASE_URL ?? `http://127.0.0.1:${gatewayPort}`;
  return {
    MONGO_URL: infrastructure.mongoUrl,
    NATS_URL: infrastructure.natsUrl,
    NATS_NAMESPACE: process.env.NATS_NAMESPACE ?? '',
    JWT_SECRET: process.env.JWT_SECRET ?? localJwtSecret(),
    // Sign-in through the local identity provider (tools/identity) that `npm start` runs; local tokens still work.
    OIDC_ISSUER: process.env.OIDC_ISSUER ?? DEMO_IDENTITY_ISSUER,
    JWT_AUDIENCE: process.env.JWT_AUDIENCE ?? API_AUDIENCE,
    GATEWAY_PORT: gatewayPort,
    NODE_ENV: process.env.NODE_ENV ?? 'development',
    // SMS, WhatsApp and calls through the local carrier simulator, which speaks Plivo's API and signs webhooks like Plivo.
    CARRIER: process.env.CARRIER ?? 'simulator',
    SIMULATOR_PORT: process.env.SIMULATOR_PORT ?? '4010',
    SIMULATOR_URL: `http://127.0.0.1:${process.env.SIMULATOR_PORT ?? '4010'}`,
    PLIVO_AUTH_ID: process.env.PLIVO_AUTH_ID ?? 'MASIMULATOR',
    PLIVO_AUTH_TOKEN: process.env.PLIVO_AUTH_TOKEN ?? 'simulator-auth-token',
    PUBLIC_WEBHOOK_BASE_URL: publicBaseUrl,
    INBOUND_WEBHOOK_URL: `${publicBaseUrl}/api/v1/webhooks/plivo/inbound`,
  };
}

/** A per-checkout secret so local tokens survive restarts without a secret in the repository. */
function localJwtSecret(): string {
  const file = join(DEMO_DATA_DIR, 'jwt-secret');
  mkdirSync(DEMO_DATA_DIR, { recursive: true });
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

interface DemoService {
  name: string;
  /** Has demo data (`services/<name>/src/seed/main.ts`), seeded before the service starts. */
  seeds?: true;
  /** A later seed reads demo data from it over NATS, so even a seed-only run starts it. */
  servesLaterSeeds?: true;
  runsWhen?: (env: Record<string, string>) => boolean;
}

/**
 * In start order. Each seed writes its own service's store; the later ones ask the services already
 * running for demo data: appointments and messaging name demo contacts, calls reads contacts, messaging's
 * numbers and the team.
 */
const DEMO_SERVICES: DemoService[] = [
  { name: 'contacts', seeds: true, servesLaterSeeds: true },
  { name: 'appointments', seeds: true },
  { name: 'carrier-simulator', runsWhen: (env) => env.CARRIER === 'simulator' },
  { name: 'messaging', seeds: true, servesLaterSeeds: true },
  { name: 'calls', seeds: true },
  { name: 'webhooks' },
  { name: 'gateway' },
];

/**
 * Seeds every service's demo data in order, starting services on the way: all of them (`start: 'all'`,
 * `npm start`), or only those a later seed reads from (`'seed-peers'`, `npm run seed`). Started services
 * are pushed onto `running` as they come up, so the caller can stop them even when a later step fails or
 * `signal` aborts.
 */
export async function seedAll(
  env: Record<string, string>,
  options: { start: 'all' | 'seed-peers'; echo?: boolean; signal?: AbortSignal },
  running: ServiceProcess[],
): Promise<void> {
  const { echo, signal } = options;
  for (const service of DEMO_SERVICES) {
    if (service.runsWhen && !service.runsWhen(env)) continue;
    if (service.seeds) await runSeed(service.name, env, { echo, signal });
    if (options.start === 'all' || service.servesLaterSeeds) running.push(await spawnService(service.name, env, { echo, signal }));
  }
}
