import { tenantScopedPlugin } from '@conversations/service-kit';
import { Schema } from 'mongoose';

export const STORED_EVENT_MODEL = 'WebhookStoredEvent';

/**
 * A domain event as it was delivered, kept (WEBHOOK_EVENT_RETENTION_MS) so a time range can be replayed
 * after JetStream's own retention let it go. Only tenants with an endpoint have their events kept.
 */
export interface StoredEventDocument {
  /** The event id: also the `webhook-id` every delivery of it carries. */
  _id: string;
  tenantId: string;
  type: string;
  occurredAt: Date;
  /** The exact JSON body delivered (and signed). */
  body: string;
  storedAt: Date;
}

export const storedEventSchema = new Schema<StoredEventDocument>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true, immutable: true },
    type: { type: String, required: true },
    occurredAt: { type: Date, required: true },
    body: { type: String, required: true },
    storedAt: { type: Date, required: true },
  },
  { collection: 'webhook_events', versionKey: false },
);
storedEventSchema.plugin(tenantScopedPlugin);
// A replay's range of one tenant, oldest first.
storedEventSchema.index({ tenantId: 1, occurredAt: 1, _id: 1 });
// The retention sweep's range.
storedEventSchema.index({ storedAt: 1 });
