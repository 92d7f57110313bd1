import type { WebhookDeliveryStatus } from '@conversations/contracts';
import { tenantScopedPlugin } from '@conversations/service-kit';
import { Schema, type Types } from 'mongoose';

export const WEBHOOK_DELIVERY_MODEL = 'WebhookDelivery';

export interface DeliveryAttempt {
  at: Date;
  durationMs: number;
  statusCode: number | null;
  error: string | null;
  responseBody: string | null;
  url: string;
}

/**
 * One event for one endpoint. A pending delivery is due at `nextAttemptAt`; a dispatcher claims it by
 * moving `nextAttemptAt` a lease ahead under a fresh `leaseToken` (one conditional single-document
 * update), so a replica that dies mid-delivery leaves it due again once the lease ends.
 */
export interface DeliveryDocument {
  _id: Types.ObjectId;
  tenantId: string;
  endpointId: Types.ObjectId;
  eventId: string;
  eventType: string;
  occurredAt: Date;
  origin: 'event' | 'replay' | 'test';
  /** Unique: `<endpoint>:<event>` for an event's own delivery (a redelivered event makes none twice). */
  dedupeKey: string;
  status: WebhookDeliveryStatus;
  /** Attempts since the delivery was created or resent: drives the backoff. */
  attemptCount: number;
  nextAttemptAt: Date | null;
  leaseToken: string | null;
  attempts: DeliveryAttempt[];
  /** The body of a test event (other deliveries read theirs from the event log). */
  body: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
}

export const deliverySchema = new Schema<DeliveryDocument>(
  {
    tenantId: { type: String, required: true, immutable: true },
    endpointId: { type: Schema.Types.ObjectId, required: true },
    eventId: { type: String, required: true },
    eventType: { type: String, required: true },
    occurredAt: { type: Date, required: true },
    origin: { type: String, required: true },
    dedupeKey: { type: String, required: true },
    status: { type: String, required: true },
    attemptCount: { type: Number, default: 0 },
    nextAttemptAt: { type: Date, default: null },
    leaseToken: { type: String, default: null },
    attempts: { type: [Object], default: () => [] },
    body: { type: String, default: null },
    deliveredAt: { type: Date, default: null },
    createdAt: { type: Date, required: true },
  },
  { collection: 'webhook_deliveries', versionKey: false, minimize: false },
);
deliverySchema.plugin(tenantScopedPlugin);
deliverySchema.index({ dedupeKey: 1 }, { unique: true });
// The dispatcher's due-time sweep: pending deliveries, soonest first.
deliverySchema.index({ status: 1, nextAttemptAt: 1 });
// An endpoint's delivery log, newest first (all, or of one status).
deliverySchema.index({ tenantId: 1, endpointId: 1, createdAt: -1, _id: -1 });
deliverySchema.index({ tenantId: 1, endpointId: 1, status: 1, createdAt: -1, _id: -1 });
// The retention sweep's range.
deliverySchema.index({ createdAt: 1 });
