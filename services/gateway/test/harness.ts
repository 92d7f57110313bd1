import {
  deleteNamespaceConsumers,
  freePort,
  runSeed,
  spawnService,
  testServiceConfig,
  uniqueId,
  type ServiceProcess,
} from '@conversations/testing';
import { createLogger } from '@conversations/service-kit';
import type { INestApplication } from '@nestjs/common';
import { SignJWT } from 'jose';
import { randomBytes } from 'node:crypto';
import { get, type IncomingMessage } from 'node:http';
import { connect } from 'nats';
import request from 'supertest';
import { type GatewayConfig, loadGatewayConfig } from '../src/config';
import { createGateway, listenGateway } from '../src/gateway';

/** Where the contacts service keeps its data for one test file, and the NATS it answers on. */
export interface Backend {
  natsUrl: string;
  mongoUrl: string;
  namespace: string;
  database: string;
  contacts: ServiceProcess;
  /** Started only for suites that ask for it (`startBackend({ appointments: true })`). */
  appointments?: ServiceProcess;
  stop: () => Promise<void>;
}

/**
 * The real contacts service as its own process (the gateway must not import service code), on the test
 * run's devstack, in a NATS namespace of its own.
 */
export async function startBackend(options: { appointments?: boolean } = {}): Promise<Backend> {
  const base = testServiceConfig();
  const database = uniqueId('gateway_contacts');
  const shared = { MONGO_URL: base.MONGO_URL, NATS_URL: base.NATS_URL, NATS_NAMESPACE: base.NATS_NAMESPACE };
  const [contacts, appointments] = await Promise.all([
    spawnService('contacts', { ...shared, MONGO_DB: database }, { echo: !!process.env.ECHO_SERVICES }),
    options.appointments
      ? spawnService('appointments', { ...shared, MONGO_DB: uniqueId('gateway_appointments') }, { echo: !!process.env.ECHO_SERVICES })
      : undefined,
  ]);
  const stop = async () => {
    await Promise.all([contacts.stop(), appointments?.stop()]);
  };
  return { natsUrl: base.NATS_URL, mongoUrl: base.MONGO_URL, namespace: base.NATS_NAMESPACE, database, contacts, appointments, stop };
}

/** The demo tenants `acme` and `globex` with their team members, through the contacts service's own seed entry point. */
export function seedDemoData(backend: Backend): Promise<void> {
  return runSeed('contacts', { MONGO_URL: backend.mongoUrl, MONGO_DB: backend.database });
}

/** A gateway started in-process with `createGateway`, listening on a free port. */
export class GatewayUnderTest {
  private constructor(
    readonly config: GatewayConfig,
    readonly app: INestApplication,
    readonly url: string,
  ) {}

  static async start(backend: Pick<Backend, 'natsUrl' | 'namespace'>, overrides: Partial<GatewayConfig> = {}): Promise<GatewayUnderTest> {
    // The schema's defaults, as the gateway would read them from an empty environment, then the test's own.
    const config: GatewayConfig = {
      ...loadGatewayConfig({ JWT_SECRET: randomBytes(32).toString('hex') }),
      NODE_ENV: 'test',
      NATS_URL: backend.natsUrl,
      NATS_NAMESPACE: backend.namespace,
      HTTP_HOST: '127.0.0.1',
      GATEWAY_PORT: 0,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: 100_000,
      RATE_LIMIT_TENANT_PER_MINUTE: 1_000_000,
      ...overrides,
    };
    const logger = createLogger('gateway', config.LOG_LEVEL);
    const app = await createGateway(config, logger);
    const url = await listenGateway(app, config, logger);
    return new GatewayUnderTest(config, app, url);
  }

  http() {
    return request(this.url);
  }

