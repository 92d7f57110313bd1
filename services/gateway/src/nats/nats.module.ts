import { EventBus, NamespacedNatsClient, ROOT_LOGGER } from '@conversations/service-kit';
import { DynamicModule, Global, Inject, Module, OnApplicationBootstrap, OnApplicationShutdown, Type } from '@nestjs/common';
import { ClientProxy, ClientsModule } from '@nestjs/microservices';
import type { Logger } from 'pino';
import { GatewayConfig } from '../config';
import { rpcTimeoutOf } from '../idempotency/request-patience';
import { AppointmentsClient, CallsClient, ContactsClient, MessagingClient, WebhooksClient } from './service-client';

const CONTACTS_PROXY = Symbol('CONTACTS_PROXY');

/**
 * The gateway's NATS side: a request/reply client per backend service (subjects prefixed with the
 * deployment namespace) and the JetStream connection the live event stream reads from.
 */
@Global()
@Module({})
export class NatsModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(ContactsClient) private readonly contacts: ContactsClient,
    @Inject(EventBus) private readonly bus: EventBus,
  ) {}

  static register(config: GatewayConfig): DynamicModule {
    const rpcTimeout = rpcTimeoutOf(config.RPC_TIMEOUT_MS);
    return {
      module: NatsModule,
      imports: [
        ClientsModule.register([
          {
            name: CONTACTS_PROXY,
            // ClientNats narrows ClientProxy's status type, which Type<ClientProxy> does not admit.
            customClass: NamespacedNatsClient as Type<ClientProxy>,
            options: {
              servers: config.NATS_URL.split(','),
              namespace: config.NATS_NAMESPACE,
              name: 'gateway',
              maxReconnectAttempts: -1,
              reconnectTimeWait: 500,
              waitOnFirstConnect: true,
            },
          },
        ]),
      ],
      providers: [
        {
          provide: ContactsClient,
          useFactory: (proxy: ClientProxy) => new ContactsClient('contacts', proxy, rpcTimeout),
          inject: [CONTACTS_PROXY],
        },
        {
          provide: AppointmentsClient,
          // The same NATS connection: the subject, not the connection, picks the service.
          useFactory: (proxy: ClientProxy) => new AppointmentsClient('appointments', proxy, rpcTimeout),
          inject: [CONTACTS_PROXY],
        },
        {
          provide: MessagingClient,
          useFactory: (proxy: ClientProxy) => new MessagingClient('messaging', proxy, rpcTimeout),
          inject: [CONTACTS_PROXY],
        },
        {
          provide: CallsClient,
          useFactory: (proxy: ClientProxy) => new CallsClient('calls', proxy, rpcTimeout),
          inject: [CONTACTS_PROXY],
        },
        {
          provide: WebhooksClient,
          useFactory: (proxy: ClientProxy) => new WebhooksClient('webhooks', proxy, rpcTimeout),
          inject: [CONTACTS_PROXY],
        },
        {
          provide: EventBus,
          useFactory: (logger: Logger) => EventBus.connect(config.NATS_URL, 'gateway-events', logger),
          inject: [ROOT_LOGGER],
        },
      ],
      exports: [ContactsClient, AppointmentsClient, MessagingClient, CallsClient, WebhooksClient, EventBus],
    };
  }

  /** Connect now, so a wrong NATS_URL stops the start-up instead of failing the first request. */
  async onApplicationBootstrap(): Promise<void> {
    await this.contacts.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.bus.close();
  }
}
