import { ContactEventTypes, type DomainEvent } from '@conversations/contracts';
import { type EventBus, ProcessedEvents } from '@conversations/service-kit';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';

/** A contact change as evt.contacts.updated / deleted carry it. */
export type ContactChangeEvent = DomainEvent<{ contactId: string }>;

/** What a service holding copies of contacts implements: apply one change (`deleted`: the contact is gone). */
export interface ContactCopies {
  /** Answers what changed, for the log line. */
  applyContactChange(event: ContactChangeEvent, deleted: boolean): Promise<unknown>;
}

/**
 * Keeps a service's copies of contacts (name, phone, search keys on its conversations or calls) current
 * from evt.contacts.updated / deleted — services never read each other's collections. One durable consumer
 * shared by the service's replicas, per deployment namespace; each event applied once via the
 * processed-events ledger. Provided by contactCopySyncProvider; the service's ContactCopies applies the change.
 */
export class ContactCopySync implements OnApplicationBootstrap, OnApplicationShutdown {
  private consumer?: { stop: () => Promise<void> };
  private readonly processed: ProcessedEvents;

  constructor(
    private readonly bus: EventBus,
    connection: Connection,
    private readonly namespace: string,
    /** Names the consumer and the log line, e.g. `calls` or `messaging`. */
    private readonly owner: string,
    private readonly logger: Logger,
    private readonly copies: ContactCopies,
  ) {
    this.processed = new ProcessedEvents(connection);
  }

  get durableName(): string {
    // Two deployments on one NATS must not share the work.
    return `${this.namespace || 'default'}-${this.owner}-contact-sync`;
  }

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = await this.bus.consume(this.durableName, 'evt.contacts.>', (event) => this.handle(event as ContactChangeEvent));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }

  private async handle(event: ContactChangeEvent): Promise<void> {
    const deleted = event.type === ContactEventTypes.deleted;
    if ((event.type !== ContactEventTypes.updated && !deleted) || typeof event.data?.contactId !== 'string') return;
    await this.processed.runOnce(this.durableName, event, async () => {
      const changed = await this.copies.applyContactChange(event, deleted);
      this.logger.debug({ eventId: event.id, type: event.type, changed }, `contact change applied to its ${this.owner} copies`);
    });
  }
}