  /** A token as the gateway's own sign-in would issue it (HS256 with JWT_SECRET, `sub` + `tid`), an admin's unless `claims` say otherwise. */
  token(
    tenantId: string,
    userId = 'u-test',
    options: { expiresIn?: string | number; secret?: string; claims?: Record<string, unknown> } = {},
  ): Promise<string> {
    const secret = new TextEncoder().encode(options.secret ?? this.config.JWT_SECRET);
    return new SignJWT({ tid: tenantId, roles: ['admin'], ...options.claims })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(userId)
      .setIssuedAt()
      .setExpirationTime(options.expiresIn ?? '1h')
      .sign(secret);
  }

  /** Bearer headers for a tenant/user. */
  async as(tenantId: string, userId = 'u-test'): Promise<{ Authorization: string }> {
    return { Authorization: `Bearer ${await this.token(tenantId, userId)}` };
  }

  stop(): Promise<void> {
    return this.app.close();
  }
}

export interface ReceivedEvent {
  id: string;
  event: string;
  data: { id: string; type: string; tenantId: string; data: Record<string, unknown> } & Record<string, unknown>;
}

/**
 * A minimal Server-Sent Events reader on a raw HTTP response (what a browser's EventSource does),
 * resolved once the response headers arrived — from then on the gateway's consumer is in place.
 */
export class EventStreamReader {
  readonly events: ReceivedEvent[] = [];
  readonly comments: string[] = [];
  private buffer = '';
  private waiters: Array<() => void> = [];

  private constructor(
    readonly response: IncomingMessage,
    private readonly destroy: () => void,
  ) {
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => this.receive(chunk));
  }

  static open(url: string, headers: Record<string, string> = {}): Promise<EventStreamReader> {
    return new Promise((resolve, reject) => {
      const client = get(url, { headers: { accept: 'text/event-stream', ...headers } }, (response) =>
        resolve(new EventStreamReader(response, () => client.destroy())),
      );
      client.on('error', reject);
    });
  }

  /** The whole body, for a response that is not an event stream (an error). */
  async body(): Promise<string> {
    let text = this.buffer;
    for await (const chunk of this.response) text += chunk;
    return text;
  }

  async waitFor(count: number, timeoutMs = 5_000): Promise<ReceivedEvent[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.events.length < count && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.events;
  }

  close(): void {
    this.destroy();
  }

  private receive(chunk: string): void {
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      const fields: Record<string, string> = {};
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) this.comments.push(line.slice(1).trim());
        else {
          const colon = line.indexOf(':');
          const name = colon < 0 ? line : line.slice(0, colon);
          fields[name] = (fields[name] !== undefined ? `${fields[name]}\n` : '') + line.slice(colon + 1).replace(/^ /, '');
        }
      }
      if (fields.data !== undefined) this.events.push({ id: fields.id, event: fields.event, data: JSON.parse(fields.data) });
    }
    for (const wake of this.waiters.splice(0)) wake();
  }
}

export { eventually } from '@conversations/testing';

/** Contacts plus the messaging side: the carrier simulator, the messaging API and its send worker as separate processes. */
export interface MessagingBackend extends Backend {
  messaging: ServiceProcess;
  worker: ServiceProcess;
  simulator: ServiceProcess;
  simulatorUrl: string;
  /** The port the gateway must listen on: the simulator calls webhooks there and the messaging service signs callbacks for it. */
  gatewayPort: number;
  authToken: string;
  /** Gateway config overrides that make it accept the simulator's webhooks. */
  gatewayOverrides: Partial<GatewayConfig>;
  startWorker: () => Promise<ServiceProcess>;
  /** Started only for suites that ask for it (`startMessagingBackend({ calls: {} })`). */
  calls?: ServiceProcess;
}

/**
 * The messaging stack for gateway tests, on small delays so delivery reports arrive in milliseconds. The
 * worker runs apart from the API (SEND_WORKER=off there) so a test can kill it mid-send. Demo numbers are
 * seeded for the tenants `acme` (+14155550100 SMS, +14155550101 SMS+WhatsApp) and `globex` (+12125550100).
 */
