import { OutboxSweepModule, ServiceKitModule } from '@conversations/service-kit';
import { DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { CarrierModule } from './carrier/carrier.module';
import { MESSAGING_CONFIG, MessagingConfig } from './config';
import { CONVERSATION_MODEL } from './conversations/conversation.schema';
import { ConversationsModule } from './conversations/conversations.module';
import { InboundModule } from './inbound/inbound.module';
import { MESSAGE_MODEL } from './messages/message.schema';
import { MessagesModule } from './messages/messages.module';
import { NumbersModule } from './numbers/numbers.module';
import { ScheduledSendingModule } from './scheduling/scheduled-sending.module';
import { SchedulingModule } from './scheduling/scheduling.module';
import { SendingModule } from './sending/sending.module';
import { StoreModule } from './store.module';

/**
 * `service`: the NATS API (and the send worker with the scheduled sends unless SEND_WORKER=off). `worker`:
 * the send worker and scheduled sends alone.
 */
export type MessagingRole = 'service' | 'worker';

@Module({})
export class AppModule {
  static register(config: MessagingConfig, logger: Logger, role: MessagingRole = 'service'): DynamicModule {
    const outboxSweep = OutboxSweepModule.forModels([MESSAGE_MODEL, CONVERSATION_MODEL], { intervalMs: config.OUTBOX_SWEEP_MS });
    const concepts =
      role === 'service' ? [NumbersModule, ConversationsModule, MessagesModule, SchedulingModule, InboundModule, outboxSweep] : [];
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forService({
          name: role === 'service' ? 'messaging' : 'messaging-worker',
          config,
          configToken: MESSAGING_CONFIG,
          logger,
          database: config.MONGO_DB,
        }),
        StoreModule,
        CarrierModule,
        ...concepts,
        SendingModule,
        ScheduledSendingModule,
      ],
    };
  }
}
