import type { AnyDomainEvent } from '@conversations/contracts';
import { deleteOlderThan, isDuplicateKey } from '@conversations/service-kit';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { STORED_EVENT_MODEL, type StoredEventDocument } from './stored-event.schema';

/** How many events one replay may cover: a longer range is refused with a field message (split it). */
export const MAX_REPLAY_EVENTS = 5_000;

@Injectable()
export class EventLogService {
  constructor(@InjectModel(STORED_EVENT_MODEL) private readonly events: Model<StoredEventDocument>) {}

  /** The body deliveries of `event` carry; `event` is kept for replay (idempotent: a redelivery keeps the first). */
  async keep(event: AnyDomainEvent): Promise<StoredEventDocument> {
    const stored: StoredEventDocument = {
      _id: event.id,
      tenantId: event.tenantId,
      type: event.type,
      occurredAt: new Date(event.occurredAt),
      body: JSON.stringify({
        id: event.id,
        type: event.type,
        occurredAt: event.occurredAt,
        tenantId: event.tenantId,
        actor: event.actor,
        data: event.data,
      }),
      storedAt: new Date(),
    };
    try {
      await this.events.create(stored);
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    return stored;
  }

  find(tenantId: string, eventId: string): Promise<StoredEventDocument | null> {
    return this.events.findOne({ _id: eventId, tenantId }).lean<StoredEventDocument>().exec();
  }

  /** The tenant's events in [from, to), oldest first, up to `limit`. */
  inRange(tenantId: string, from: Date, to: Date, limit: number): Promise<Pick<StoredEventDocument, '_id' | 'type' | 'occurredAt'>[]> {
    return this.events
      .find({ tenantId, occurredAt: { $gte: from, $lt: to } }, { _id: 1, type: 1, occurredAt: 1 })
      .sort({ occurredAt: 1, _id: 1 })
      .limit(limit)
      .lean<Pick<StoredEventDocument, '_id' | 'type' | 'occurredAt'>[]>()
      .exec();
  }

  deleteOlderThan(cutoff: Date): Promise<number> {
    return deleteOlderThan(this.events, 'storedAt', cutoff);
  }
}