export async function startMessagingBackend(
  options: { simulator?: Record<string, string>; messaging?: Record<string, string>; calls?: Record<string, string> } = {},
): Promise<MessagingBackend> {
  const backend = await startBackend();
  const [gatewayPort, simulatorPort] = [await freePort(), await freePort()];
  const authToken = randomBytes(16).toString('hex');
  const echo = { echo: !!process.env.ECHO_SERVICES };
  const simulatorUrl = `http://127.0.0.1:${simulatorPort}`;
  const messagingEnv = {
    MONGO_URL: backend.mongoUrl,
    NATS_URL: backend.natsUrl,
    NATS_NAMESPACE: backend.namespace,
    MONGO_DB: uniqueId('gateway_messaging'),
    CARRIER: 'simulator',
    SIMULATOR_URL: simulatorUrl,
    PLIVO_AUTH_ID: 'MATEST',
    PLIVO_AUTH_TOKEN: authToken,
    PUBLIC_WEBHOOK_BASE_URL: `http://127.0.0.1:${gatewayPort}`,
    SEND_WORKER: 'off',
    SEND_LEASE_MS: '2000',
    CARRIER_TIMEOUT_MS: '1500',
    RECONCILE_AFTER_MS: '1500',
    DISPATCH_SWEEP_MS: '1000',
    SEND_ACK_WAIT_MS: '10000',
    LOG_LEVEL: process.env.MESSAGING_LOG_LEVEL ?? 'info',
    ...options.messaging,
  };
  await runSeed('messaging', { ...messagingEnv, SEED_NUMBERS_ONLY: 'true', LOG_LEVEL: 'warn' });
  // The calls settings of the demo tenants (acme records calls; its default number is Ana's phone).
  const callsEnv = options.calls && {
    ...messagingEnv,
    MONGO_DB: uniqueId('gateway_calls'),
    LOG_LEVEL: process.env.CALLS_LOG_LEVEL ?? 'info',
    ...options.calls,
  };
  if (callsEnv) {
    await runSeed('calls', { ...callsEnv, SEED_SETTINGS_ONLY: 'true', LOG_LEVEL: 'warn' });
  }
  const [simulator, messaging, calls] = await Promise.all([
    spawnService(
      'carrier-simulator',
      {
        SIMULATOR_PORT: String(simulatorPort),
        PLIVO_AUTH_ID: 'MATEST',
        PLIVO_AUTH_TOKEN: authToken,
        INBOUND_WEBHOOK_URL: `http://127.0.0.1:${gatewayPort}/api/v1/webhooks/plivo/inbound`,
        DELIVERY_DELAY_MS: '30',
        ...options.simulator,
      },
      echo,
    ),
    spawnService('messaging', messagingEnv, echo),
    callsEnv ? spawnService('calls', callsEnv, echo) : undefined,
  ]);
  const startWorker = () => spawnService('messaging', messagingEnv, { ...echo, entry: 'src/worker.ts' });
  const result: MessagingBackend = {
    ...backend,
    messaging,
    simulator,
    calls,
    worker: await startWorker(),
    simulatorUrl,
    gatewayPort,
    authToken,
    gatewayOverrides: {
      GATEWAY_PORT: gatewayPort,
      PLIVO_AUTH_TOKEN: authToken,
      PUBLIC_WEBHOOK_BASE_URL: `http://127.0.0.1:${gatewayPort}`,
      RPC_TIMEOUT_MS: 30_000,
    },
    startWorker,
    stop: async () => {
      await Promise.all([result.worker.stop(), messaging.stop(), simulator.stop(), calls?.stop()]);
      await backend.stop();
      await deleteDurableConsumers(backend.natsUrl, backend.namespace);
    },
  };
  return result;
}

/** The messaging services' durable consumers outlive them by design; a test's namespace leaves none behind on a shared NATS. */
async function deleteDurableConsumers(natsUrl: string, namespace: string): Promise<void> {
  const nats = await connect({ servers: natsUrl });
  try {
    await deleteNamespaceConsumers(await nats.jetstreamManager(), namespace);
  } finally {
    await nats.close();
  }
}
