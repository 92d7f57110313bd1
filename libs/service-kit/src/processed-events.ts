import type { DomainEvent } from '@conversations/contracts';
import { type Connection, Schema } from 'mongoose';
import type { Logger } from 'pino';
import { isDuplicateKey } from './duplicate-key';
import { EVENT_DELIVERY } from './event-bus';
import { deleteOlderThan, type PeriodicSweep, startPeriodicSweep } from './expiry-sweep';

/**
 * The ledger that makes a JetStream consumer idempotent: an event id is recorded per consumer after
 * its handler succeeded, and a redelivered event already in the ledger is acknowledged unhandled.
 * Handlers still write idempotently (upserts, version checks) for the crash between handler and ledger.
 */
const processedEventSchema = new Schema(
  { _id: { type: String, required: true }, consumer: String, eventId: String, tenantId: String, processedAt: Date },
  { versionKey: false, collection: 'processed_events' },
);
// The expiry sweep's range (MongoDB reads it from the index; FerretDB v1 filters in memory either way).
processedEventSchema.index({ processedAt: 1 });

/**
 * How long an entry is kept. An event can reach a consumer again until its last redelivery: a publish
 * retried inside the stream's duplicate window is stored once, and a stored event is redelivered at most
 * `maxDeliver` times, each at most an ack wait (a handler that never answered) or the longest nak delay (one
 * that failed) after the previous. Ten times that span covers redeliveries queued behind a backlog and
 * clock skew between the replica that wrote `processedAt` and the one sweeping; past it, the handlers'
 * own idempotent writes (upserts, version checks) are the guard, as they are for a crash before the ledger
 * write. With the defaults: 10 × (10 min + 20 × (30 s + 30 s)) = 5 h.
 */
export function processedEventsRetentionMs(ackWaitMs: number = EVENT_DELIVERY.defaultAckWaitMs): number {
  const { duplicateWindowMs, maxDeliver, maxNakDelayMs } = EVENT_DELIVERY;
  return 10 * (duplicateWindowMs + maxDeliver * (ackWaitMs + maxNakDelayMs));
}

/** Often enough that the ledger holds about one retention's worth, rarely enough that its full read stays cheap. */
const SWEEP_INTERVAL_MS = 10 * 60 * 1000;

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

  /** Deletes entries older than `retentionMs` (a bounded batch per call: see `deleteOlderThan`). */
  deleteExpired(retentionMs = processedEventsRetentionMs(), now = new Date()): Promise<number> {
    return deleteOlderThan(this.model, 'processedAt', new Date(now.getTime() - retentionMs));
  }

  /** The ledger's expiry (FerretDB refuses TTL indexes): `deleteExpired` every few minutes until stopped. */
  startSweeping(logger: Logger, options: { retentionMs?: number; intervalMs?: number } = {}): PeriodicSweep {
    return startPeriodicSweep('processed_events', () => this.deleteExpired(options.retentionMs), {
      intervalMs: options.intervalMs ?? SWEEP_INTERVAL_MS,
      logger,
    });
  }
}
