import { spawnService, testServiceConfig, uniqueId, WORKSPACE_ROOT, type ServiceProcess } from '@conversations/testing';
import { createLogger } from '@conversations/service-kit';
import type { INestApplication } from '@nestjs/common';
import { SignJWT } from 'jose';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { get, type IncomingMessage } from 'node:http';
import { join } from 'node:path';
import request from 'supertest';
import { GatewayConfig } from '../src/config';
import { createGateway, listenGateway } from '../src/gateway';

/** Where the contacts service keeps its data for one test file, and the NATS it answers on. */
export interface Backend {
  natsUrl: string;
  mongoUrl: string;
  namespace: string;
  database: string;
  contacts: ServiceProcess;
  stop: () => Promise<void>;
}

/**
 * The real contacts service as its own process (the gateway must not import service code), on the test
 * run's devstack, in a NATS namespace of its own.
 */
export async function startBackend(): Promise<Backend> {
  const base = testServiceConfig();
  const database = uniqueId('gateway_contacts');
  const contacts = await spawnService('contacts', { MONGO_URL: base.MONGO_URL, NATS_URL: base.NATS_URL, NATS_NAMESPACE: base.NATS_NAMESPACE, MONGO_DB: database }, { echo: !!process.env.ECHO_SERVICES });
  return { natsUrl: base.NATS_URL, mongoUrl: base.MONGO_URL, namespace: base.NATS_NAMESPACE, database, contacts, stop: () => contacts.stop() };
}

/** The demo tenants `acme` and `globex` with their team members, through the contacts service's own seed entry point. */
export function seedDemoData(backend: Backend): void {
  const result = spawnSync(process.execPath, ['-r', '@swc-node/register', join(WORKSPACE_ROOT, 'services/contacts/src/seed/main.ts')], {
    cwd: WORKSPACE_ROOT,
    env: { ...process.env, MONGO_URL: backend.mongoUrl, MONGO_DB: backend.database, LOG_LEVEL: 'warn', SWC_NODE_PROJECT: join(WORKSPACE_ROOT, 'tsconfig.base.json') },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`seeding failed:\n${result.stderr}${result.stdout}`);
}

/** A gateway started in-process with `createGateway`, listening on a free port. */
export class GatewayUnderTest {
  private constructor(
    readonly config: GatewayConfig,
    readonly app: INestApplication,
    readonly url: string,
  ) {}

  static async start(backend: Pick<Backend, 'natsUrl' | 'namespace'>, overrides: Partial<GatewayConfig> = {}): Promise<GatewayUnderTest> {
    const config: GatewayConfig = {
      NODE_ENV: 'test',
      NATS_URL: backend.natsUrl,
      NATS_NAMESPACE: backend.namespace,
      HTTP_HOST: '127.0.0.1',
      GATEWAY_PORT: 0,
      LOG_LEVEL: 'warn',
      JWT_SECRET: randomBytes(32).toString('hex'),
      RATE_LIMIT_PER_MINUTE: 100_000,
      TRUST_PROXY: 0,
      RPC_TIMEOUT_MS: 5_000,
      SSE_HEARTBEAT_MS: 15_000,
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

  /** A token as the gateway's own sign-in would issue it (HS256 with JWT_SECRET, `sub` + `tid`). */
  token(tenantId: string, userId = 'u-test', options: { expiresIn?: string | number; secret?: string; claims?: Record<string, unknown> } = {}): Promise<string> {
    const secret = new TextEncoder().encode(options.secret ?? this.config.JWT_SECRET);
    return new SignJWT({ tid: tenantId, ...options.claims })
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
      const client = get(url, { headers: { accept: 'text/event-stream', ...headers } }, (response) => resolve(new EventStreamReader(response, () => client.destroy())));
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

/** Polls until `read` satisfies `accept` or the time is up; returns the last value read. */
export async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
