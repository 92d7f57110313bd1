import { ContactsSubjects, type ContactView, type RequestContext } from '@conversations/contracts';
import { bootstrapService, createLogger, type NamespacedNatsClient, type RunningService } from '@conversations/service-kit';
import { RpcTestClient, spawnService, testServiceConfig, uniqueId, type ServiceProcess } from '@conversations/testing';
import type { NatsConnection } from 'nats';
import { AppModule } from '../src/app.module';
import { type MessagingConfig, messagingConfigSchema } from '../src/config';
import { NumbersService } from '../src/numbers/numbers.service';

/**
 * The messaging service booted in-process against the test run's devstack, the real contacts service as
 * its own process in the same NATS namespace, and a client to call both.
 */
export class MessagingHarness extends RpcTestClient {
  private constructor(
    readonly config: MessagingConfig,
    readonly service: RunningService,
    readonly contactsService: ServiceProcess,
    client: NamespacedNatsClient,
    nats: NatsConnection,
  ) {
    super(client, nats, config.NATS_NAMESPACE);
  }

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
    const { client, nats } = await RpcTestClient.connectClient(config);
    return new MessagingHarness(config, service, contactsService, client, nats);
  }

  /** A tenant's sender numbers (provisioning has no API yet: tests add them through the service itself). */
  async addNumber(
    tenantId: string,
    number: string,
    capabilities: { sms?: boolean; whatsapp?: boolean; voice?: boolean } = { sms: true },
    label = 'Main line',
  ): Promise<void> {
    await this.service.app
      .get(NumbersService)
      .ensure(tenantId, number, label, { sms: false, whatsapp: false, voice: false, ...capabilities });
  }

  /** The environment of another messaging process (a `src/worker.ts` replica) on this one's database and namespace. */
  environment(overrides: Partial<MessagingConfig> = {}): Record<string, string> {
    const { LOG_LEVEL: _level, ...config } = { ...this.config, ...overrides };
    return Object.fromEntries(Object.entries(config).map(([name, value]) => [name, String(value)]));
  }

  createContact(ctx: RequestContext, fields: Record<string, unknown>): Promise<ContactView> {
    return this.call<ContactView>(ContactsSubjects.create, ctx, fields);
  }

  async stop(): Promise<void> {
    await this.service.close();
    await this.contactsService.stop();
    await this.closeClient();
  }
}

/** A fresh E.164 number in the fictional 555-01xx range (valid for libphonenumber). */
let sequence = Math.floor(Math.random() * 50);
export function demoPhone(areaCode = '415'): string {
  sequence = (sequence + 1) % 100;
  return `+1${areaCode}55501${String(sequence).padStart(2, '0')}`;
}

/** A tenant's sender number, fresh for each test. */
export function senderNumber(): string {
  return `+1646${2 + Math.floor(Math.random() * 8)}${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
}

/** F38: a scheduler quick enough for tests — a look every 200 ms, messages at least 1 s ahead, short leases. */
export const FAST_SCHEDULES = {
  SCHEDULE_SWEEP_MS: 200,
  SCHEDULE_LEASE_MS: 2_000,
  SCHEDULE_MIN_LEAD_MS: 1_000,
  SEND_LEASE_MS: 2_000,
  CARRIER_TIMEOUT_MS: 1_500,
  RECONCILE_AFTER_MS: 1_500,
  DISPATCH_SWEEP_MS: 500,
  SEND_ACK_WAIT_MS: 2_000,
  OUTBOX_SWEEP_MS: 1_000,
} satisfies Partial<MessagingConfig>;

/** An ISO instant `ms` from now. */
export const inFromNow = (ms: number) => new Date(Date.now() + ms).toISOString();

export { eventually } from '@conversations/testing';
