import { type AnyDomainEvent, ContactEventTypes, type DomainEventOf } from '@conversations/contracts';
import { type EventBus, type PeriodicSweep, ProcessedEvents } from '@conversations/service-kit';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';

/** The events a copy follows: a contact's fields changed, or it was deleted. */
export type ContactChangeEvent = DomainEventOf<typeof ContactEventTypes.updated> | DomainEventOf<typeof ContactEventTypes.deleted>;

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
  private ledgerSweep?: PeriodicSweep;
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
    this.consumer = await this.bus.consume(this.durableName, 'evt.contacts.>', (event) => this.handle(event));
    this.ledgerSweep = this.processed.startSweeping(this.logger);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.ledgerSweep?.stop();
    await this.consumer?.stop();
  }

  private async handle(event: AnyDomainEvent): Promise<void> {
    if (event.type !== ContactEventTypes.updated && event.type !== ContactEventTypes.deleted) return;
    const deleted = event.type === ContactEventTypes.deleted;
    if (typeof event.data?.contactId !== 'string') return;
    await this.processed.runOnce(this.durableName, event, async () => {
      const changed = await this.copies.applyContactChange(event, deleted);
      this.logger.debug({ eventId: event.id, type: event.type, changed }, `contact change applied to its ${this.owner} copies`);
    });
  }
}
