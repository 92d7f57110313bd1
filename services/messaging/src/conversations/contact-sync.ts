import { DomainEvent } from '@conversations/contracts';
import { ContactCopySync, EventBus, ROOT_LOGGER } from '@conversations/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import { MESSAGING_CONFIG, MessagingConfig } from '../config';
import { ConversationsService } from './conversations.service';

/** Keeps each conversation's copy of its contact current. */
@Injectable()
export class ContactSync extends ContactCopySync {
  constructor(
    bus: EventBus,
    private readonly conversations: ConversationsService,
    @InjectConnection() connection: Connection,
    @Inject(MESSAGING_CONFIG) config: MessagingConfig,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    super(bus, connection, config.NATS_NAMESPACE, 'messaging', logger);
  }

  protected apply(event: DomainEvent<{ contactId: string }>, deleted: boolean): Promise<unknown> {
    return this.conversations.applyContactChange(event, deleted);
  }
}
