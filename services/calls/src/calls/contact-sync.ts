import { ContactEventTypes, DomainEvent } from '@conversations/contracts';
import { EventBus, ProcessedEvents, ROOT_LOGGER } from '@conversations/service-kit';
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import { CALLS_CONFIG, CallsConfig } from '../config';
import { CallsService } from './calls.service';

/**
 * Keeps every call's copy of its contact (name, phone, search keys) current from evt.contacts.*, through
 * a durable consumer shared by the replicas; idempotent via the processed-events ledger (and the
 * "newer than the copy" condition of the update itself).
 */
@Injectable()
export class ContactSync implements OnApplicationBootstrap, OnApplicationShutdown {
  private consumer?: { stop: () => Promise<void> };
  private readonly processed: ProcessedEvents;

  constructor(
    private readonly bus: EventBus,
    private readonly calls: CallsService,
    @InjectConnection() connection: Connection,
    @Inject(CALLS_CONFIG) private readonly config: CallsConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {
    this.processed = new ProcessedEvents(connection);
  }

  get durableName(): string {
    // Durable names are per deployment namespace: two deployments on one NATS must not share the work.
    return `${this.config.NATS_NAMESPACE || 'default'}-calls-contact-sync`;
  }

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = await this.bus.consume(this.durableName, 'evt.contacts.>', (event) => this.handle(event as DomainEvent<{ contactId: string }>));
  }

  private async handle(event: DomainEvent<{ contactId: string }>): Promise<void> {
    const relevant = event.type === ContactEventTypes.updated || event.type === ContactEventTypes.deleted;
    if (!relevant || typeof event.data?.contactId !== 'string') return;
    await this.processed.runOnce(this.durableName, event, async () => {
      const changed = await this.calls.applyContactChange(event, event.type === ContactEventTypes.deleted);
      this.logger.debug({ eventId: event.id, type: event.type, changed }, 'contact change applied to its calls');
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }
}
