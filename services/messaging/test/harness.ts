import { ContactsSubjects, ContactView, DomainEvent, ErrorBody, EVENTS_STREAM, RequestContext, tenantEventsFilter } from '@conversations/contracts';
import { bootstrapService, createLogger, NamespacedNatsClient, RunningService } from '@conversations/service-kit';
import { spawnService, testServiceConfig, uniqueId, type ServiceProcess } from '@conversations/testing';
import { randomUUID } from 'node:crypto';
import { connect, DeliverPolicy, NatsConnection } from 'nats';
import { firstValueFrom } from 'rxjs';
import { AppModule } from '../src/app.module';
import { MessagingConfig, messagingConfigSchema } from '../src/config';
import { NumbersService } from '../src/numbers/numbers.service';

/**
 * The messaging service booted in-process against the test run's devstack, the real contacts service as
 * its own process in the same NATS namespace, and a client to call both.
 */
export class MessagingHarness {
  private constructor(
    readonly config: MessagingConfig,
    readonly service: RunningService,
    readonly contactsService: ServiceProcess,
    private readonly client: NamespacedNatsClient,
    readonly nats: NatsConnection,
  ) {}

  static async start(overrides: Partial<MessagingConfig> = {}): Promise<MessagingHarness> {
    const base = testServiceConfig();
    const contactsService = await spawnService('contacts', {
      MONGO_URL: base.MONGO_URL,
      NATS_URL: base.NATS_URL,
      NATS_NAMESPACE: base.NATS_NAMESPACE,
      MONGO_DB: uniqueId('contacts').replace('-', '_'),
    });
    const config: MessagingConfig = {
      ...messagingConfigSchema.parse({ MONGO_URL: base.MONGO_URL }),
      ...base,
      MONGO_DB: uniqueId('messaging').replace('-', '_'),
      SEND_WORKER: 'off',
      OUTBOX_SWEEP_MS: 60_000,
      ...overrides,
    };
    const logger = createLogger('messaging', config.LOG_LEVEL);
    const service = await bootstrapService('messaging', AppModule.register(config, logger), config, logger);
    const client = new NamespacedNatsClient({ servers: [config.NATS_URL], namespace: config.NATS_NAMESPACE });
    await client.connect();
    const nats = await connect({ servers: config.NATS_URL });
    return new MessagingHarness(config, service, contactsService, client, nats);
  }

  context(tenantId: string, userId = 'u-test'): RequestContext {
    return { tenantId, userId, requestId: randomUUID() };
  }

  call<T>(subject: string, ctx: RequestContext, data: unknown = {}): Promise<T> {
    return firstValueFrom(this.client.send<T>(subject, { ctx, data }));
  }

  async callError(subject: string, ctx: RequestContext, data: unknown = {}): Promise<ErrorBody> {
    try {
      await this.call(subject, ctx, data);
    } catch (error) {
      return error as ErrorBody;
    }
    throw new Error(`${subject} succeeded but was expected to fail`);
  }

  /** A tenant's sender numbers (provisioning has no API yet: tests add them through the service itself). */
  async addNumber(tenantId: string, number: string, capabilities: { sms?: boolean; whatsapp?: boolean; voice?: boolean } = { sms: true }, label = 'Main line'): Promise<void> {
    await this.service.app.get(NumbersService).ensure(tenantId, number, label, { sms: false, whatsapp: false, voice: false, ...capabilities });
  }

  createContact(ctx: RequestContext, fields: Record<string, unknown>): Promise<ContactView> {
    return this.call<ContactView>(ContactsSubjects.create, ctx, fields);
  }

  async watchEvents(tenantId: string): Promise<{ events: DomainEvent[]; stop: () => Promise<void> }> {
    const consumer = await this.nats.jetstream().consumers.get(EVENTS_STREAM, { filterSubjects: tenantEventsFilter(tenantId), deliver_policy: DeliverPolicy.New });
    const messages = await consumer.consume();
    const events: DomainEvent[] = [];
    const loop = (async () => {
      for await (const message of messages) events.push(message.json<DomainEvent>());
    })();
    return {
      events,
      stop: async () => {
        await messages.close();
        await loop;
      },
    };
  }

  async stop(): Promise<void> {
    await this.client.close();
    await this.service.close();
    await this.contactsService.stop();
    // Durable consumers outlive the service by design; a test's namespace leaves none behind on a shared NATS.
    const manager = await this.nats.jetstreamManager();
    const names: string[] = [];
    for await (const consumer of manager.consumers.list(EVENTS_STREAM)) if (consumer.name.startsWith(`${this.config.NATS_NAMESPACE}-`)) names.push(consumer.name);
    for (const name of names) await manager.consumers.delete(EVENTS_STREAM, name).catch(() => undefined);
    await this.nats.close();
  }
}

/** A fresh E.164 number in the fictional 555-01xx range (valid for libphonenumber). */
let sequence = Math.floor(Math.random() * 50);
export function demoPhone(areaCode = '415'): string {
  sequence = (sequence + 1) % 100;
  return `+1${areaCode}55501${String(sequence).padStart(2, '0')}`;
}

export async function eventually<T>(read: () => Promise<T> | T, accept: (value: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
