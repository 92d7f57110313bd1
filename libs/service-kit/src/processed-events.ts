import type { DomainEvent } from '@conversations/contracts';
import { type Connection, Schema } from 'mongoose';
import { isDuplicateKey } from './duplicate-key';

/**
 * The ledger that makes a JetStream consumer idempotent: an event id is recorded per consumer after
 * its handler succeeded, and a redelivered event already in the ledger is acknowledged unhandled.
 * Handlers still write idempotently (upserts, version checks) for the crash between handler and ledger.
 */
const processedEventSchema = new Schema(
  { _id: { type: String, required: true }, consumer: String, eventId: String, tenantId: String, processedAt: Date },
  { versionKey: false, collection: 'processed_events' },
);

export class ProcessedEvents {
  private readonly model;

  constructor(connection: Connection) {
    this.model = connection.models.ProcessedEvent ?? connection.model('ProcessedEvent', processedEventSchema);
  }

  async runOnce(consumer: string, event: DomainEvent, handle: () => Promise<void>): Promise<boolean> {
    const key = `${consumer}:${event.id}`;
    if (await this.model.exists({ _id: key })) return false;
    await handle();
    try {
      await this.model.create({ _id: key, consumer, eventId: event.id, tenantId: event.tenantId, processedAt: new Date() });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    return true;
  }
}
