import { type AnyDomainEvent, ContactEventTypes, type DomainEventOf } from '@conversations/contracts';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import type { EventBus } from './event-bus';
import type { PeriodicSweep } from './expiry-sweep';
import { ProcessedEvents } from './processed-events';

/**
 * Keeps a service's copies of contacts (name, phone, search keys on its conversations or calls) current
 * from evt.contacts.updated / deleted — services never read each other's collections. One durable consumer
 * shared by the service's replicas, per deployment namespace; each event applied once via the
 * processed-events ledger. A subclass names its copies and says how to apply a change to them.
 */
/** The events a copy follows: a contact's fields changed, or it was deleted. */
export type ContactCopyEvent = DomainEventOf<typeof ContactEventTypes.updated> | DomainEventOf<typeof ContactEventTypes.deleted>;

export abstract class ContactCopySync implements OnApplicationBootstrap, OnApplicationShutdown {
  private consumer?: { stop: () => Promise<void> };
  private ledgerSweep?: PeriodicSweep;
  private readonly processed: ProcessedEvents;

  protected constructor(
    private readonly bus: EventBus,
    connection: Connection,
    private readonly namespace: string,
    /** Names the consumer and the log line, e.g. `calls` or `messaging`. */
    private readonly owner: string,
    private readonly logger: Logger,
  ) {
    this.processed = new ProcessedEvents(connection);
  }

  /** Applies one contact change (`deleted`: the contact is gone) to this service's copies. */
  protected abstract apply(event: ContactCopyEvent, deleted: boolean): Promise<unknown>;

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
      const changed = await this.apply(event, deleted);
      this.logger.debug({ eventId: event.id, type: event.type, changed }, `contact change applied to its ${this.owner} copies`);
    });
  }
}
