import { ErrorBody, RequestContext } from '@conversations/contracts';
import { bootstrapService, createLogger, NamespacedNatsClient, RunningService } from '@conversations/service-kit';
import { testServiceConfig, uniqueId, watchTenantEvents, type EventWatch } from '@conversations/testing';
import { randomUUID } from 'node:crypto';
import { connect, NatsConnection } from 'nats';
import { firstValueFrom } from 'rxjs';
import { AppModule } from '../src/app.module';
import { ContactsConfig } from '../src/config';

/** The contacts service booted in-process against the test run's devstack, and a NATS client to call it. */
export class ContactsHarness {
  private constructor(
    readonly config: ContactsConfig,
    readonly service: RunningService,
    private readonly client: NamespacedNatsClient,
    readonly nats: NatsConnection,
  ) {}

  static async start(overrides: Partial<ContactsConfig> = {}): Promise<ContactsHarness> {
    const config: ContactsConfig = { ...testServiceConfig(), MONGO_DB: uniqueId('contacts').replace('-', '_'), DEFAULT_PHONE_COUNTRY: 'US', OUTBOX_SWEEP_MS: 60_000, ...overrides };
    const logger = createLogger('contacts', config.LOG_LEVEL);
    const service = await bootstrapService('contacts', AppModule.register(config, logger), config, logger);
    const client = new NamespacedNatsClient({ servers: [config.NATS_URL], namespace: config.NATS_NAMESPACE });
    await client.connect();
    const nats = await connect({ servers: config.NATS_URL });
    return new ContactsHarness(config, service, client, nats);
  }

  context(tenantId: string, userId = 'u-test'): RequestContext {
    return { tenantId, userId, requestId: randomUUID() };
  }

  call<T>(subject: string, ctx: RequestContext, data: unknown = {}): Promise<T> {
    return firstValueFrom(this.client.send<T>(subject, { ctx, data }));
  }

  /** Resolves to the ErrorBody the call failed with (fails the test if it succeeded). */
  async callError(subject: string, ctx: RequestContext, data: unknown = {}): Promise<ErrorBody> {
    try {
      await this.call(subject, ctx, data);
    } catch (error) {
      return error as ErrorBody;
    }
    throw new Error(`${subject} succeeded but was expected to fail`);
  }

  /** Collects every event of `tenantId` from now on, straight from the JetStream stream. */
  watchEvents(tenantId: string): Promise<EventWatch> {
    return watchTenantEvents(this.nats, tenantId);
  }

  async stop(): Promise<void> {
    await this.client.close();
    await this.nats.close();
    await this.service.close();
  }
}

