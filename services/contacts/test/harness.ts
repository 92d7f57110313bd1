import { bootstrapService, createLogger, type NamespacedNatsClient, type RunningService } from '@conversations/service-kit';
import { RpcTestClient, testServiceConfig, uniqueId } from '@conversations/testing';
import type { NatsConnection } from 'nats';
import { AppModule } from '../src/app.module';
import { type ContactsConfig } from '../src/config';

/** The contacts service booted in-process against the test run's devstack, and a NATS client to call it. */
export class ContactsHarness extends RpcTestClient {
  private constructor(
    readonly config: ContactsConfig,
    readonly service: RunningService,
    client: NamespacedNatsClient,
    nats: NatsConnection,
  ) {
    super(client, nats, config.NATS_NAMESPACE);
  }

  static async start(overrides: Partial<ContactsConfig> = {}): Promise<ContactsHarness> {
    const config: ContactsConfig = {
      ...testServiceConfig(),
      MONGO_DB: uniqueId('contacts').replace('-', '_'),
      DEFAULT_PHONE_COUNTRY: 'US',
      OUTBOX_SWEEP_MS: 60_000,
      ...overrides,
    };
    const logger = createLogger('contacts', config.LOG_LEVEL);
    const service = await bootstrapService('contacts', AppModule.register(config, logger), config, logger);
    const { client, nats } = await RpcTestClient.connectClient(config);
    return new ContactsHarness(config, service, client, nats);
  }

  async stop(): Promise<void> {
    await this.closeClient();
    await this.service.close();
  }
}
