import type { DomainEvent } from '@conversations/contracts';
import type { Model } from 'mongoose';
import type { Logger } from 'pino';
import type { EventBus } from './event-bus';
import { type PeriodicSweep, startPeriodicSweep } from './expiry-sweep';

/**
 * Transactional outbox without transactions: a change and the events describing it are written in ONE
 * single-document update (`$push: { outbox: … }`), so neither exists without the other. The relay then
 * publishes to JetStream and removes what it published; a sweep republishes anything a crash left
 * behind (JetStream's duplicate window and idempotent consumers absorb the rare double publish).
 */
export const OUTBOX_FIELD = { outbox: { type: [Object], default: () => [] } };

export interface WithOutbox {
  outbox: DomainEvent[];
}

export class OutboxRelay {
  private sweeper?: PeriodicSweep;

  constructor(
    private readonly bus: EventBus,
    private readonly logger: Logger,
  ) {}

  /** Publishes events just written into `model`'s document `_id`, then removes them from its outbox. */
  async relay<T>(anyModel: Model<T>, tenantId: string, documentId: unknown, events: DomainEvent[]): Promise<void> {
    if (!events.length) return;
    const model = anyModel as unknown as Model<WithOutbox>;
    try {
      // All at once, not one after another: one connection puts them on the wire in this order, and the
      // stream stores them in the order they arrive (a failed one is republished by the sweep, deduplicated by id).
      await Promise.all(events.map((event) => this.bus.publish(event)));
      // $pullAll with the exact documents: FerretDB v1 silently ignores $pull with a query condition.
      await model.updateOne({ _id: documentId, tenantId }, { $pullAll: { outbox: events } });
    } catch (error) {
      this.logger.warn({ err: error, documentId: String(documentId) }, 'event publish deferred to the outbox sweep');
    }
  }

  /** Republishes what earlier relays left behind, oldest first, in bounded batches. */
  async sweep<T>(models: Model<T>[], batchSize = 200): Promise<number> {
    let published = 0;
    for (const model of models) {
      const pending = await (model as unknown as Model<WithOutbox>)
        .find({ 'outbox.0': { $exists: true } }, { outbox: 1, tenantId: 1 })
        .setOptions({ crossTenant: true })
        .limit(batchSize)
        .lean<Array<{ _id: unknown; tenantId: string; outbox: DomainEvent[] }>>();
      for (const document of pending) {
        await this.relay(model, document.tenantId, document._id, document.outbox);
        published += document.outbox.length;
      }
    }
    return published;
  }

  /** Sweeps now (what a crash before this start left) and then every `intervalMs`, until stopped. */
  startSweeps<T>(models: Model<T>[], intervalMs: number): void {
    this.sweeper = startPeriodicSweep('outbox', () => this.sweep(models), { intervalMs, logger: this.logger, runNow: true });
  }

  async stop(): Promise<void> {
    await this.sweeper?.stop();
  }
}
