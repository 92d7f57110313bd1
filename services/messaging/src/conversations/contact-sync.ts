import { ContactEventTypes, DomainEvent } from '@conversations/contracts';
import { EventBus, ProcessedEvents, ROOT_LOGGER } from '@conversations/service-kit';
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import { MESSAGING_CONFIG, MessagingConfig } from '../config';
import { ConversationsService } from './conversations.service';

/**
 * Keeps each conversation's copy of its contact (name, phone, search keys) current from evt.contacts.*,
 * through a durable consumer shared by the replicas; idempotent via the processed-events ledger.
 */
@Injectable()
export class ContactSync implements OnApplicationBootstrap, OnApplicationShutdown {
  private consumer?: { stop: () => Promise<void> };
  private readonly processed: ProcessedEvents;

  constructor(
    private readonly bus: EventBus,
    private readonly conversations: ConversationsService,
    @InjectConnection() connection: Connection,
    @Inject(MESSAGING_CONFIG) private readonly config: MessagingConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {
    this.processed = new ProcessedEvents(connection);
  }

  get durableName(): string {
    // Durable names are per deployment namespace: two deployments on one NATS must not share the work.
    return `${this.config.NATS_NAMESPACE || 'default'}-messaging-contact-sync`;
  }

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = await this.bus.consume(this.durableName, 'evt.contacts.>', (event) => this.handle(event as DomainEvent<{ contactId: string }>));
  }

  private async handle(event: DomainEvent<{ contactId: string }>): Promise<void> {
    const relevant = event.type === ContactEventTypes.updated || event.type === ContactEventTypes.deleted;
    if (!relevant || typeof event.data?.contactId !== 'string') return;
    await this.processed.runOnce(this.durableName, event, () => this.conversations.applyContactChange(event, event.type === ContactEventTypes.deleted));
    this.logger.debug({ eventId: event.id, type: event.type }, 'contact change applied to its conversation');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }
}
