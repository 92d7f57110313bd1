import {
  type AnyDomainEvent,
  type DomainEvent,
  eventSubject,
  type RequestContext,
  type WebhookEndpointWithSecret,
  WebhooksSubjects,
} from '@conversations/contracts';
import { bootstrapService, createLogger, type NamespacedNatsClient, type RunningService } from '@conversations/service-kit';
import { RpcTestClient, testServiceConfig, uniqueId } from '@conversations/testing';
import type { NatsConnection } from 'nats';
import { randomUUID } from 'node:crypto';
import { AppModule } from '../src/app.module';
import { type WebhooksConfig, webhooksConfigSchema } from '../src/config';
import type { OutboundOverrides } from '../src/outbound/outbound.module';

/** Retry settings short enough for a test: attempts 100 ms, 200 ms, 400 ms… apart, capped at 500 ms. */
export const FAST_RETRIES = {
  WEBHOOK_RETRY_BASE_MS: 100,
  WEBHOOK_RETRY_FACTOR: 2,
  WEBHOOK_RETRY_MAX_DELAY_MS: 500,
  WEBHOOK_MAX_ATTEMPTS: 20,
  WEBHOOK_DISPATCH_SWEEP_MS: 100,
} satisfies Partial<WebhooksConfig>;

/** The configuration a test run uses: the devstack, a namespace of its own, a database of its own. */
export function webhooksTestConfig(overrides: Partial<WebhooksConfig> = {}): WebhooksConfig {
  const base = testServiceConfig();
  return webhooksConfigSchema.parse({ ...base, MONGO_DB: uniqueId('webhooks').replace('-', '_'), ...FAST_RETRIES, ...overrides });
}

/** The environment of a spawned webhooks process with `config` (at info level: spawnService waits for its "ready" line). */
export function environmentOf(config: WebhooksConfig): Record<string, string> {
  const { LOG_LEVEL: _level, ...rest } = config;
  return Object.fromEntries(Object.entries(rest).map(([name, value]) => [name, String(value)]));
}

/** The webhooks service booted in-process against the test run's devstack, in a NATS namespace of its own. */
export class WebhooksHarness extends RpcTestClient {
  private constructor(
    readonly config: WebhooksConfig,
    readonly service: RunningService,
    client: NamespacedNatsClient,
    nats: NatsConnection,
  ) {
    super(client, nats, config.NATS_NAMESPACE);
  }

  static async start(overrides: Partial<WebhooksConfig> = {}, outbound: OutboundOverrides = {}): Promise<WebhooksHarness> {
    const config = webhooksTestConfig(overrides);
    const logger = createLogger('webhooks', config.LOG_LEVEL);
    const service = await bootstrapService('webhooks', AppModule.register(config, logger, outbound), config, logger);
    const { client, nats } = await RpcTestClient.connectClient(config);
    return new WebhooksHarness(config, service, client, nats);
  }

  createEndpoint(ctx: RequestContext, data: Record<string, unknown>): Promise<WebhookEndpointWithSecret> {
    return this.call<WebhookEndpointWithSecret>(WebhooksSubjects.endpointsCreate, ctx, data);
  }

  /** Publishes a domain event to JetStream as a service would (its id is the message id). */
  publish(event: DomainEvent): Promise<unknown> {
    return publishEvent(this.nats, event);
  }

  async stop(): Promise<void> {
    await this.closeClient();
    await this.service.close();
  }
}

export function publishEvent(nats: NatsConnection, event: DomainEvent): Promise<unknown> {
  return nats
    .jetstream()
    .publish(eventSubject(event.type, event.tenantId), new TextEncoder().encode(JSON.stringify(event)), { msgID: event.id });
}

/** An event of `type` for `tenantId` with a small payload (the webhooks service passes `data` through as it is). */
export function domainEvent(type: string, tenantId: string, data: Record<string, unknown> = {}): AnyDomainEvent {
  return {
    id: randomUUID(),
    type,
    tenantId,
    occurredAt: new Date().toISOString(),
    actor: { userId: 'u-test' },
    data: { sample: type, ...data },
  } as unknown as AnyDomainEvent;
}
