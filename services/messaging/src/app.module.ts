import { ServiceKitModule } from '@conversations/service-kit';
import { DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { CarrierModule } from './carrier/carrier.module';
import { MESSAGING_CONFIG, MessagingConfig } from './config';
import { ConversationsModule } from './conversations/conversations.module';
import { InboundModule } from './inbound/inbound.module';
import { MessagesModule } from './messages/messages.module';
import { NumbersModule } from './numbers/numbers.module';
import { OutboxSweepModule } from './outbox-sweep.module';
import { SendingModule } from './sending/sending.module';
import { StoreModule } from './store.module';

/** `service`: the NATS API (and the send worker unless SEND_WORKER=off). `worker`: the send worker alone. */
export type MessagingRole = 'service' | 'worker';

@Module({})
export class AppModule {
  static register(config: MessagingConfig, logger: Logger, role: MessagingRole = 'service'): DynamicModule {
    const concepts = role === 'service' ? [NumbersModule, ConversationsModule, MessagesModule, InboundModule, OutboxSweepModule] : [];
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forService({
          name: role === 'service' ? 'messaging' : 'messaging-worker',
          config,
          logger,
          database: config.MONGO_DB,
        }),
        { module: ConfigHolder, global: true, providers: [{ provide: MESSAGING_CONFIG, useValue: config }], exports: [MESSAGING_CONFIG] },
        StoreModule,
        CarrierModule,
        ...concepts,
        SendingModule,
      ],
    };
  }
}

@Module({})
class ConfigHolder {}
